using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests;

/// <summary>The outcome of one in-process run of the command line.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args) => WithInput(string.Empty, args);

    public static CliRun WithInput(string stdin, params string[] args) => Run(stdin, null, args);

    /// <summary>Runs the command line with the system clock reading <paramref name="now"/> (where no --as-of is given).</summary>
    public static CliRun At(DateTimeOffset now, params string[] args) => Run(string.Empty, new FixedClock(now), args);

    /// <summary>
    /// The time budget per message a test run gets unless it gives its own: a message's budget is wall-clock time, and a
    /// test thread not scheduled for a second on a loaded machine (load 60 on two cores) once took a trivial template past
    /// the 1 s default. Time is not what these tests are about; the tests of <c>--time-budget</c> give their own.
    /// </summary>
    public static readonly TimeSpan TimeBudget = TimeSpan.FromMinutes(10_000);

    /// <summary>The default options with no practical time budget, for a test that loads a catalog itself (see <see cref="TimeBudget"/>).</summary>
    public static CompositionOptions Untimed => Testing.TestOptions.Untimed;

    private static readonly string[] Budgeted = ["render", "explain", "diff", "proof", "watch"];

    /// <summary>
    /// The command line with <c>--time-budget</c> <see cref="TimeBudget"/> after the command's name, for the commands that
    /// decide, unless it gives one or asks for help (whose text stays as a user sees it).
    /// </summary>
    public static string[] WithTestBudget(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || !Budgeted.Contains(args[0], StringComparer.Ordinal)
            || args.Any(static a => a.StartsWith("--time-budget", StringComparison.Ordinal) || a is "--help" or "-h" or "-?"))
        {
            return args;
        }

        return [args[0], "--time-budget", $"{TimeBudget.TotalMinutes:0}m", .. args[1..]];
    }

    private static CliRun Run(string stdin, TimeProvider? clock, string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        using var input = new StringReader(stdin);
        var code = Cli.Run(WithTestBudget(args), stdout, stderr, input, clock: clock);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The run summary's first line on stderr: <c>N records: R rendered, S suppressed, J rejected</c> (details follow it).</summary>
    public string? SummaryLine => Stderr.Split('\n').FirstOrDefault(static l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+ records?: "));

    public List<JsonElement> JsonLines() => [.. StdoutLines.Select(static line => JsonDocument.Parse(line).RootElement.Clone())];

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
