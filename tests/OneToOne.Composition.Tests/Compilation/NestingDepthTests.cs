using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Tests.Compilation;

/// <summary>
/// Templates and conditions nested or chained past the 250 levels Scriban's parser follows (the catalog fuzzer's
/// finding): the error said 'if' might be meant as a field, or to check '{{' and 'end', neither of which was wrong.
/// </summary>
public sealed class NestingDepthTests
{
    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    [Fact]
    public void ATemplateNestingIfsPastTheLimit_IsReportedAsNestedTooDeep_AtTheBlockThatPassesIt()
    {
        var yaml = "catalog: t\nmodules:\n  a:\n    content: |\n      " + Repeat("{{ if x }}", 300) + "a" + Repeat("{{ end }}", 300) + "\n";

        var error = Assert.Single(Errors(yaml));

        Assert.Equal(DiagnosticCodes.TemplateSyntax, error.Code);
        Assert.Equal(new SourceLocation("t.yaml", 5, 7 + (249 * 10) + 3), error.Location);
        Assert.StartsWith("Scriban syntax error in 'content' of module 'a': the code here is nested more than 250 levels deep", error.Message, StringComparison.Ordinal);
        Assert.Contains("Close each block with '{{ end }}' before the next one starts", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("meant as a field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AConditionChainingHundredsOfOr_IsReportedAsNestedTooDeep_AndToldToUseSegments()
    {
        var yaml = "catalog: t\nsegments:\n  many: '" + string.Join(" || ", Enumerable.Range(0, 300).Select(static i => $"iq == {i}")) + "'\n";

        var error = Assert.Single(Errors(yaml));

        Assert.Equal(DiagnosticCodes.ConditionSyntax, error.Code);
        Assert.Equal(("t.yaml", 3), (error.Location.File, error.Location.Line));
        Assert.StartsWith("Scriban syntax error in segment 'many': the code here is nested more than 250 levels deep", error.Message, StringComparison.Ordinal);
        Assert.Contains("as a few named segments", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("every '(' has a matching ')'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATemplateNestingFortyIfs_StillLoads()
    {
        var yaml = "catalog: t\nmodules:\n  a:\n    content: |\n      " + Repeat("{{ if x }}", 40) + "a" + Repeat("{{ end }}", 40) + "\nslots:\n  s: { from: [a] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n";

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out var catalog, out var diagnostics, "t.yaml"), string.Join("\n", diagnostics));
        Assert.Equal("a\n", catalog.Render(catalog.Decide(new Dictionary<string, object?> { ["x"] = true }, "m"), Channel.Text).Body);
    }

    private static List<Diagnostic> Errors(string yaml)
    {
        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));
        return [.. diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)];
    }
}
