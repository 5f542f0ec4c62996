using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Tests.Parsing;

/// <summary>
/// YAML's merge key written without an alias (the catalog fuzzer's finding): '&lt;&lt;: { content: x }' in a module was
/// "Unknown key '&lt;&lt;' in module 'a'. Allowed keys: …", which did not say that merging is what catalogs do not do.
/// </summary>
public sealed class MergeKeyTests
{
    [Fact]
    public void AMergeKeyInAModule_IsReportedAsAMergeKey_NotAsAnUnknownKey()
    {
        const string Yaml = "catalog: t\nmodules:\n  a:\n    <<: { content: x }\n  b: hi\nslots:\n  s: { from: [a, b] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n";

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(Yaml, out _, out var diagnostics, "t.yaml"));

        var merge = Assert.Single(diagnostics, static d => d.Code == DiagnosticCodes.YamlSyntax);
        Assert.Equal(new SourceLocation("t.yaml", 4, 5), merge.Location);
        Assert.StartsWith("'<<' is YAML's merge key, which catalogs do not support: write out in this mapping each key the merge was to bring in", merge.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, static d => d.Code == DiagnosticCodes.UnknownKey);
    }

    [Fact]
    public void AMergeKeyAtTheTop_IsReportedAsAMergeKey()
    {
        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse("catalog: t\n<<: { locale: de-DE }\n", out _, out var diagnostics, "t.yaml"));

        var merge = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.YamlSyntax, new SourceLocation("t.yaml", 2, 1)), (merge.Code, merge.Location));
        Assert.Contains("merge key", merge.Message, StringComparison.Ordinal);
    }
}
