using OneToOne.Composition.Print.Images;

namespace OneToOne.Composition.Print.Tests.Images;

public sealed class ImageCacheTests
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "oto-catalog");

    [Theory]
    [InlineData("logo.png", true)]
    [InlineData("images/a:b.png", true)]
    [InlineData("C:\\images\\logo.png", true)]
    [InlineData("1x:logo.png", true)]
    [InlineData("my logo:1.png", true)]
    [InlineData("https://example.com/logo.png", false)]
    [InlineData("data:image/png;base64,AAAA", false)]
    [InlineData("x-app+v1.2:logo", false)]
    [InlineData("", false)]
    [InlineData("//cdn.example.com/logo.png", false)]
    [InlineData(" //cdn.example.com/logo.png", false)]
    [InlineData("\\\\cdn.example.com\\logo.png", false)]
    [InlineData("/\\cdn.example.com/logo.png", false)]
    [InlineData("/images/logo.png", true)]
    public void IsLocal_IsAPathUnlessTheUrlStartsWithASchemeOfTwoOrMoreCharactersOrIsProtocolRelative(string url, bool local)
    {
        Assert.Equal(local, ImageCache.IsLocal(url));
    }

    [Theory]
    [InlineData("images/my%20logo.png", "images/my logo.png")]
    [InlineData("images/caf%C3%A9.png", "images/café.png")]
    [InlineData("images/../logo%2Epng", "logo.png")]
    public void Resolve_DecodesPercentEscapes_InsideTheFolder(string url, string file)
    {
        Assert.Equal(Path.GetFullPath(Path.Combine(Folder, file)), ImageCache.Resolve(url, Folder));
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("images%2F..%2F..%2Fsecret.png")]
    [InlineData("%2E%2E/secret.png")]
    [InlineData("../secret.png")]
    [InlineData("/etc/passwd")]
    [InlineData("/srv/other-customer/signature.png")]
    public void Resolve_APathThatLeadsOutOfTheFolder_OnceDecoded_IsAnError(string url)
    {
        var exception = Assert.Throws<PrintException>(() => ImageCache.Resolve(url, Folder));

        Assert.Contains($"The image '{url}' leads out of the catalog folder", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_AnAbsolutePathInsideTheFolder_IsThatFile()
    {
        var file = Path.Combine(Folder, "images", "logo.png");

        Assert.Equal(Path.GetFullPath(file), ImageCache.Resolve(file, Folder));
    }
}
