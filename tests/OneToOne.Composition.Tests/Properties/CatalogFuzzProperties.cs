using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using OneToOne.Composition.Testing;
using OneToOne.Composition.Tests.Governance;

namespace OneToOne.Composition.Tests.Properties;

/// <summary>
/// Fuzzes catalog loading: the bundled example catalogs (and the golden cases'), mutated line by line and key by key,
/// either load or fail with a <see cref="CatalogException"/> whose every diagnostic points into one of the catalog's
/// files; nothing else escapes. A catalog that still loads decides, renders and analyses, failing a recipient only
/// with a <see cref="RecipientException"/>. CI runs a few dozen cases from a fixed seed; <see cref="FuzzRun"/> says how to run more.
/// </summary>
public sealed class CatalogFuzzProperties
{
    private static readonly string RepoRoot = FindRepoRoot();
    private static readonly IReadOnlyList<FuzzSeed> Seeds = FuzzSeed.Load(RepoRoot);
    private static readonly List<Recipient> Samples = LoadSamples();

    [Fact]
    public void MutatedCatalogs_LoadOrFailWithDiagnosticsInsideTheirFiles_AndDecideOrRejectEachRecipient()
    {
        Check.One(FuzzRun.Config(60), Prop.ForAll(FuzzCase.Arbitrary(Seeds.Count), Holds));
    }

    private static Property Holds(FuzzCase fuzzCase)
    {
        using var traced = FuzzRun.Trace(fuzzCase);
        var files = fuzzCase.Files(Seeds);
        using var folder = new TempDirectory();
        FuzzFiles.Write(folder.Path, files);
        var problems = new List<string>();
        var options = FixedClock.At("2026-06-01T12:00:00Z", allowDrafts: fuzzCase.Recipient % 2 == 0) with
        {
            ContactHistory = new InMemoryContactHistory(),
            // The default time budget, not the tests' none: a mutated template may run away, and a recipient it rejects
            // is an outcome this property accepts.
            Limits = RenderLimits.Default,
            UseCompiledPaths = fuzzCase.Recipient % 4 < 2,
        };
        Catalog? catalog = null;
        try
        {
            catalog = new CatalogLoader(options).Load(folder.Path);
        }
        catch (CatalogException ex)
        {
            if (!ex.Diagnostics.Any(static d => d.Severity == DiagnosticSeverity.Error))
            {
                problems.Add("the CatalogException has no error");
            }

            problems.AddRange(DiagnosticPlaces.Problems(ex.Diagnostics, folder.Path));
        }
        catch (Exception ex)
        {
            problems.Add($"loading threw {ex}");
        }

        if (catalog is not null)
        {
            problems.AddRange(DiagnosticPlaces.Problems(catalog.Warnings, folder.Path));
            Use(catalog, fuzzCase.Recipient, folder.Path, problems);
        }

        return (problems.Count == 0).Label($"{string.Join("\n", problems)}\n{FuzzFiles.Show(files)}");
    }

    /// <summary>Decides and renders two sample recipients on every channel, and analyses the catalog, as the CLI's commands do.</summary>
    private static void Use(Catalog catalog, int recipient, string folder, List<string> problems)
    {
        Attempt("Analyze", folder, problems, () => problems.AddRange(DiagnosticPlaces.Problems(catalog.Analyze().Findings, folder)));
        foreach (var message in catalog.MessageIds.Take(2))
        {
            Attempt($"Drafts({message})", folder, problems, () =>
                problems.AddRange(catalog.Drafts(message).Select(d => DiagnosticPlaces.Problem(d.Location, folder)).OfType<string>()));
            Attempt($"FindPersonas({message})", folder, problems, () => catalog.FindPersonas(message));
            for (var i = 0; i < 2; i++)
            {
                var sample = Samples[(recipient + i) % Samples.Count];
                Decision? decision = null;
                Attempt($"Decide(sample {(recipient + i) % Samples.Count}, {message})", folder, problems, () => decision = catalog.Decide(sample, message));
                if (decision is not { IsSuppressed: false } decided)
                {
                    continue;
                }

                foreach (var channel in new[] { Channel.Text, Channel.Web, Channel.Print })
                {
                    Attempt($"Render({channel})", folder, problems, () => catalog.Render(decided, channel));
                }

                Attempt("RenderModules(Web)", folder, problems, () => catalog.RenderModules(decided, Channel.Web));
                Attempt("RenderPage", folder, problems, () => catalog.RenderPage(decided));
                Attempt("RenderEmail", folder, problems, () => catalog.RenderEmail(decided));
                Attempt("RenderPrint", folder, problems, () => catalog.RenderPrint(decided));
            }
        }
    }

    /// <summary>Runs one call; a <see cref="RecipientException"/> is its documented failure (and must point into the catalog when it points anywhere), anything else a problem.</summary>
    private static void Attempt(string call, string folder, List<string> problems, Action action)
    {
        try
        {
            action();
        }
        catch (RecipientException ex)
        {
            if (ex.Location is { } location && DiagnosticPlaces.Problem(location, folder) is { } problem)
            {
                problems.Add($"{call}: {problem}: {ex.Message}");
            }
        }
        catch (Exception ex)
        {
            problems.Add($"{call} threw {ex}");
        }
    }

    /// <summary>The example's first recipients, the golden cases' recipients, three bank customers and one recipient with no fields.</summary>
    private static List<Recipient> LoadSamples()
    {
        var samples = File.ReadLines(Path.Combine(RepoRoot, "examples", "beer-of-the-month", "recipients.jsonl")).Take(5)
            .Select(static line => Recipient.FromJson(JsonDocument.Parse(line).RootElement.Clone()))
            .ToList();
        foreach (var folder in Directory.GetDirectories(Path.Combine(TestCatalogs.CasesDirectory, "golden")).Order(StringComparer.Ordinal))
        {
            samples.Add(Recipient.FromJson(JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "recipient.json"))).RootElement.Clone()));
        }

        samples.AddRange(BankCrossSell.Customers.Generate(3, 7).Select(static fields => Recipient.FromDictionary(fields)));
        samples.Add(Recipient.FromDictionary(new Dictionary<string, object?>()));
        return samples;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OneToOne.Composition.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
