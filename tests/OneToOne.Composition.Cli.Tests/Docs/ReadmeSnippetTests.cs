using OneToOne.Composition.Cli.Tests.Packaging;

namespace OneToOne.Composition.Cli.Tests.Docs;

/// <summary>
/// The READMEs' C# compiles against the libraries as a consumer gets them, and the first example runs and prints what
/// the README says: a renamed type, a changed signature or a namespace a snippet does not import fails here, naming the
/// README's line, not in a user's editor.
/// </summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public void EveryReadmeSnippet_Compiles_AgainstTheLibraries()
    {
        var compilation = SnippetCompilation.Readmes;

        var errors = compilation.Errors();

        Assert.True(errors.Count == 0, "README snippets that do not compile (fix the README, or the API if the README is right):\n" + string.Join('\n', errors));
    }

    [Fact]
    public void EveryReadme_HasItsSnippetsFound_AndFewAreLeftUncompiled()
    {
        var snippets = SnippetCompilation.Readmes.Snippets;

        // The repository README's three (first example, batch, web service) and the packages' own: a fence the reader
        // misses (```cs, ```c#) or a new README with none would show here.
        var files = snippets.Select(static s => s.Block.RelativeFile).ToList();
        Assert.Equal("README.md:8", snippets[0].Block.Location);
        Assert.Equal(3, files.Count(static f => f == "README.md"));
        foreach (var package in new[] { "OneToOne.Composition", "OneToOne.Composition.Email", "OneToOne.Composition.Print", "OneToOne.Composition.Sqlite", "OneToOne.Composition.Batch", "OneToOne.Composition.Batch.Email", "OneToOne.Composition.Batch.Print" })
        {
            Assert.True(files.Contains($"src/{package}/README.md"), $"No C# snippet found in src/{package}/README.md; found: {string.Join(", ", files.Distinct())}");
        }

        // The escape hatch stays small: a fragment is not compiled at all.
        Assert.Empty(snippets.Where(static s => s.FragmentReason is not null).Select(static s => s.Block.Location));
    }

    [Fact]
    public void TheFirstReadmeSnippet_Runs_AndPrintsTheTraceAndTheLightBeerFragment()
    {
        var compilation = SnippetCompilation.Readmes;
        Assert.Equal("README.md:8", compilation.Snippets[0].Block.Location);
        using var temp = new TempDirectory();
        var program = compilation.EmitProgram(temp.Path);
        var (dotnet, root) = PackedToolTests.DotnetHost();

        // From the repository root, as the README's `examples/beer-of-the-month` is written.
        var run = ProcessRunner.Run(dotnet, [program], Example.RepoRoot, new Dictionary<string, string?> { ["DOTNET_ROOT"] = root }, TimeSpan.FromMinutes(2));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        // The trace says why: Zoë is female, so the `women` segment holds and the hero slot takes light-beer.
        Assert.Contains("hero", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("light-beer", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("women", run.Stdout, StringComparison.Ordinal);
        // The web fragment: the module's heading with her name, HTML-encoded as the channel writes it.
        Assert.Contains("<h2>A lighter pour for you, Zoë</h2>", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("<strong>Crisp Light Lager</strong>", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("imported-beer</", run.Stdout, StringComparison.Ordinal);
    }
}
