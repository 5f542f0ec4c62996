namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// <c>--confine-to-catalog-folder</c> on every command that loads a catalog: a service that checks, renders, explains,
/// analyses, proofs and compares the catalog folders its tenants upload refuses a <c>*.yaml</c> linked in from outside
/// the folder, unread.
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

    /// <summary>explain, analyze, proof and diff loaded a tenant's folder unconfined: the flag was only on validate and render.</summary>
    [Theory]
    [InlineData("explain", "-m", "m", "-r", "{\"id\":\"r1\"}")]
    [InlineData("analyze")]
    [InlineData("proof", "-m", "m", "--out", "OUT")]
    [InlineData("diff", "SELF", "-r", "RECIPIENTS")]
    public void EveryCommandThatLoadsACatalog_WithTheFlag_RefusesAFileLinkedInFromOutside(string command, params string[] rest)
    {
        using var outside = new TempDirectory();
        File.WriteAllText(outside.File("other.yaml"), "modules:\n  legal: Terms of tenant B.\n");
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("a.yaml"), "catalog: t\nslots:\n  s: { from: [legal] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");
        File.CreateSymbolicLink(folder.File("legal.yaml"), outside.File("other.yaml"));
        using var work = new TempDirectory();
        File.WriteAllText(work.File("recipients.jsonl"), "{\"id\":\"r1\"}\n");
        var args = rest.Select(a => a switch { "OUT" => work.File("proof"), "SELF" => folder.Path, "RECIPIENTS" => work.File("recipients.jsonl"), _ => a }).ToArray();

        var open = CliRun.Of([command, folder.Path, .. args]);
        var confined = CliRun.Of([command, folder.Path, .. args, "--confine-to-catalog-folder"]);

        Assert.True(open.ExitCode == 0, open.ToString());
        Assert.True(confined.ExitCode == 1, confined.ToString());
        Assert.Contains($"{folder.File("legal.yaml")}(1,1): error OTO1008: The file is a symbolic link (or lies behind one) that leads out of the catalog's folder", confined.Stdout + confined.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("tenant B", confined.Stdout + confined.Stderr, StringComparison.Ordinal);
    }
}
