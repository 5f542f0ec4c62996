namespace OneToOne.Composition.Tests.Parsing;

public sealed class SourceHashTests
{
    private const string Yaml = "catalog: t\nmodules:\n  a:\n    content: \"Hi {{ name }}\"\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n";

    [Fact]
    public void SourceHash_IsTheSameForTheSameText_WhereverItIsLoadedFrom()
    {
        var first = Directory.CreateTempSubdirectory("onetoone-hash-");
        var second = Directory.CreateTempSubdirectory("onetoone-hash-");
        try
        {
            File.WriteAllText(Path.Combine(first.FullName, "catalog.yaml"), Yaml);
            File.WriteAllText(Path.Combine(second.FullName, "catalog.yaml"), Yaml);

            var loaded = new CatalogLoader(TestCatalogs.Untimed).Load(first.FullName).SourceHash;

            Assert.Matches("^[0-9a-f]{64}$", loaded);
            Assert.Equal(loaded, new CatalogLoader(TestCatalogs.Untimed).Load(second.FullName).SourceHash);
            Assert.Equal(loaded, new CatalogLoader(TestCatalogs.Untimed).Parse(Yaml).SourceHash);
        }
        finally
        {
            first.Delete(recursive: true);
            second.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("Hi {{ name }}", "Hello {{ name }}")]
    [InlineData("s: { from: [a] }", "s: { from: [a], fallback: a }")]
    public void SourceHash_ChangesWhenTheCatalogDoes(string before, string after)
    {
        var original = new CatalogLoader(TestCatalogs.Untimed).Parse(Yaml).SourceHash;
        var edited = new CatalogLoader(TestCatalogs.Untimed).Parse(Yaml.Replace(before, after, StringComparison.Ordinal)).SourceHash;

        Assert.NotEqual(original, edited);
        Assert.NotEqual(original, new CatalogLoader(TestCatalogs.Untimed).Parse(Yaml, "other.yaml").SourceHash);
    }
}
