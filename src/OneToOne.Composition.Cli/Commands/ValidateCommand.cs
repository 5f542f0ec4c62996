using System.CommandLine;
using System.Globalization;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone validate CATALOG</c>: loads a catalog and prints every diagnostic, or a one-line summary, preceded by an
/// info line for each draft a message can use (a production <c>render</c> refuses them, so a release manager must see them).
/// </summary>
internal sealed class ValidateCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _catalog = CommonSymbols.Catalog();
    private readonly Option<DateTimeOffset?> _asOf = CommonSymbols.AsOf();
    private readonly Option<bool> _confine = CommonSymbols.ConfineToCatalogFolder();

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public ValidateCommand(CliConsole console)
        : base("validate", "Check a catalog: print every problem as path(line,col): error OTO1234: message, or a summary when it is valid.")
    {
        _console = console;
        Arguments.Add(_catalog);
        Options.Add(_asOf);
        Options.Add(_confine);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var output = _console.Out;
        if (!CatalogSource.TryLoad(parseResult.GetRequiredValue(_catalog), output, output, out var catalog, parseResult.GetValue(_asOf), confine: parseResult.GetValue(_confine)))
        {
            return ExitCodes.Failure;
        }

        var drafts = catalog.MessageIds.SelectMany(catalog.Drafts).Distinct().ToList();
        foreach (var draft in drafts)
        {
            var refused = draft.Kind == CatalogItemKind.Message ? "'render' refuses it" : "'render' refuses every message that can use it";
            output.WriteLine($"{draft.Location}: info: {draft.Kind.ToString().ToLowerInvariant()} '{draft.Id}' is a draft (status: draft): {refused}. Approve it with 'status: approved' before a production run.");
        }

        var messages = catalog.MessageIds.Count;
        var warnings = catalog.Warnings.Count(static d => d.Severity == DiagnosticSeverity.Warning);
        var draftNote = drafts.Count == 0 ? string.Empty : $", {drafts.Count} {(drafts.Count == 1 ? "draft" : "drafts")} (render refuses them without --allow-drafts)";
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Catalog '{catalog.Id}' is valid: {messages} {(messages == 1 ? "message" : "messages")} ({string.Join(", ", catalog.MessageIds)}), {warnings} {(warnings == 1 ? "warning" : "warnings")}{draftNote}."));
        return ExitCodes.Success;
    }
}
