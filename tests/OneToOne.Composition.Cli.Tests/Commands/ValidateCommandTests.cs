using System.Text.RegularExpressions;

namespace OneToOne.Composition.Cli.Tests.Commands;

public sealed partial class ValidateCommandTests
{
    [Fact]
    public void Validate_ExampleFolder_ExitsZeroWithSummaryLine()
    {
        var run = CliRun.Of("validate", Example.Folder);

        Assert.True(run.ExitCode == 0, run.ToString());
        var summary = Assert.Single(run.StdoutLines);
        Assert.Equal("Catalog 'beer-of-the-month' is valid: 1 message (monthly), 0 warnings.", summary);
    }

    [Fact]
    public void Validate_CatalogWithDrafts_NamesEachDraftAndCountsThemInTheSummary()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("c.yaml");
        File.WriteAllText(catalog, """
            catalog: t
            modules:
              new-offer: { status: draft, content: "New" }
              old-offer: "Old"
            slots:
              s: { from: [new-offer, old-offer] }
            messages:
              m: { body: '{{ slot "s" }}' }
              n: { status: draft, body: '{{ slot "s" }}' }
            """);

        var run = CliRun.Of("validate", catalog);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                $"{catalog}(3,3): info: module 'new-offer' is a draft (status: draft): 'render' refuses every message that can use it. Approve it with 'status: approved' before a production run.",
                $"{catalog}(9,3): info: message 'n' is a draft (status: draft): 'render' refuses it. Approve it with 'status: approved' before a production run.",
                "Catalog 't' is valid: 2 messages (m, n), 0 warnings, 2 drafts (render refuses them without --allow-drafts).",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void Validate_ExampleFile_ExitsZero()
    {
        var run = CliRun.Of("validate", Example.CatalogFile);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("'beer-of-the-month' is valid", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CopyWithThreeMistakes_PrintsEachWithFileLineAndColumn_ExitsOne()
    {
        using var temp = new TempDirectory();
        var text = File.ReadAllText(Example.CatalogFile).ReplaceLineEndings("\n");

        // 1. A typo'd key in the module 'domestic-beer'.
        text = ReplaceOnce(text, "  domestic-beer:\n    content: |", "  domestic-beer:\n    contnet: |");
        // 2. A slot that names a module nobody defined.
        text = ReplaceOnce(text, "from: [light-beer, imported-beer, domestic-beer]", "from: [light-beer, imported-beer, domestic-beer, craft-beer]");
        // 3. A '{{' that is never closed in the message subject.
        text = ReplaceOnce(text, "subject: \"{{ first_name }}, your", "subject: \"{{ first_name , your");
        var path = temp.File("catalog.yaml");
        File.WriteAllText(path, text);

        var typo = Locate(text, "    contnet: |", "contnet");
        var undefined = Locate(text, "domestic-beer, craft-beer]", "craft-beer");
        // The parser reports the first token it cannot accept inside the open '{{': the ','.
        var broken = Locate(text, "\"{{ first_name , your", ",");

        var run = CliRun.Of("validate", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        AssertHasDiagnostic(run, $"{path}({typo.Line},{typo.Column}): error OTO1002: ", "contnet");
        AssertHasDiagnostic(run, $"{path}({undefined.Line},{undefined.Column}): error OTO1101: ", "craft-beer");
        AssertHasDiagnostic(run, $"{path}({broken.Line},{broken.Column}): error OTO1201: ", "subject");
        Assert.All(run.StdoutLines, line => Assert.Matches(DiagnosticLine(), line));
        Assert.DoesNotContain("is valid", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MissingPath_ExitsOneWithDiagnostic()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-catalog-" + Guid.NewGuid().ToString("N") + ".yaml");

        var run = CliRun.Of("validate", missing);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.StdoutLines);
        Assert.StartsWith($"{missing}(1,1): error OTO", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnclosedListWithLinesAfterIt_ReportsTheBracket_ExitsOne()
    {
        using var temp = new TempDirectory();
        var path = temp.File("v.yaml");
        File.WriteAllText(path, "catalog: t\nx: [a]\ny: [b, c\nz: 1\n");

        var run = CliRun.Of("validate", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        var line = Assert.Single(run.StdoutLines);
        Assert.StartsWith($"{path}(3,4): error OTO1001: ", line, StringComparison.Ordinal);
        Assert.Contains("Add the missing ']'", line, StringComparison.Ordinal);
        Assert.Empty(run.Stderr);
    }

    [Fact]
    public void Validate_MisspeltFunctionAndUnclosedTemplate_ReportsEachOnceWithPosition_ExitsOne()
    {
        using var temp = new TempDirectory();
        var path = temp.File("catalog.yaml");
        File.WriteAllText(path, "catalog: t\nmodules:\n  a:\n    content: \"{{ points | numbr 2 }}\"\n  b:\n    content: \"Hi {{ first_name \"\nslots:\n  s: { from: [a, b] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");

        var run = CliRun.Of("validate", path);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(2, run.StdoutLines.Length);
        AssertHasDiagnostic(run, $"{path}(4,27): error OTO1207: ", "Did you mean 'number'?");
        AssertHasDiagnostic(run, $"{path}(6,18): error OTO1201: ", "never closed");
    }

    [Fact]
    public void Version_PrintsTheVersion()
    {
        var run = CliRun.Of("--version");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("0.1.0", run.Stdout.Trim(), StringComparison.Ordinal);
    }

    private static void AssertHasDiagnostic(CliRun run, string prefix, string mention) =>
        Assert.True(
            run.StdoutLines.Any(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains(mention, StringComparison.Ordinal)),
            $"Expected a line starting with '{prefix}' that mentions '{mention}'.\n{run}");

    [Fact]
    public void Validate_ACatalogNameOverTwoLines_IsOneErrorOnOneLine_ExitsOne()
    {
        // The name was taken as it is, and the summary printed it over three lines.
        using var temp = new TempDirectory();
        var catalog = temp.File("c.yaml");
        File.WriteAllText(catalog, "catalog: |\n  {{ if }}\n  x\nmodules:\n  a: hi\n");

        var run = CliRun.Of("validate", catalog);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            [$"{catalog}(1,10): error OTO1007: The catalog's name must be one line of text, but it is '{{{{ if }}}}\\nx\\n', with a line break, a control character or a text-direction mark. Write it on the same line, such as 'catalog: beer-of-the-month'."],
            run.StdoutLines);
    }

    /// <summary>The 1-based line and column of <paramref name="target"/> inside the unique occurrence of <paramref name="context"/>.</summary>
    private static (int Line, int Column) Locate(string text, string context, string target)
    {
        var at = text.IndexOf(context, StringComparison.Ordinal);
        Assert.True(at >= 0 && text.IndexOf(context, at + 1, StringComparison.Ordinal) < 0, $"'{context}' must occur exactly once.");
        var offset = at + context.IndexOf(target, StringComparison.Ordinal);
        var lineStart = text.LastIndexOf('\n', offset - 1) + 1;
        var line = text.AsSpan(0, offset).Count('\n') + 1;
        return (line, offset - lineStart + 1);
    }

    private static string ReplaceOnce(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, $"The example catalog no longer contains '{from}'.");
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }

    [GeneratedRegex(@"^.+\(\d+,\d+\): (error|warning) OTO\d{4}: .+$")]
    private static partial Regex DiagnosticLine();
}
