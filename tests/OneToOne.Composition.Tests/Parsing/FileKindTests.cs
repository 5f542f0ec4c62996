using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Tests.Parsing;

/// <summary>
/// A font or image the catalog names that cannot work is an error where the catalog names it, when it loads: before,
/// it loaded, and every recipient printed was rejected with the same error.
/// </summary>
public sealed class FileKindTests
{
    public static TheoryData<string, byte[], string?> Fonts => new()
    {
        { "Brand.ttf", [0x00, 0x01, 0x00, 0x00, 0x00, 0x10, 0x01, 0x00], null },
        { "Brand.otf", "OTTO\0\u000b\0\u0080"u8.ToArray(), null },
        { "Brand.ttc", "ttcf\0\u0001\0\0"u8.ToArray(), null },
        { "Brand.ttf", "true\0\u0001\0\0"u8.ToArray(), null },
        { "Brand.woff", "wOFF\0\u0001\0\0"u8.ToArray(), "is a web font (WOFF), which a PDF cannot embed. Use the font's .ttf or .otf file." },
        { "Brand.woff2", "wOF2\0\u0001\0\0"u8.ToArray(), "is a web font (WOFF), which a PDF cannot embed. Use the font's .ttf or .otf file." },
        { "Brand.ttf", [], "is empty. Use a TrueType (.ttf) or OpenType (.otf) font file." },
        { "Brand.ttf", "<!DOCTYPE html><html>"u8.ToArray(), "is not a TrueType or OpenType font (it starts 3C 21 44 4F 43 54 59 50 (\"<!DOCTYP\")). Use a .ttf or .otf font file." },
        { "Brand.ttf", [0x50, 0x4B, 0x03, 0x04, 0x14], "is not a TrueType or OpenType font (it starts 50 4B 03 04 14 (\"PK...\")). Use a .ttf or .otf font file." },
    };

    [Fact]
    public void FontFile_OutsideTheCatalogsFolder_ThatIsNotAFont_IsNotQuoted()
    {
        // Fonts may be named anywhere (system fonts), so a catalog's author names any file: the error must not tell them
        // how a file they cannot read begins (in a service loading its tenants' catalogs, /etc/shadow's "root:*:2").
        using var outside = new TempDirectory();
        File.WriteAllBytes(outside.File("secret"), "root:*:20000:0:99999:7:::"u8.ToArray());
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("catalog.yaml"), $"catalog: t\nmessages:\n  m:\n    body: hi\n    print:\n      fonts:\n        regular: {outside.File("secret")}\n");
        Directory.CreateDirectory(folder.File("fonts"));
        File.CreateSymbolicLink(folder.File("fonts/linked.ttf"), outside.File("secret"));
        File.WriteAllText(folder.File("linked.yaml"), "catalog: t\nmessages:\n  m:\n    body: hi\n    print:\n      fonts:\n        regular: fonts/linked.ttf\n");

        foreach (var (catalog, named) in new[] { ("catalog.yaml", outside.File("secret")), ("linked.yaml", "fonts/linked.ttf") })
        {
            Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.File(catalog), out _, out var diagnostics));

            var error = Assert.Single(diagnostics);
            Assert.Equal(DiagnosticCodes.WrongFileKind, error.Code);
            Assert.Equal($"The font file '{named}' ({Path.GetFullPath(Path.Combine(folder.Path, named))}) is not a TrueType or OpenType font. Use a .ttf or .otf font file.", error.Message);
        }
    }

    public static TheoryData<string, byte[], string?> Images => new()
    {
        { "logo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D], null },
        { "logo.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10], null },
        { "logo.gif", "GIF89a\u0001\0"u8.ToArray(), null },
        { "logo.webp", "RIFF\u0024\0\0\0WEBPVP8 "u8.ToArray(), null },
        { "logo.bmp", "BM\u0036\0\0\0"u8.ToArray(), null },
        { "logo.avif", "\0\0\0\u001cftypavif"u8.ToArray(), null },
        { "logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), null },
        { "logo.png", [], "is empty. Save the image again, or use another file." },
        { "logo.png", "<!DOCTYPE html>\n<title>Sign in</title>"u8.ToArray(), "is not an image but text starting 3C 21 44 4F 43 54 59 50 (\"<!DOCTYP\") (often a web page saved in place of the image, such as a sign-in or \"not found\" page). Download the image itself." },
        { "logo.png", "\uFEFF<html>"u8.ToArray(), "is not an image but text starting EF BB BF 3C 68 74 6D 6C (\"...<html\") (often a web page saved in place of the image, such as a sign-in or \"not found\" page). Download the image itself." },
        { "logo.png", "Not Found"u8.ToArray(), "is not an image print or a mail reader can show (it starts 4E 6F 74 20 46 6F 75 6E (\"Not Foun\")). Use a PNG or JPEG file." },
        { "logo.png", "RIFF\u0024\0\0\0WAVEfmt "u8.ToArray(), "is not an image print or a mail reader can show (it starts 52 49 46 46 24 00 00 00 (\"RIFF$...\")). Use a PNG or JPEG file." },
    };

    [Theory]
    [MemberData(nameof(Fonts))]
    public void FontFile_ThatIsNotAFontPrintCanEmbed_IsAnErrorAtItsPath(string name, byte[] bytes, string? problem)
    {
        using var folder = new TempDirectory();
        File.WriteAllBytes(folder.File(name), bytes);
        File.WriteAllText(folder.File("catalog.yaml"), $"catalog: t\nmessages:\n  m:\n    body: hi\n    print:\n      fonts:\n        fallback: {name}\n");

        var valid = new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.File("catalog.yaml"), out _, out var diagnostics);

        Assert.Equal(problem is null, valid);
        if (problem is not null)
        {
            var error = Assert.Single(diagnostics);
            Assert.Equal(DiagnosticCodes.WrongFileKind, error.Code);
            Assert.Equal($"The font file '{name}' ({folder.File(name)}) {problem}", error.Message);
            Assert.Equal((folder.File("catalog.yaml"), 7, 19), (error.Location.File, error.Location.Line, error.Location.Column));
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void ImageFile_ThatIsNotAnImage_IsAnErrorAtTheImage(string name, byte[] bytes, string? problem)
    {
        using var folder = new TempDirectory();
        File.WriteAllBytes(folder.File(name), bytes);
        File.WriteAllText(folder.File("catalog.yaml"), $"catalog: t\nmodules:\n  a:\n    content: |\n      Our shop\n\n      ![Logo]({name})\n");

        var valid = new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.File("catalog.yaml"), out _, out var diagnostics);

        Assert.Equal(problem is null, valid);
        if (problem is not null)
        {
            var error = Assert.Single(diagnostics);
            Assert.Equal(DiagnosticCodes.WrongFileKind, error.Code);
            Assert.Equal($"Module 'a' shows the image '{name}' ({folder.File(name)}), which {problem}", error.Message);
            Assert.Equal((7, 7), (error.Location.Line, error.Location.Column));
        }
    }

    [Fact]
    public void FontFile_ThatIsAPipe_IsAnErrorAndLoadingEnds()
    {
        // A pipe named as a font: opening it waited for a writer (a catalog load that never ended); one with a writer was read
        // as a file. The test holds the pipe open for reading and writing, with bytes in it, so that the load ends either way.
        using var folder = new TempDirectory();
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [folder.File("Brand.ttf")]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        using var pipe = new FileStream(folder.File("Brand.ttf"), FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        pipe.Write("wOFF\0\u0001\0\0wOFF\0\u0001\0\0"u8);
        File.WriteAllText(folder.File("catalog.yaml"), "catalog: t\nmessages:\n  m:\n    body: hi\n    print:\n      fonts:\n        regular: Brand.ttf\n");

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.File("catalog.yaml"), out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.WrongFileKind, error.Code);
        Assert.Equal($"The font file 'Brand.ttf' ({folder.File("Brand.ttf")}) is not a regular file but a pipe, a socket or a device (or a link to one). Name the file itself.", error.Message);
    }

    [Fact]
    public void ImageFile_ThroughASymbolicLinkOutOfTheFolder_IsAnErrorAtTheImage()
    {
        // Inside the folder by its name, outside once its link is followed: print reads it only from inside, links followed.
        using var folder = new TempDirectory();
        using var outside = new TempDirectory();
        File.WriteAllBytes(outside.File("secret.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]);
        File.CreateSymbolicLink(folder.File("shared"), outside.Path);
        File.WriteAllText(folder.File("catalog.yaml"), "catalog: t\nmodules:\n  a:\n    content: |\n      Our shop\n\n      ![Logo](shared/secret.png)\n");

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.File("catalog.yaml"), out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.MissingFile, 7, 7), (error.Code, error.Location.Line, error.Location.Column));
        Assert.StartsWith($"Module 'a' shows the image 'shared/secret.png', which is outside the catalog's folder ({folder.File("shared/secret.png")}, through a symbolic link);", error.Message, StringComparison.Ordinal);
    }
}
