using System.Diagnostics.CodeAnalysis;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>Loads the catalog a command names and reports its diagnostics in the compiler format.</summary>
internal static class CatalogSource
{
    /// <summary>Loads a catalog. On failure writes every diagnostic, one per line, to <paramref name="diagnosticsOut"/>.</summary>
    /// <param name="path">The catalog file or folder.</param>
    /// <param name="diagnosticsOut">Receives the diagnostics of a catalog that does not compile.</param>
    /// <param name="warningsOut">Receives the warnings of a catalog that compiles.</param>
    /// <param name="catalog">The catalog, when it compiles.</param>
    /// <param name="asOf">The instant date rules are judged at (<c>--as-of</c>), or null for the wall clock.</param>
    /// <param name="history">The contact history frequency caps are judged against, or null.</param>
    /// <param name="allowDrafts">Whether <c>status: draft</c> modules and messages may be decided (<c>--allow-drafts</c>, proofs).</param>
    /// <param name="confine">Whether every file the catalog reads must lie inside its folder (<c>--confine-to-catalog-folder</c>).</param>
    /// <param name="filesRead">Receives, when given, every file the load read or looked for, whether it compiled or not (what <c>watch</c> watches).</param>
    /// <param name="timeBudget">How long one message may take (<c>--time-budget</c>), or null for the default.</param>
    /// <returns>Whether the catalog compiled.</returns>
    public static bool TryLoad(string path, TextWriter diagnosticsOut, TextWriter warningsOut, [NotNullWhen(true)] out Catalog? catalog, DateTimeOffset? asOf = null, Contacts.IContactHistory? history = null, bool allowDrafts = false, bool confine = false, List<string>? filesRead = null, TimeSpan? timeBudget = null) =>
        TryLoad(path, diagnosticsOut, warningsOut, out catalog, asOf is { } instant ? new AsOfTimeProvider(instant) : TimeProvider.System, history, allowDrafts, confine, filesRead, timeBudget);

    /// <summary>Loads a catalog whose rules are judged at a clock's now. On failure writes every diagnostic, one per line, to <paramref name="diagnosticsOut"/>.</summary>
    /// <param name="path">The catalog file or folder.</param>
    /// <param name="diagnosticsOut">Receives the diagnostics of a catalog that does not compile.</param>
    /// <param name="warningsOut">Receives the warnings of a catalog that compiles.</param>
    /// <param name="catalog">The catalog, when it compiles.</param>
    /// <param name="clock">The clock date rules are judged at (a run's pinned instant).</param>
    /// <param name="history">The contact history frequency caps are judged against, or null.</param>
    /// <param name="allowDrafts">Whether <c>status: draft</c> modules and messages may be decided.</param>
    /// <param name="confine">Whether every file the catalog reads must lie inside its folder (<c>--confine-to-catalog-folder</c>).</param>
    /// <param name="filesRead">Receives, when given, every file the load read or looked for, whether it compiled or not.</param>
    /// <param name="timeBudget">How long one message may take (<c>--time-budget</c>), or null for the default.</param>
    /// <returns>Whether the catalog compiled.</returns>
    public static bool TryLoad(string path, TextWriter diagnosticsOut, TextWriter warningsOut, [NotNullWhen(true)] out Catalog? catalog, TimeProvider clock, Contacts.IContactHistory? history, bool allowDrafts, bool confine = false, List<string>? filesRead = null, TimeSpan? timeBudget = null)
    {
        var limits = timeBudget is { } budget ? RenderLimits.Default with { TimeBudget = budget } : RenderLimits.Default;
        var options = CompositionOptions.Default with { TimeProvider = clock, ContactHistory = history, AllowDrafts = allowDrafts, ConfineToCatalogFolder = confine, Limits = limits };
        if (!new CatalogLoader(options).TryLoad(path, out catalog, out var diagnostics, out var read))
        {
            filesRead?.AddRange(read);
            Write(diagnostics, diagnosticsOut);
            if (File.Exists(path) && RecipientReader.FormatFromExtension(path) is not null)
            {
                // JSON is YAML, so a recipients file given as the catalog fails with YAML errors that do not say why.
                diagnosticsOut.WriteLine($"error: '{path}' is a recipients file (JSON Lines or CSV), not a catalog. Give the catalog (a .yaml file or a folder of them) as the first argument, and recipients with -r.");
            }
            else if (MeantPath(path) is { } meant)
            {
                // A typo in a nightly job's catalog path: the loader says the path is not there; the one next to it is named.
                diagnosticsOut.WriteLine($"error: '{path}' does not exist. Did you mean '{meant}'?");
            }

            return false;
        }

        filesRead?.AddRange(read);
        Write(catalog.Warnings, warningsOut);
        return true;
    }

    /// <summary>
    /// For a catalog path that does not exist, the closest name in its folder (a .yaml file or a folder), as the path
    /// would be written with it; null when the path exists, its folder does not, or no name is close.
    /// </summary>
    private static string? MeantPath(string path)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(path);
        if (File.Exists(trimmed) || Directory.Exists(trimmed) || Path.GetFileName(trimmed) is not { Length: > 0 } name)
        {
            return null;
        }

        var folder = Path.GetDirectoryName(trimmed);
        if (!Directory.Exists(string.IsNullOrEmpty(folder) ? "." : folder))
        {
            return null;
        }

        try
        {
            var candidates = new DirectoryInfo(string.IsNullOrEmpty(folder) ? "." : folder).EnumerateFileSystemInfos()
                .Where(static e => e is DirectoryInfo || CatalogFiles.IsCatalogFile(e.Name))
                .Select(static e => e.Name)
                .Order(StringComparer.Ordinal);
            return Suggest.Closest(name, candidates) is { } meant ? (string.IsNullOrEmpty(folder) ? meant : Path.Combine(folder, meant)) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Checks that the catalog has the message, and otherwise says which messages it has.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="messageId">The message id given on the command line.</param>
    /// <param name="errorOut">Receives the error.</param>
    /// <returns>Whether the catalog has the message.</returns>
    public static bool CheckMessage(Catalog catalog, string messageId, TextWriter errorOut)
    {
        if (catalog.MessageIds.Contains(messageId, StringComparer.Ordinal))
        {
            return true;
        }

        var known = catalog.MessageIds.Count == 0 ? "no messages" : "these messages: " + string.Join(", ", catalog.MessageIds);
        errorOut.WriteLine($"error: the catalog '{catalog.Id}' has no message '{messageId}'.{Suggest.DidYouMean(messageId, catalog.MessageIds)} It has {known}.");
        return false;
    }

    /// <summary>Refuses a production run when the message or a module it can place is still a draft, naming each with its position.</summary>
    /// <param name="catalog">The catalog.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="allowDrafts">Whether <c>--allow-drafts</c> was given.</param>
    /// <param name="errorOut">Receives the refusal.</param>
    /// <returns>Whether the run may go on.</returns>
    public static bool CheckDrafts(Catalog catalog, string messageId, bool allowDrafts, TextWriter errorOut)
    {
        var drafts = catalog.Drafts(messageId);
        if (allowDrafts || drafts.Count == 0)
        {
            return true;
        }

        foreach (var draft in drafts)
        {
            errorOut.WriteLine($"{draft.Location}: error: {draft.Kind.ToString().ToLowerInvariant()} '{draft.Id}' is a draft (status: draft). Approve it with 'status: approved' before a production run, or pass --allow-drafts for a test run.");
        }

        return false;
    }

    private static void Write(IReadOnlyList<Diagnostic> diagnostics, TextWriter output)
    {
        foreach (var diagnostic in diagnostics)
        {
            output.WriteLine(diagnostic.ToString());
        }
    }
}
