using System.CommandLine;
using System.Globalization;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Cli.Commands;

/// <summary><c>onetoone validate CATALOG</c>: loads a catalog and prints every diagnostic, or a one-line summary.</summary>
internal sealed class ValidateCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _catalog = CommonSymbols.Catalog();
    private readonly Option<DateTimeOffset?> _asOf = CommonSymbols.AsOf();

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public ValidateCommand(CliConsole console)
        : base("validate", "Check a catalog: print every problem as path(line,col): error OTO1234: message, or a summary when it is valid.")
    {
        _console = console;
        Arguments.Add(_catalog);
        Options.Add(_asOf);
        SetAction(Execute);
    }

    private int Execute(ParseResult parseResult)
    {
        var output = _console.Out;
        if (!CatalogSource.TryLoad(parseResult.GetRequiredValue(_catalog), output, output, out var catalog, parseResult.GetValue(_asOf)))
        {
            return ExitCodes.Failure;
        }

        var messages = catalog.MessageIds.Count;
        var warnings = catalog.Warnings.Count(static d => d.Severity == DiagnosticSeverity.Warning);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Catalog '{catalog.Id}' is valid: {messages} {(messages == 1 ? "message" : "messages")} ({string.Join(", ", catalog.MessageIds)}), {warnings} {(warnings == 1 ? "warning" : "warnings")}."));
        return ExitCodes.Success;
    }
}
