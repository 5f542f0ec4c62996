namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// <c>--confine-to-catalog-folder</c> on <c>validate</c> and <c>render</c>: a service that checks and renders the catalog
/// folders its tenants upload refuses a <c>*.yaml</c> linked in from outside the folder, unread.
/// </summary>
public sealed class ConfineToCatalogFolderTests
{
    [Fact]
    public void ValidateAndRender_WithTheFlag_RefuseAFileLinkedInFromOutside_AndReadItWithout()
    {
        using var outside = new TempDirectory();
        File.WriteAllText(outside.File("other.yaml"), "modules:\n  legal: Terms of tenant B.\n");
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("a.yaml"), "catalog: t\nslots:\n  s: { from: [legal] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");
        File.CreateSymbolicLink(folder.File("legal.yaml"), outside.File("other.yaml"));
        var refusal = $"{folder.File("legal.yaml")}(1,1): error OTO1008: The file is a symbolic link (or lies behind one) that leads out of the catalog's folder ({folder.Path})";

        var open = CliRun.Of("validate", folder.Path);
        var confined = CliRun.Of("validate", folder.Path, "--confine-to-catalog-folder");
        var rendered = CliRun.WithInput("{\"id\":\"r1\"}\n", "render", folder.Path, "-m", "m", "-r", "-", "-c", "text", "--confine-to-catalog-folder");

        Assert.True(open.ExitCode == 0, open.ToString());
        Assert.Equal("Catalog 't' is valid: 1 message (m), 0 warnings.", Assert.Single(open.StdoutLines));
        Assert.True(confined.ExitCode != 0, confined.ToString());
        Assert.StartsWith(refusal, Assert.Single(confined.StdoutLines), StringComparison.Ordinal);
        Assert.True(rendered.ExitCode != 0, rendered.ToString());
        Assert.Empty(rendered.Stdout);
        Assert.StartsWith(refusal, rendered.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant B", confined.Stdout + rendered.Stderr, StringComparison.Ordinal);
    }
}
