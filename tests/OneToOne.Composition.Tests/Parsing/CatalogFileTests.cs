using System.Text;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Tests.Parsing;

/// <summary>
/// A catalog folder is filled by whoever writes the catalog (in a service, a tenant's marketing team): what its
/// <c>*.yaml</c> names hold must not take the loading process with it. Before, every such file was read whole, however
/// large, and a link to <c>/dev/zero</c> read until the process had no memory left (an unhandled OutOfMemoryException
/// after 2 GB), a pipe until someone wrote to it.
/// </summary>
public sealed class CatalogFileTests
{
    private const string Valid = "catalog: t\nmodules:\n  a: hi\nslots:\n  s: { from: [a] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n";

    [Fact]
    public void Folder_FilesWhoseExtensionIsInAnotherCase_ArePartOfTheCatalog()
    {
        // Saved on Windows as 'Offers.YAML', a file was part of the catalog there and left out on Linux, without a word.
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("catalog.yaml"), "catalog: t\nslots:\n  s: { from: [a, b] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");
        File.WriteAllText(folder.File("Offers.YAML"), "modules:\n  a: { when: vip, content: Offer A }\n");
        File.WriteAllText(folder.File("More.Yml"), "modules:\n  b: Offer B\n");
        File.WriteAllText(folder.File("notes.yaml.txt"), "modules: [");

        var catalog = new CatalogLoader(TestCatalogs.Untimed).Load(folder.Path);

        Assert.Equal("Offer A", catalog.Render(catalog.Decide(TestCatalogs.Person(("vip", true)), "m"), Channel.Text).Body.Trim());
        Assert.Equal("Offer B", catalog.Render(catalog.Decide(TestCatalogs.Person(("vip", false)), "m"), Channel.Text).Body.Trim());
    }

    [Fact]
    public void FolderFile_ThatIsALinkToADevice_IsAnErrorNotRead()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("a.yaml"), Valid);
        File.CreateSymbolicLink(folder.File("z.yaml"), "/dev/null");

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.Path, out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.NoCatalogFiles, new SourceLocation(folder.File("z.yaml"), 1, 1)), (error.Code, error.Location));
        Assert.Equal("The file is not a regular file but a pipe, a socket or a device (or a link to one), which a catalog cannot be read from. Remove it from the catalog's folder, or put the YAML file it stands for in its place.", error.Message);
    }

    [Fact]
    public void File_LargerThan16MiB_IsAnErrorNotParsed()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("a.yaml"), Valid);
        var comment = Encoding.UTF8.GetBytes("# " + new string('x', 1021) + "\n");
        using (var big = File.Create(folder.File("b.yaml")))
        {
            for (var i = 0; i <= 16 * 1024; i++)
            {
                big.Write(comment);
            }
        }

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.Path, out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.NoCatalogFiles, new SourceLocation(folder.File("b.yaml"), 1, 1)), (error.Code, error.Location));
        Assert.StartsWith("The file holds more than 16 MiB, far more than a catalog's text needs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_Of16MiB_Loads()
    {
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("a.yaml"), Valid);
        var comment = Encoding.UTF8.GetBytes("# " + new string('x', 1021) + "\n");
        using (var big = File.Create(folder.File("b.yaml")))
        {
            for (var i = 0; i < 16 * 1024; i++)
            {
                big.Write(comment);
            }
        }

        var catalog = new CatalogLoader(TestCatalogs.Untimed).Load(folder.Path);

        Assert.Equal("hi", catalog.Render(catalog.Decide(TestCatalogs.Person(("id", "1")), "m"), Channel.Text).Body.Trim());
    }
}
