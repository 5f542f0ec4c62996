using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace OneToOne.Composition.Cli;

/// <summary>
/// <c>--help</c>, ending with an <c>Examples:</c> section: a newcomer who reads only the help sees how the options go
/// together (which file goes where, what a value looks like) before the first run. Each example is one command line
/// the tool parses as written, as the command whose help shows it (a test holds them to that); the paths are the
/// bundled example's, relative to the repository's root.
/// </summary>
/// <param name="help">System.CommandLine's own help, written first.</param>
/// <param name="output">Where the help goes: standard output.</param>
internal sealed class HelpExamplesAction(HelpAction help, TextWriter output) : SynchronousCommandLineAction
{
    private const string Beer = "examples/beer-of-the-month";

    /// <summary>The examples of each command, by its path below <c>onetoone</c> (the root's is empty).</summary>
    private static readonly Dictionary<string, string[]> ByCommand = new(StringComparer.Ordinal)
    {
        [""] =
        [
            $"onetoone validate {Beer}",
            $"onetoone render {Beer} -m monthly -r {Beer}/recipients.jsonl -c text > out.jsonl",
            $"onetoone explain {Beer} -m monthly -r {Beer}/recipients.csv --id c007",
        ],
        ["validate"] =
        [
            $"onetoone validate {Beer}",
            $"onetoone validate {Beer}/catalog.yaml --as-of 2026-11-23",
        ],
        ["render"] =
        [
            $"onetoone render {Beer} --message monthly --recipients {Beer}/recipients.jsonl --channel text > out.jsonl",
            $"onetoone render {Beer} -m monthly -r {Beer}/recipients.csv -c email --out out/email",
            $"onetoone render {Beer} -m monthly -r {Beer}/recipients.jsonl -c web --format json",
            $"onetoone render {Beer} -m monthly -r {Beer}/recipients.jsonl -c print --merge out/run.pdf",
            $"onetoone render {Beer} -m monthly -r {Beer}/recipients.jsonl -c email --out out/mail --checkpoint out/mail.checkpoint --rejects out/rejects.jsonl --max-rejects 1%",
            $"onetoone render {Beer} -m monthly -r {Beer}/recipients.jsonl -c text --as-of 2026-11-23T22:00:00Z --trace > run.jsonl",
            $"onetoone render {Beer} -m monthly -r {Beer}/recipients.jsonl -c web --out out/web --time-budget 3s",
        ],
        ["explain"] =
        [
            $"onetoone explain {Beer} -m monthly -r '{{\"id\":\"x\",\"first_name\":\"Ada\",\"gender\":\"male\",\"iq\":120,\"tier\":\"gold\",\"points\":10,\"last_category\":\"ipa\",\"country\":\"US\",\"locale\":\"en-US\",\"email\":\"a@example.com\",\"unsubscribed\":false}}'",
            $"onetoone explain {Beer} -m monthly -r {Beer}/recipients.csv --id c007",
            $"onetoone explain {Beer} -m monthly -r {Beer}/recipients.jsonl --record 2 --as-of 2026-11-23T22:00:00Z --run-trace run.jsonl",
        ],
        ["analyze"] =
        [
            $"onetoone analyze {Beer}",
            $"onetoone analyze {Beer} --message monthly --strict",
        ],
        ["proof"] =
        [
            $"onetoone proof {Beer} --message monthly --out out/proof",
            $"onetoone proof {Beer} -m monthly --sample {Beer}/recipients.jsonl -o out/proof",
        ],
        ["diff"] =
        [
            $"onetoone diff old/catalog.yaml {Beer} --recipients {Beer}/recipients.jsonl",
            $"onetoone diff old/catalog.yaml {Beer} -r {Beer}/recipients.jsonl --format json --parallel 2 --exit-code > diff.json",
        ],
        ["watch"] =
        [
            $"onetoone watch {Beer} --message monthly --recipients {Beer}/recipients.jsonl --out out/proof",
        ],
        ["history"] =
        [
            "onetoone history export history.db --recipient c001",
            "onetoone history forget history.db --recipients-file erasure-requests.txt",
            "onetoone history prune history.db --older-than 400d",
            "onetoone history check history.db",
        ],
        ["history check"] =
        [
            "onetoone history check history.db",
        ],
        ["history export"] =
        [
            "onetoone history export history.db --recipient c001 --recipient c002",
        ],
        ["history forget"] =
        [
            "onetoone history forget history.db --recipient c001",
            "onetoone history forget history.db --recipients-file erasure-requests.txt",
        ],
        ["history prune"] =
        [
            "onetoone history prune history.db --older-than 400d",
            "onetoone history prune history.db --before 2026-01-01",
        ],
    };

    /// <summary>The examples of a command, by its path below <c>onetoone</c> (<c>render</c>, <c>history export</c>); empty when it has none.</summary>
    /// <param name="path">The command's path, its names after <c>onetoone</c> separated by spaces; empty for the root.</param>
    /// <returns>The command lines, each starting with <c>onetoone</c>.</returns>
    public static IReadOnlyList<string> For(string path) => ByCommand.GetValueOrDefault(path) ?? [];

    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <summary>Ends the help of every command of <paramref name="root"/> with its examples.</summary>
    /// <param name="root">The tool's root command, whose help option serves every command below it.</param>
    /// <param name="output">Where the help goes: standard output.</param>
    public static void AddTo(RootCommand root, TextWriter output)
    {
        foreach (var option in root.Options)
        {
            if (option is HelpOption { Action: HelpAction help } helpOption)
            {
                helpOption.Action = new HelpExamplesAction(help, output);
            }
        }
    }

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        var code = help.Invoke(parseResult);
        var examples = For(PathOf(parseResult.CommandResult.Command));
        if (examples.Count > 0)
        {
            output.WriteLine("Examples:");
            foreach (var example in examples)
            {
                output.WriteLine($"  {example}");
            }

            output.WriteLine();
        }

        return code;
    }

    /// <summary>A command's names below the root, separated by spaces: <c>history export</c>.</summary>
    private static string PathOf(Command command)
    {
        var names = new List<string>();
        for (Command? current = command; current is not null and not RootCommand; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(current.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
