using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests;

/// <summary>The outcome of one in-process run of the command line.</summary>
internal sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args) => WithInput(string.Empty, args);

    public static CliRun WithInput(string stdin, params string[] args) => Run(stdin, null, args);

    /// <summary>Runs the command line with the system clock reading <paramref name="now"/> (where no --as-of is given).</summary>
    public static CliRun At(DateTimeOffset now, params string[] args) => Run(string.Empty, new FixedClock(now), args);

    private static CliRun Run(string stdin, TimeProvider? clock, string[] args)
    {
        using var stdout = new StringWriter { NewLine = "\n" };
        using var stderr = new StringWriter { NewLine = "\n" };
        using var input = new StringReader(stdin);
        var code = Cli.Run(args, stdout, stderr, input, clock: clock);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public string[] StdoutLines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The run summary's first line on stderr: <c>N records: R rendered, S suppressed, J rejected</c> (details follow it).</summary>
    public string? SummaryLine => Stderr.Split('\n').FirstOrDefault(static l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\d+ records?: "));

    public List<JsonElement> JsonLines() => [.. StdoutLines.Select(static line => JsonDocument.Parse(line).RootElement.Clone())];

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
