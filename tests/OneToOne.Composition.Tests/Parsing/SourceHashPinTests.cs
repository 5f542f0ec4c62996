using System.Text;
using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Tests.Parsing;

/// <summary>
/// <see cref="Catalog.SourceHash"/> is persisted: in checkpoints, decision traces and run records, which a later run
/// compares with the catalog it loaded. These pin its exact hex for fixed catalogs, so a change to how it is computed
/// (not to what it covers) cannot go unnoticed.
/// </summary>
public sealed class SourceHashPinTests
{
    private const string Yaml = "catalog: t\nmodules:\n  a:\n    content: \"Hi {{ name }}\"\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n";

    /// <summary>
    /// The first file: a byte-order mark (which the reader drops, so it is not hashed), CRLF line ends, letters outside
    /// ASCII and outside the Basic Multilingual Plane (a surrogate pair in .NET's strings), and locale variants.
    /// </summary>
    private const string Modules =
        "\uFEFFcatalog: pinned\r\nmodules:\r\n  welcome:\r\n    content: |\r\n      ## Grüß dich, {{ first_name }} 🍺\r\n      ![logo](logo.png)\r\n"
        + "    locales:\r\n      de: { content: \"Hallo {{ first_name }}, schön dich zu sehen\" }\r\n      ja: { content: \"こんにちは {{ first_name }} 🎌\" }\r\n"
        + "slots:\r\n  hero: { from: [welcome] }\r\n";

    /// <summary>The second file (read after the first, ordinal order): a message that prints with a brand font.</summary>
    private const string Messages =
        "messages:\n  monthly:\n    subject: \"{{ first_name }}, € 5 off\"\n    body: \"{{ slot 'hero' }}\"\n    print:\n      fonts:\n        regular: brand.ttf\n";

    [Fact]
    public void SourceHash_OfAFixedText_IsPinned()
    {
        Assert.Equal("1bfdcf2ca67a4add178eaa9c36631229d8a6df79a41166251c03f5ea0c2aac0c", new CatalogLoader(TestCatalogs.Untimed).Parse(Yaml).SourceHash);
        Assert.Equal("bf4984d932d8819315f5450a0b52cc1d359bc9a8619018f61c6632294b88e1e8", new CatalogLoader(TestCatalogs.Untimed).Parse(Yaml, "other.yml").SourceHash);
    }

    [Fact]
    public void SourceHash_OfAFixedFolder_IsPinned_AndCoversTheYamlFilesOnly()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("a-modules.yaml"), Modules, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.WriteAllText(temp.File("b-messages.yml"), Messages, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.WriteAllBytes(temp.File("brand.ttf"), [0x00, 0x01, 0x00, 0x00, 1, 2, 3]);
        File.WriteAllBytes(temp.File("logo.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3]);

        Assert.Equal("78a170f9b94f5fbae59d54f17362097060cb29a192105b2a58941e3ebb8728e3", new CatalogLoader(TestCatalogs.Untimed).Load(temp.Path).SourceHash);

        // The font and the image are not part of it (CatalogMonitor watches their bytes apart): other bytes, the same hash.
        File.WriteAllBytes(temp.File("brand.ttf"), [0x00, 0x01, 0x00, 0x00, 9, 9, 9, 9]);
        File.WriteAllBytes(temp.File("logo.png"), [0x89, (byte)'P', (byte)'N', (byte)'G', 9, 9, 9, 9]);
        Assert.Equal("78a170f9b94f5fbae59d54f17362097060cb29a192105b2a58941e3ebb8728e3", new CatalogLoader(TestCatalogs.Untimed).Load(temp.Path).SourceHash);
    }

    [Fact]
    public void SourceHash_OfALargeText_IsPinned()
    {
        // Some 300,000 characters with a surrogate pair every few, so any piecewise encoding of it splits
        // pairs at its seams (whatever their size) and must join them as one string's encoding does.
        var content = new StringBuilder();
        for (var i = 0; i < 60_000; i++)
        {
            content.Append(i % 7 == 0 ? "é" : "a").Append("🍺x").Append(i % 13 == 0 ? "\\n" : " ");
        }

        var yaml = Yaml.Replace("Hi {{ name }}", content + "{{ name }}", StringComparison.Ordinal);

        Assert.Equal("ca76e2da1d69719d14b9e957e068a50f2491fb3db0e06bfb3cf323420259b39a", new CatalogLoader(TestCatalogs.Untimed).Parse(yaml, "large.yaml").SourceHash);
    }
}
