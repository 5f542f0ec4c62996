using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Tests.Parsing;

/// <summary>
/// A catalog written on Windows or macOS names its images and fonts as those systems find them — <c>Images\Logo.png</c>,
/// or <c>images/logo.png</c> for <c>Images/Logo.png</c> — and loads there. On the Linux server it failed with only "does
/// not exist": the error now names the file that is there, and says why the path written does not find it.
/// </summary>
public sealed class FilePathHintTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];
    private static readonly byte[] Font = [0x00, 0x01, 0x00, 0x00, 0x00, 0x10, 0x01, 0x00];

    [Theory]
    [InlineData("Images\\Logo.png", "Did you mean 'Images/Logo.png'? Write '/' between folders: it works on Windows, macOS and Linux alike, where '\\' is part of a file's name.")]
    [InlineData("images/logo.PNG", "Did you mean 'Images/Logo.png'? File names differ by case here (Linux), unlike on Windows and macOS: write the name as the file has it.")]
    [InlineData("IMAGES\\logo.png", "Did you mean 'Images/Logo.png'? Write '/' between folders")]
    [InlineData("./images/Logo.png", "Did you mean 'Images/Logo.png'? File names differ by case here")]
    public void Image_WrittenAsWindowsOrMacOSFindsIt_IsAnErrorNamingTheFileThatIsThere(string written, string hint)
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.File("Images"));
        File.WriteAllBytes(folder.File("Images/Logo.png"), Png);
        File.WriteAllText(folder.File("catalog.yaml"), $"catalog: t\nmodules:\n  a: \"![Our logo]({written.Replace("\\", "\\\\", StringComparison.Ordinal)})\"\nslots:\n  s: {{ from: [a] }}\nmessages:\n  m: {{ body: '{{{{ slot \"s\" }}}}' }}\n");

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.File("catalog.yaml"), out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.MissingFile, 3), (error.Code, error.Location.Line));
        Assert.Contains($"Module 'a' shows the image '{written}', which does not exist (looked for {Path.GetFullPath(Path.Combine(folder.Path, written))}). Image paths are relative to the catalog file. {hint}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_WrittenAsTheFileIs_Loads()
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.File("Images"));
        File.WriteAllBytes(folder.File("Images/Logo.png"), Png);
        File.WriteAllText(folder.File("catalog.yaml"), "catalog: t\nmodules:\n  a: \"![Our logo](Images/Logo.png)\"\nslots:\n  s: { from: [a] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.File("catalog.yaml"), out _, out var diagnostics), string.Join("\n", diagnostics));
    }

    [Theory]
    [InlineData("Images\\Missing.png")]
    [InlineData("Other/Logo.png")]
    [InlineData("../Images/Logo.png")]
    public void Image_ThatIsNotThereByAnyCaseOrSeparator_HasNoHint(string written)
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.File("Images"));
        File.WriteAllBytes(folder.File("Images/Logo.png"), Png);
        Directory.CreateDirectory(folder.File("catalog"));
        File.WriteAllText(folder.File("catalog/catalog.yaml"), $"catalog: t\nmodules:\n  a: \"![Our logo]({written.Replace("\\", "\\\\", StringComparison.Ordinal)})\"\nslots:\n  s: {{ from: [a] }}\nmessages:\n  m: {{ body: '{{{{ slot \"s\" }}}}' }}\n");

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.File("catalog/catalog.yaml"), out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.MissingFile, error.Code);
        Assert.DoesNotContain("Did you mean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Font_WrittenWithBackslashesAndAnotherCase_IsAnErrorNamingTheFileThatIsThere()
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.File("Fonts"));
        File.WriteAllBytes(folder.File("Fonts/Brand-Bold.ttf"), Font);
        File.WriteAllText(folder.File("catalog.yaml"), "catalog: t\nmessages:\n  m:\n    body: hi\n    print:\n      fonts:\n        bold: fonts\\brand-bold.TTF\n");

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.File("catalog.yaml"), out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.MissingFile, new SourceLocation(folder.File("catalog.yaml"), 7, 15)), (error.Code, error.Location));
        Assert.EndsWith("Font paths are relative to the catalog file. Did you mean 'Fonts/Brand-Bold.ttf'? Write '/' between folders: it works on Windows, macOS and Linux alike, where '\\' is part of a file's name.", error.Message, StringComparison.Ordinal);
    }
}
