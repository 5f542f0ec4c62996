using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Tests.Parsing;

/// <summary>
/// <see cref="CompositionOptions.ConfineToCatalogFolder"/>, for a service that loads folders its tenants upload: a
/// <c>*.yaml</c> in the folder that links to a file outside was read (another tenant's catalog, or any server file, whose
/// key names then showed in OTO1002 errors), and a font path told by its error whether a file outside exists.
/// </summary>
public sealed class ConfineToCatalogFolderTests
{
    private const string Uses = "catalog: t\nslots:\n  s: { from: [legal] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n";

    private static readonly CatalogLoader Confined = new(TestCatalogs.Untimed with { ConfineToCatalogFolder = true });

    [Fact]
    public void FolderFile_LinkedToAFileOutside_IsRefusedUnread_WhenConfined()
    {
        using var outside = new TempDirectory();
        File.WriteAllText(outside.File("other.yaml"), "catalog: t\nmodules:\n  legal: Terms apply.\ntenant-b-private-key: 1\n");
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("a.yaml"), Uses);
        File.CreateSymbolicLink(folder.File("z.yaml"), outside.File("other.yaml"));

        // By default the link is read, as a shared module linked in is meant to be.
        new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.Path, out _, out var read);
        Assert.Contains(read, static d => d.Code == DiagnosticCodes.UnknownKey && d.Message.Contains("tenant-b-private-key", StringComparison.Ordinal));

        Assert.False(Confined.TryLoad(folder.Path, out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.NoCatalogFiles, new SourceLocation(folder.File("z.yaml"), 1, 1)), (error.Code, error.Location));
        Assert.Equal(
            $"The file is a symbolic link (or lies behind one) that leads out of the catalog's folder ({folder.Path}), and this catalog may read only files inside it, links followed (CompositionOptions.ConfineToCatalogFolder; the CLI's --confine-to-catalog-folder), so it was not read. Put the file itself in the folder in place of the link, or load the catalog without the option where linking a file in is meant (a shared legal module).",
            error.Message);
        Assert.DoesNotContain(outside.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedFile_ThatLinksOutOfItsFolder_IsRefused_WhenConfined()
    {
        using var outside = new TempDirectory();
        File.WriteAllText(outside.File("secret.yaml"), "catalog: t\nmodules:\n  legal: x\n");
        using var folder = new TempDirectory();
        File.CreateSymbolicLink(folder.File("catalog.yaml"), outside.File("secret.yaml"));

        Assert.False(Confined.TryLoad(folder.File("catalog.yaml"), out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.NoCatalogFiles, folder.File("catalog.yaml")), (error.Code, error.Location.File));
        Assert.StartsWith($"The file is a symbolic link (or lies behind one) that leads out of the catalog's folder ({folder.Path})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LinksThatStayInsideTheFolder_AreRead_WhenConfined()
    {
        // A shared module kept in a subfolder and linked in, and the folder itself reached through a link ('current').
        using var root = new TempDirectory();
        var folder = Directory.CreateDirectory(root.File("tenant-a")).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "store"));
        File.WriteAllText(Path.Combine(folder, "store", "legal.yaml"), "modules:\n  legal: Terms apply.\n");
        File.CreateSymbolicLink(Path.Combine(folder, "legal.yaml"), "store/legal.yaml");
        File.WriteAllText(Path.Combine(folder, "a.yaml"), Uses);
        Directory.CreateSymbolicLink(root.File("current"), folder);

        Assert.True(Confined.TryLoad(root.File("current"), out var catalog, out var diagnostics), string.Join("\n", diagnostics));

        var decision = catalog.Decide(Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r1" }), "m");
        Assert.Contains("Terms apply.", catalog.Render(decision, Channel.Text).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void FontPathsOutsideTheFolder_GetOneMessage_WhetherTheFileExistsOrNot_WhenConfined()
    {
        using var outside = new TempDirectory();
        File.WriteAllBytes(outside.File("secret"), "root:*:20000:0:99999:7:::"u8.ToArray());
        using var folder = new TempDirectory();
        Directory.CreateSymbolicLink(folder.File("shared"), outside.Path);
        var up = Path.GetRelativePath(folder.Path, outside.Path);
        string[] paths =
        [
            outside.File("secret"), outside.File("missing.ttf"),
            $"{up}/secret", $"{up}/missing.ttf",
            "shared/secret", "shared/missing.ttf",
        ];

        var messages = new List<string>();
        foreach (var path in paths)
        {
            File.WriteAllText(folder.File("catalog.yaml"), $"catalog: t\nmessages:\n  m:\n    body: hi\n    print:\n      fonts:\n        regular: {path}\n");

            Assert.False(Confined.TryLoad(folder.File("catalog.yaml"), out _, out var diagnostics));

            var error = Assert.Single(diagnostics);
            Assert.Equal((DiagnosticCodes.MissingFile, 7, 18), (error.Code, error.Location.Line, error.Location.Column));
            messages.Add(error.Message.Replace($"'{path}'", "'…'", StringComparison.Ordinal));
        }

        Assert.All(messages, m => Assert.Equal(
            $"The font file '…' is outside the catalog's folder ({folder.Path}), by its path or through a symbolic link, and this catalog may read only files inside it (CompositionOptions.ConfineToCatalogFolder; the CLI's --confine-to-catalog-folder). Copy the font file into the catalog's folder and give its path from there.",
            m));
    }

    [Fact]
    public void AFontInsideTheFolder_IsCheckedAsBefore_WhenConfined()
    {
        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.File("fonts"));
        File.WriteAllBytes(folder.File("fonts/brand.ttf"), "<!DOCTYPE html>"u8.ToArray());
        File.WriteAllText(folder.File("catalog.yaml"), "catalog: t\nmessages:\n  m:\n    body: hi\n    print:\n      fonts:\n        regular: fonts/brand.ttf\n");

        Assert.False(Confined.TryLoad(folder.File("catalog.yaml"), out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.WrongFileKind, error.Code);
        Assert.StartsWith("The font file 'fonts/brand.ttf' (", error.Message, StringComparison.Ordinal);
        Assert.Contains("is not a TrueType or OpenType font (it starts 3C 21 44 4F", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageThroughALinkedFolder_IsOutside_WhetherItExistsOrNot()
    {
        // Images are always confined; the load asked whether the file existed first, and so told whether one outside did.
        using var outside = new TempDirectory();
        File.WriteAllBytes(outside.File("secret.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]);
        using var folder = new TempDirectory();
        Directory.CreateSymbolicLink(folder.File("shared"), outside.Path);

        foreach (var name in new[] { "secret.png", "missing.png" })
        {
            File.WriteAllText(folder.File("catalog.yaml"), $"catalog: t\nmodules:\n  a:\n    content: \"![Logo](shared/{name})\"\n");

            Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.File("catalog.yaml"), out _, out var diagnostics));

            var error = Assert.Single(diagnostics);
            Assert.StartsWith($"Module 'a' shows the image 'shared/{name}', which is outside the catalog's folder ({folder.File("shared/" + name)}, through a symbolic link);", error.Message, StringComparison.Ordinal);
        }
    }
}
