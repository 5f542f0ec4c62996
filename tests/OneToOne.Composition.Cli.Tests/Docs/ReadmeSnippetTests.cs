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

        // The repository README's four (first example, batch, web service, observability), the packages' own and the examples': a fence the reader
        // misses (```cs, ```c#) or a new README with none would show here.
        var files = snippets.Select(static s => s.Block.RelativeFile).ToList();
        Assert.Equal("README.md:8", snippets[0].Block.Location);
        Assert.Equal(4, files.Count(static f => f == "README.md"));
        foreach (var package in new[] { "OneToOne.Composition", "OneToOne.Composition.Email", "OneToOne.Composition.Print", "OneToOne.Composition.Sqlite", "OneToOne.Composition.Batch", "OneToOne.Composition.Batch.Email", "OneToOne.Composition.Batch.Print" })
        {
            Assert.True(files.Contains($"src/{package}/README.md"), $"No C# snippet found in src/{package}/README.md; found: {string.Join(", ", files.Distinct())}");
        }

        // The examples' READMEs are read too: the SQLite mail merge's shows the batch runner's core.
        Assert.Contains("examples/sqlite-mail-merge/README.md", files);

        // The escape hatch stays small: a fragment is not compiled at all.
        Assert.Empty(snippets.Where(static s => s.FragmentReason is not null).Select(static s => s.Block.Location));
    }

    [Fact]
    public void EverySnippetThatNeedsNothingFromTheProse_Runs_AndDoesWhatItsReadmeSays()
    {
        var compilation = SnippetCompilation.Readmes;
        using var temp = new TempDirectory();
        var arguments = new List<string>();
        foreach (var index in SnippetCompilation.Runnable(compilation.Snippets))
        {
            var location = compilation.Snippets[index].Block.Location;
            Assert.True(Runs.ContainsKey(location), $"{location}: this snippet needs no variable from the prose, so it is run: add the folder it runs in and what it must print to {nameof(ReadmeSnippetTests)}.{nameof(Runs)}.");
            arguments.Add(Runs[location].Folder(temp.Path));
            arguments.Add(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(Runs.Count, arguments.Count / 2);
        var program = compilation.EmitProgram(Directory.CreateDirectory(Path.Combine(temp.Path, "bin")).FullName);
        var (dotnet, root) = PackedToolTests.DotnetHost();

        // One process for all of them (one start-up), each snippet in its own current directory; the limit is for a hang
        // (a process starting at load 60 on two cores can take minutes).
        var run = ProcessRunner.Run(dotnet, [program, .. arguments], temp.Path, new Dictionary<string, string?> { ["DOTNET_ROOT"] = root }, TimeSpan.FromMinutes(10));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        var outputs = run.Stdout.ReplaceLineEndings("\n").Split("=== ", StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < arguments.Count / 2; i++)
        {
            var location = compilation.Snippets[int.Parse(arguments[(2 * i) + 1], System.Globalization.CultureInfo.InvariantCulture)].Block.Location;
            var output = outputs[i][(outputs[i].IndexOf('\n', StringComparison.Ordinal) + 1)..];
            try
            {
                Runs[location].Check(output, arguments[2 * i]);
            }
            catch (Xunit.Sdk.XunitException e)
            {
                throw new Xunit.Sdk.XunitException($"{location}: the snippet ran, but not as its README says.\n{e.Message}\n--- its output ---\n{output}");
            }
        }
    }

    /// <summary>Where each runnable snippet runs (the files it names, from the bundled example) and what it must do there.</summary>
    private static readonly Dictionary<string, (Func<string, string> Folder, Action<string, string> Check)> Runs = new(StringComparer.Ordinal)
    {
        // The repository README's first example, from the repository root as its `examples/beer-of-the-month` is written.
        ["README.md:8"] = (static _ => Example.RepoRoot, static (output, _) =>
        {
            // The trace says why: Zoë is female, so the `women` segment holds and the hero slot takes light-beer.
            Assert.Contains("segment women: yes", output, StringComparison.Ordinal);
            Assert.Contains("slot hero (pick first) → light-beer", output, StringComparison.Ordinal);
            // The web fragment: the module's heading with her name, as the web channel writes it.
            Assert.Contains("<h2>A lighter pour for you, Zoë</h2>", output, StringComparison.Ordinal);
            Assert.Contains("<strong>Crisp Light Lager</strong>", output, StringComparison.Ordinal);
        }),

        // The core package's page: its snippet on its own `campaign/catalog.yaml`, which "gives Zoë the light lager".
        ["src/OneToOne.Composition/README.md:14"] = (static temp =>
        {
            var folder = Directory.CreateDirectory(Path.Combine(temp, "core", "campaign")).Parent!.FullName;
            var yaml = MarkdownBlock.Read(Path.Combine(Example.RepoRoot, "src", "OneToOne.Composition", "README.md")).Single(static b => b.Language == "yaml");
            File.WriteAllText(Path.Combine(folder, "campaign", "catalog.yaml"), yaml.Text);
            return folder;
        }, static (output, _) =>
        {
            Assert.Contains("slot hero (pick first) → light-beer", output, StringComparison.Ordinal);
            Assert.Contains("<p>Try our <strong>light</strong> lager, Zoë.</p>", output, StringComparison.Ordinal);
        }),

        // The batch package's page: the example's catalog and recipients as its `catalog.yaml` and `recipients.jsonl`;
        // a text file per rendered record in `out/`, and the summary's report on the console.
        ["src/OneToOne.Composition.Batch/README.md:17"] = (static temp => WithExampleFiles(temp, "batch"), static (output, folder) =>
        {
            var input = Example.JsonlRecords();
            var suppressed = input.Count(Example.IsUnsubscribed);
            Assert.Contains($"{input.Count} records: {input.Count - suppressed} rendered, {suppressed} suppressed, 0 rejected", output, StringComparison.Ordinal);
            Assert.Equal(input.Count - suppressed, Directory.GetFiles(Path.Combine(folder, "out"), "*.txt").Length);
            Assert.StartsWith("Subject: Zoë, your beer of the month", File.ReadAllText(Path.Combine(folder, "out", "c001.txt")), StringComparison.Ordinal);
        }),

        // The batch email package's page: `mail/<id>.eml` and `mail/results.jsonl`.
        ["src/OneToOne.Composition.Batch.Email/README.md:11"] = (static temp => WithExampleFiles(temp, "batch-email"), static (_, folder) =>
        {
            var input = Example.JsonlRecords();
            Assert.Equal(input.Count, File.ReadLines(Path.Combine(folder, "mail", "results.jsonl")).Count());
            Assert.Equal(input.Count(static r => !Example.IsUnsubscribed(r)), Directory.GetFiles(Path.Combine(folder, "mail"), "*.eml").Length);
            Assert.Contains("Content-Type: multipart/alternative", File.ReadAllText(Path.Combine(folder, "mail", "c001.eml")), StringComparison.Ordinal);
        }),
    };

    private static string WithExampleFiles(string temp, string name)
    {
        var folder = Directory.CreateDirectory(Path.Combine(temp, name)).FullName;
        File.Copy(Example.CatalogFile, Path.Combine(folder, "catalog.yaml"));
        File.Copy(Example.Jsonl, Path.Combine(folder, "recipients.jsonl"));
        return folder;
    }
}
