using System.Globalization;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// Fuzzes the commands that load a catalog and report on it (<c>validate</c>, <c>analyze</c>, <c>explain</c>) with the
/// mutated catalogs the core's property uses: each exits with one of its documented codes, prints a bad catalog's
/// problems one per line in the compiler format with a place inside the catalog's files, and never an unhandled
/// exception. CI runs a couple of dozen cases from a fixed seed; <see cref="FuzzRun"/> says how to run more.
/// </summary>
public sealed partial class CatalogFuzzTests
{
    private static readonly IReadOnlyList<FuzzSeed> Seeds = FuzzSeed.Load(Example.RepoRoot);
    private static readonly string Recipient = File.ReadLines(Example.Jsonl).First();

    [Fact]
    public void MutatedCatalogs_AreValidatedAnalysedAndExplained_WithDocumentedExitCodesAndPlacedDiagnostics()
    {
        FsCheck.Check.One(FuzzRun.Config(25, share: 4), Prop.ForAll(FuzzCase.Arbitrary(Seeds.Count), Holds));
    }

    private static Property Holds(FuzzCase fuzzCase)
    {
        using var traced = FuzzRun.Trace(fuzzCase);
        var files = fuzzCase.Files(Seeds);
        using var folder = new TempDirectory();
        FuzzFiles.Write(folder.Path, files);
        var problems = new List<string>();

        var validate = CliRun.Of("validate", folder.Path, "--as-of", "2026-06-01");
        Expect(validate, [0, 1], problems);
        foreach (var line in validate.StdoutLines.SkipLast(validate.ExitCode == 0 ? 1 : 0))
        {
            problems.AddRange(LineProblems(line, folder.Path));
        }

        if (validate.ExitCode == 1 && !validate.StdoutLines.Any(static l => l.Contains("): error OTO", StringComparison.Ordinal)))
        {
            problems.Add("validate failed without an error line");
        }

        var analyze = CliRun.Of("analyze", folder.Path, "--as-of", "2026-06-01");
        Expect(analyze, [validate.ExitCode], problems);
        foreach (var line in analyze.StdoutLines.Where(static l => DiagnosticLine().IsMatch(l)))
        {
            problems.AddRange(LineProblems(line, folder.Path));
        }

        var first = validate.ExitCode == 0 ? FirstMessage().Match(validate.StdoutLines[^1]) : null;
        var message = first is { Success: true } ? first.Groups["id"].Value : "monthly";
        Expect(CliRun.Of("explain", folder.Path, "-m", message, "-r", Recipient, "--as-of", "2026-06-01"), [0, 1, 2], problems);

        return (problems.Count == 0).Label($"{string.Join("\n", problems)}\n{FuzzFiles.Show(files)}");
    }

    /// <summary>Checks a run's exit code and that nothing escaped as an unhandled exception (the command line prints those on stderr).</summary>
    private static void Expect(CliRun run, int[] codes, List<string> problems)
    {
        if (!codes.Contains(run.ExitCode) || run.Stderr.Contains("Unhandled exception", StringComparison.Ordinal) || run.Stdout.Contains("Unhandled exception", StringComparison.Ordinal))
        {
            problems.Add($"expected exit {string.Join(" or ", codes)} without an unhandled exception:\n{run}");
        }
    }

    /// <summary>What is wrong with a line that should be a diagnostic in the compiler format, pointing into the catalog's files.</summary>
    private static IEnumerable<string> LineProblems(string line, string folder)
    {
        var match = DiagnosticLine().Match(line);
        if (!match.Success)
        {
            yield return $"not a diagnostic line: {line}";
            yield break;
        }

        var location = new SourceLocation(
            match.Groups["file"].Value,
            int.Parse(match.Groups["line"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["column"].Value, CultureInfo.InvariantCulture));
        if (DiagnosticPlaces.Problem(location, folder) is { } problem)
        {
            yield return $"{problem}: {line}";
        }
    }

    [GeneratedRegex(@"messages? \((?<id>[^,)]+)")]
    private static partial Regex FirstMessage();

    [GeneratedRegex(@"^(?<file>.+)\((?<line>-?\d+),(?<column>-?\d+)\): (?:(?:error|warning) OTO\d{4}|info): \S.*$")]
    private static partial Regex DiagnosticLine();
}
