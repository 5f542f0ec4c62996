using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone history prune HISTORY (--older-than 400d | --before DATE | --catalog CATALOG…) [--as-of DATE] [--vacuum]</c>: deletes
/// the contacts made before a cutoff and wipes them from the file (storage limitation); with <c>--catalog</c> the cutoff
/// is now less the longest cap window the catalogs use, so no decision from now on changes. Prints
/// <c>{"before","pruned"}</c>, with <c>--vacuum</c> then shrinks the file and adds <c>"reclaimedBytes"</c>.
/// </summary>
internal sealed partial class HistoryPruneCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _history = HistoryCommand.File();
    private readonly Option<DateTimeOffset?> _asOf = CommonSymbols.AsOf();

    private readonly Option<TimeSpan?> _olderThan = new("--older-than")
    {
        Description = "Delete contacts made longer ago than this: a number with h, d or w (hours, days, weeks), as caps write windows, such as 400d.",
        HelpName = "AGE",
        CustomParser = static result =>
        {
            var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
            if (AgePattern().Match(text) is { Success: true } match && int.TryParse(match.Groups["n"].Value, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                return match.Groups["unit"].Value switch
                {
                    "h" => TimeSpan.FromHours(n),
                    "d" => TimeSpan.FromDays(n),
                    _ => TimeSpan.FromDays(7 * n),
                };
            }

            result.AddError($"--older-than: '{text}' is not an age. Write a number with h, d or w (hours, days or weeks), such as 400d.");
            return null;
        },
    };

    private readonly Option<DateTimeOffset?> _before = new("--before")
    {
        Description = "Delete contacts made before this instant: an ISO 8601 date (midnight UTC) or date-time with offset.",
        HelpName = "DATE",
        CustomParser = static result => CommonSymbols.Instant(result, "--before"),
    };

    private readonly Option<string[]> _catalog = new("--catalog")
    {
        Description = "Keep what the caps of these catalogs can still count: delete contacts older than the longest cap window any of them uses. Give every catalog that renders with this history (repeat it).",
        HelpName = "CATALOG",
    };

    private readonly Option<bool> _vacuum = new("--vacuum")
    {
        Description = "Then rewrite the file without its free pages, so it shrinks (prints \"reclaimedBytes\"): once, after the first prune of a long-unpruned history; a history pruned every night reuses its free pages and needs no vacuum.",
    };

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public HistoryPruneCommand(CliConsole console)
        : base("prune", "Delete contacts older than a cutoff and wipe them from the file (storage limitation): --older-than AGE, --before DATE, or --catalog CATALOG (its longest cap window); prints {\"before\",\"pruned\"}.")
    {
        _console = console;
        Arguments.Add(_history);
        Options.Add(_olderThan);
        Options.Add(_before);
        Options.Add(_catalog);
        Options.Add(_asOf);
        Options.Add(_vacuum);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var error = _console.Error;
        var olderThan = parseResult.GetValue(_olderThan);
        var before = parseResult.GetValue(_before);
        var catalogs = parseResult.GetValue(_catalog) ?? [];
        if ((olderThan is null ? 0 : 1) + (before is null ? 0 : 1) + (catalogs.Length == 0 ? 0 : 1) != 1)
        {
            error.WriteLine("error: give exactly one cutoff: --older-than AGE (such as 400d), --before DATE, or --catalog CATALOG (prune to its longest cap window).");
            return ExitCodes.Failure;
        }

        if (before is not null && parseResult.GetValue(_asOf) is not null)
        {
            error.WriteLine("error: --as-of has no meaning with --before, which is the cutoff itself. Leave one out.");
            return ExitCodes.Failure;
        }

        var now = parseResult.GetValue(_asOf) ?? _console.Time.GetUtcNow();
        if (catalogs.Length > 0)
        {
            if (Keep(catalogs, error) is not { } window)
            {
                return ExitCodes.Failure;
            }

            olderThan = window;
        }

        var cutoff = before ?? now - olderThan!.Value;
        using var history = HistoryCommand.Open(parseResult.GetRequiredValue(_history), readOnly: false, error);
        if (history is null)
        {
            return ExitCodes.Failure;
        }

        int pruned;
        long? reclaimed = null;
        try
        {
            pruned = history.Prune(cutoff);
            if (parseResult.GetValue(_vacuum))
            {
                reclaimed = history.Vacuum();
            }
        }
        catch (ContactHistoryException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }

        var at = cutoff.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        _console.Out.WriteLine(HistoryCommand.JsonLine(writer =>
        {
            writer.WriteString("before", at);
            writer.WriteNumber("pruned", pruned);
            if (reclaimed is { } bytes)
            {
                writer.WriteNumber("reclaimedBytes", bytes);
            }
        }));
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Pruned {pruned} {(pruned == 1 ? "contact" : "contacts")} made before {at} from '{history.Path}', and wiped them from the file and its log."));
        if (reclaimed is { } shrunk)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Vacuumed: the file shrank by {shrunk:N0} bytes to {new FileInfo(history.Path).Length:N0}."));
        }
        return ExitCodes.Success;
    }

    /// <summary>The longest cap window of the catalogs, or null after writing why there is none (a catalog does not load or has no caps).</summary>
    private static TimeSpan? Keep(string[] catalogs, TextWriter error)
    {
        var longest = TimeSpan.Zero;
        foreach (var path in catalogs)
        {
            if (!CatalogSource.TryLoad(path, error, TextWriter.Null, out var catalog))
            {
                return null;
            }

            if (catalog.LongestCapWindow is not { } window)
            {
                // Pruning to "no window" would empty the history, which another catalog's caps may still need.
                error.WriteLine($"error: catalog '{catalog.Id}' ({path}) has no frequency caps, so it sets no window to keep. Give the catalogs whose caps use this history, or --older-than AGE.");
                return null;
            }

            longest = window > longest ? window : longest;
        }

        return longest;
    }

    [GeneratedRegex(@"^(?<n>[0-9]{1,5})(?<unit>h|d|w)$", RegexOptions.CultureInvariant)]
    private static partial Regex AgePattern();
}
