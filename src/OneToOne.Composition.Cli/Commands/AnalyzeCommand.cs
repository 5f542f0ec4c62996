using System.CommandLine;
using System.Globalization;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone analyze CATALOG [--message ID] [--strict] [--as-of DATE] [--confine-to-catalog-folder]</c>: counts each message's reachable
/// combinations and prints every finding (unreachable modules, empty slots, unused definitions, overlaps, missing
/// translations) in the compiler format; <c>--strict</c> makes findings errors (exit 1) for CI.
/// </summary>
internal sealed class AnalyzeCommand : Command
{
    private readonly CliConsole _console;
    private readonly Argument<string> _catalog = CommonSymbols.Catalog();
    private readonly Option<DateTimeOffset?> _asOf = CommonSymbols.AsOf();
    private readonly Option<bool> _confine = CommonSymbols.ConfineToCatalogFolder();

    private readonly Option<string?> _message = new("--message", "-m")
    {
        Description = "Analyse only this message (unused modules, slots and segments are reported only for the whole catalog).",
        HelpName = "ID",
    };

    private readonly Option<bool> _strict = new("--strict")
    {
        Description = "Treat findings as errors: print them as errors and exit 1 when there is any (for CI).",
    };

    /// <summary>Initializes the command.</summary>
    /// <param name="console">The streams to use.</param>
    public AnalyzeCommand(CliConsole console)
        : base("analyze", "Analyse a catalog's decision logic: reachable combinations per message, unreachable modules, empty slots, unused definitions, overlaps, missing translations.")
    {
        _console = console;
        Arguments.Add(_catalog);
        Options.Add(_message);
        Options.Add(_strict);
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

        var messageId = parseResult.GetValue(_message);
        if (messageId is not null && !CatalogSource.CheckMessage(catalog, messageId, _console.Error))
        {
            return ExitCodes.Failure;
        }

        var strict = parseResult.GetValue(_strict);
        var analysis = catalog.Analyze(messageId);
        foreach (var finding in analysis.Findings)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{finding.Location}: {(strict ? "error" : "warning")} {finding.Code}: {finding.Message}"));
        }

        foreach (var message in analysis.Messages)
        {
            var count = message.ReachableCombinations.ToString("N0", CultureInfo.InvariantCulture);
            var (atLeast, stopped) = message.IsExact ? (string.Empty, string.Empty)
                : ("at least ", " (the search of a group of slots stopped at its limit, so this is a lower bound)");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"message '{message.MessageId}': {atLeast}{count} reachable {(message.ReachableCombinations == 1 ? "combination" : "combinations")} of modules{stopped}, {message.ReachableModules.Count} reachable {(message.ReachableModules.Count == 1 ? "module" : "modules")}{(message.InactiveReason is { } why ? $" (inactive: {why})" : string.Empty)}"));
            if (message.UndecidableConditions.Count > 0)
            {
                output.WriteLine($"  not decided (counted as free true/false): {string.Join(" · ", message.UndecidableConditions)}");
            }
        }

        var findings = analysis.Findings.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{findings} {(findings == 1 ? "finding" : "findings")} as of {analysis.AsOf.ToUniversalTime():yyyy-MM-dd HH:mm} UTC."));
        return strict && findings > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
