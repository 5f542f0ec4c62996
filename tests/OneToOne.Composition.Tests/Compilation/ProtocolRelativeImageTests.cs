using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Tests.Compilation;

/// <summary>
/// A protocol-relative image URL (<c>//cdn.example.com/logo.png</c>) names a server, as an https URL does: .NET reads it
/// as a UNC file path, and the catalog's image check took it for a file outside the catalog's folder (OTO1009), so a
/// catalog whose web modules load their images from a CDN that way did not load.
/// </summary>
public sealed class ProtocolRelativeImageTests
{
    [Theory]
    [InlineData("//cdn.example.com/logo.png")]
    [InlineData(" //cdn.example.com/logo.png?v=2")]
    public void Load_AProtocolRelativeImage_IsRemote_NotAFileOutsideTheFolder(string url)
    {
        var loaded = new CatalogLoader(TestCatalogs.Untimed).TryParse($$$"""
            catalog: cdn
            modules:
              a:
                content: "![logo]({{{url}}}) Hello"
            slots:
              s: { from: [a] }
            messages:
              m:
                subject: x
                body: "{{ slot 's' }}"
            """, out var catalog, out var diagnostics);

        Assert.True(loaded, string.Join("\n", diagnostics));
        Assert.DoesNotContain(diagnostics, static d => d.Code == DiagnosticCodes.MissingFile);
        var html = catalog!.Render(catalog.Decide(Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r1" }), "m"), Channel.Web).Body;
        Assert.Contains($"src=\"{url.Trim()}\" alt=\"logo\"", html, StringComparison.Ordinal);
    }
}
