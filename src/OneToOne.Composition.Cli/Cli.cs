using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using OneToOne.Composition.Cli.Commands;
using OneToOne.Composition.Cli.Output;
using OneToOne.Composition.Cli.Processing;

namespace OneToOne.Composition.Cli;

/// <summary>The <c>onetoone</c> command line: builds the command tree and runs one invocation.</summary>
internal static class Cli
{
    /// <summary>Parses and runs one command line against the given streams.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="stdout">Receives results (JSON Lines for <c>render</c>, reports for <c>validate</c> and <c>explain</c>).</param>
    /// <param name="stderr">Receives progress, summaries and errors.</param>
    /// <param name="stdin">Read when <c>render --recipients -</c> asks for standard input.</param>
    /// <param name="processConsole">Whether the streams are the process's own console (the tool), so live progress may be shown.</param>
    /// <param name="clock">The clock "now" is read from where no <c>--as-of</c> is given; null for the system's.</param>
    /// <returns>The process exit code: see <see cref="ExitCodes"/>.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin, bool processConsole = false, TimeProvider? clock = null) =>
        Run(args, new CliConsole(stdout, stderr, stdin, processConsole, clock));

    /// <summary>Parses and runs one command line against a console's streams (a test's, with its <see cref="CliConsole.FaultProbe"/>).</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="console">The streams, clock and test seam.</param>
    /// <returns>The process exit code: see <see cref="ExitCodes"/>.</returns>
    internal static int Run(string[] args, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var (stdout, stderr) = (console.Out, console.Error);
        var root = Build(console);

        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            ReportParseErrors(parseResult, stderr);
            return ExitCodes.Failure;
        }

        // System.CommandLine's own handler would catch a write to a closed pipe (`diff … | head -1`) and print it with a
        // stack trace: that one goes on to the entry point, which says so in a line; any other failure is reported as
        // the handler reported it.
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return parseResult.Invoke(configuration);
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Failure;
        }
        catch (RecordFaultException ex)
        {
            // A fault of the tool while it worked on a record: which record, at which stage, and the stack trace for the bug report.
            RecordFaultException.Report(stderr, ex.Record, ex.RecipientId, ex.Stage, ex.InnerException!);
            return ExitCodes.InternalError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && !StandardOutput.IsClosedPipe(ex))
        {
            // The file system's (a full disk, a read-only mount, a file where an output folder goes): the operator's to fix,
            // as RecordFaultException.Wrap leaves it too, not a fault of the tool.
            stderr.WriteLine(OneLineText.Escape($"error: {ex.Message}"));
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (!StandardOutput.IsClosedPipe(ex))
        {
            RecordFaultException.Report(stderr, null, null, null, ex);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The command tree of <c>onetoone</c>, every command's help ending with its examples (<see cref="HelpExamplesAction"/>).</summary>
    /// <param name="console">The streams the commands read and write.</param>
    /// <returns>The root command.</returns>
    internal static RootCommand Build(CliConsole console)
    {
        var root = new RootCommand("onetoone: validate, render, explain, analyze, proof, diff and watch OneToOne.Composition catalogs; history: data protection on a contact history.")
        {
            new ValidateCommand(console),
            new RenderCommand(console),
            new ExplainCommand(console),
            new AnalyzeCommand(console),
            new ProofCommand(console),
            new DiffCommand(console),
            new WatchCommand(console),
            new HistoryCommand(console),
        };

        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new VersionAction(console.Out);
            }
        }

        HelpExamplesAction.AddTo(root, console.Out);
        return root;
    }

    /// <summary>
    /// Writes a command line that does not parse as <c>error:</c> lines and one hint, all on standard error: standard
    /// output may be a JSON Lines file (<c>render … &gt; out.jsonl</c>), and the help text would end up in it.
    /// </summary>
    private static void ReportParseErrors(ParseResult parseResult, TextWriter stderr)
    {
        var command = parseResult.CommandResult;
        var errors = parseResult.Errors.AsEnumerable();
        if (command.Command.Subcommands.Count > 0 && parseResult.UnmatchedTokens.Count > 0 && parseResult.Errors.Count > parseResult.UnmatchedTokens.Count)
        {
            // "onetoone bogus": the parser puts "Required command was not provided." first, then the word it did not recognize, which says it all.
            errors = errors.Skip(1);
        }

        if (command.Command.Subcommands.Count > 0 && parseResult.UnmatchedTokens is [var unknown, _, ..] && !unknown.StartsWith('-'))
        {
            // "onetoone rendr CATALOG -m monthly -r FILE": the words after a command the parser did not recognize were
            // meant for that command, not mistakes of their own; a line for each would bury the one that says
            // 'render'. Only the first word the parser did not recognize is reported.
            var reported = false;
            errors = errors.Where(error =>
            {
                if (!parseResult.UnmatchedTokens.Any(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal)))
                {
                    return true;
                }

                var first = !reported;
                reported = true;
                return first;
            }).ToList();
        }

        // "--mesage monthly": once '--mesage' is shown as '--message' mistyped, 'monthly' not being recognized and
        // '--message' not being given are the same mistake again, and not reported.
        var meant = errors.Select(error => (Error: error, Meant: Meant(error, parseResult))).ToList();
        var tokens = parseResult.Tokens.Select(static t => t.Value).ToList();
        var valuesOfMistyped = new List<string>();
        var optionsMeant = new HashSet<string>(StringComparer.Ordinal);
        var searchedFrom = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (word, _, option) in meant.Select(static m => m.Meant).OfType<(string, string, Option?)>())
        {
            if (option is null)
            {
                continue;
            }

            // The same mistyped word given twice: each error stands for the next occurrence.
            optionsMeant.Add($"'{option.Name}'");
            var at = tokens.IndexOf(word, searchedFrom.GetValueOrDefault(word));
            searchedFrom[word] = at + 1;
            if (option.Arity.MaximumNumberOfValues > 0 && word.IndexOfAny(['=', ':']) < 0 && at >= 0 && at + 1 < tokens.Count && !tokens[at + 1].StartsWith('-'))
            {
                valuesOfMistyped.Add(tokens[at + 1]);
            }
        }

        foreach (var (error, suggestion) in meant)
        {
            var unmatched = parseResult.UnmatchedTokens.FirstOrDefault(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal));
            // Each value stands for one occurrence: the same word given again elsewhere is still reported.
            var followOn = suggestion is null
                && (unmatched is not null ? valuesOfMistyped.Remove(unmatched) : optionsMeant.Any(name => error.Message.Contains(name, StringComparison.Ordinal)));
            if (!followOn)
            {
                var meantValue = suggestion is { Suggestion: var name } ? name : ValueMeant(error);
                stderr.WriteLine($"error: {Describe(error)}{(meantValue is null ? string.Empty : $" Did you mean '{meantValue}'?")}");
            }
        }

        var path = string.Join(' ', Ancestors(command).Reverse().Skip(1).Select(static c => c.Command.Name).Prepend("onetoone"));
        stderr.WriteLine($"Run '{path} --help' for usage.");
    }

    /// <summary>One parse error on one line, naming the option it is about when the message does not.</summary>
    private static string Describe(ParseError error)
    {
        // "Must be one of:" lists the allowed values on lines of their own.
        var lines = error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var message = lines.Length == 1 ? lines[0] : $"{lines[0]} {string.Join(", ", lines.Skip(1))}.";
        var option = error.SymbolResult switch
        {
            OptionResult result => result.Option,
            ArgumentResult { Parent: OptionResult result } => result.Option,
            _ => null,
        };
        return option is null || option.Aliases.Prepend(option.Name).Any(alias => Regex.IsMatch(message, $@"(?<![\w-]){Regex.Escape(alias)}(?![\w-])"))
            ? message
            : $"{option.Name}: {message}";
    }

    /// <summary>
    /// For a word the parser did not recognize (<c>rendr</c>, <c>--mesage</c>, <c>--recipient</c> on <c>render</c>), the
    /// closest command or option of the command it was given to, and that option; null when none is close.
    /// </summary>
    private static (string Word, string Suggestion, Option? Option)? Meant(ParseError error, ParseResult parseResult)
    {
        var word = parseResult.UnmatchedTokens.FirstOrDefault(token => error.Message.Contains($"'{token}'", StringComparison.Ordinal));
        if (word is null || word.Length < 2)
        {
            return null;
        }

        var command = parseResult.CommandResult.Command;
        string[] candidates = word.StartsWith('-')
            ? [.. command.Options.Where(static o => !o.Hidden).SelectMany(static o => o.Aliases.Prepend(o.Name)).Where(static a => a.StartsWith("--", StringComparison.Ordinal))]
            : [.. command.Subcommands.Where(static c => !c.Hidden).Select(static c => c.Name)];

        // Close by edit distance, or else a longer spelling of one (--output, --outdir for --out); '--mesage=monthly' by its name.
        var name = word.StartsWith('-') && word.IndexOfAny(['=', ':']) is > 0 and var end ? word[..end] : word;
        var suggestion = Suggest.Closest(name, candidates)
            ?? candidates.FirstOrDefault(c => c.Length >= 5 && name.StartsWith(c, StringComparison.OrdinalIgnoreCase));
        return suggestion is null
            ? null
            : (word, suggestion, command.Options.FirstOrDefault(o => o.Name == suggestion || o.Aliases.Contains(suggestion)));
    }

    /// <summary>
    /// For a value an option does not take (<c>-c Web</c>, <c>--format jsno</c>), the closest of the values it takes: they are
    /// lower-case and matched exactly, as commands and options are, so 'Web' is told 'web' as 'Render' is told 'render'.
    /// Null when the error is not about a value, or none is close.
    /// </summary>
    private static string? ValueMeant(ParseError error)
    {
        var option = error.SymbolResult switch
        {
            OptionResult result => result.Option,
            ArgumentResult { Parent: OptionResult result } => result.Option,
            _ => null,
        };
        var tokens = error.SymbolResult switch
        {
            OptionResult result => result.Tokens,
            ArgumentResult result => result.Tokens,
            _ => [],
        };
        if (option is null)
        {
            return null;
        }

        // The values it takes (AcceptOnlyFromAmong), as completions offer them; an option taking any value has none.
        string[] values = [.. option.GetCompletions(CompletionContext.Empty).Select(static c => c.Label)];
        var value = tokens.Select(static t => t.Value).FirstOrDefault(v => !values.Contains(v, StringComparer.Ordinal) && error.Message.Contains($"'{v}'", StringComparison.Ordinal));
        return value is null || values.Length == 0 ? null : Suggest.Closest(value, values);
    }

    private static IEnumerable<CommandResult> Ancestors(CommandResult command)
    {
        for (SymbolResult? result = command; result is not null; result = result.Parent)
        {
            if (result is CommandResult commandResult)
            {
                yield return commandResult;
            }
        }
    }
}
