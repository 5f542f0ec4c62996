using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Docs;

/// <summary>
/// Every <c>onetoone</c> command of the repository README's shell blocks ("Run it", "More of the tool", "Channels",
/// "Batch runs"), of the tool's own README and of every example's README runs through the tool's in-process entry point on
/// the bundled example, as written, and does what the README says around it: its exit code and a piece of the output it
/// describes. Outputs (<c>out/…</c>) go to a fresh temporary folder, as on a fresh checkout; a file the README means as
/// the reader's own (<c>recipients.jsonl</c>, <c>catalog.yaml</c>) is the example's, said per command in
/// <see cref="Expectation.Files"/>. A command added to a README needs an entry here (or in <see cref="NotRun"/>, saying
/// why), and an entry whose command left the README fails, so the two stay together.
/// </summary>
public sealed class ReadmeCommandTests
{
    private const string Catalog = "examples/beer-of-the-month";

    private static readonly string[] Readmes =
    [
        Path.Combine(Example.RepoRoot, "README.md"),
        Path.Combine(Example.RepoRoot, "src", "OneToOne.Composition.Cli", "README.md"),
        .. MarkdownBlock.ExampleReadmeFiles(),
    ];

    /// <summary>The tool README's stand-ins: its `catalog.yaml` and `customers.*` are the reader's, the example's here.</summary>
    private static readonly Dictionary<string, string> ToolReadmeFiles = new(StringComparer.Ordinal)
    {
        ["catalog.yaml"] = Catalog + "/catalog.yaml",
        ["customers.csv"] = Catalog + "/recipients.csv",
        ["customers.jsonl"] = Catalog + "/recipients.jsonl",
    };

    /// <summary>Commands that are not self-contained on the bundled example, and why.</summary>
    private static readonly Dictionary<string, string> NotRun = new(StringComparer.Ordinal)
    {
        ["onetoone watch examples/beer-of-the-month --message monthly --recipients examples/beer-of-the-month/recipients.jsonl"] =
            "runs until Ctrl+C (WatchCommandTests covers a save and a re-written proof)",
        ["onetoone explain catalog.yaml -m monthly -r '{\"id\":\"c1\",\"first_name\":\"Ada\",\"gender\":\"female\"}'"] =
            "the reader's catalog.yaml, which reads these fields only; the example's reads more (points, email, …), and README.md's explain commands run on it",
        ["onetoone render catalog.yaml -m monthly -r customers.jsonl -c print --out letters/ --merge print/run.pdf"] =
            "the same run as README.md's print command (a PDF per recipient and a merged one), which runs here; 50 letters twice would double the slowest check",
        ["onetoone render examples/beer-of-the-month --message monthly --recipients examples/beer-of-the-month/recipients.jsonl --channel print --out out/letters --merge out/print/run.pdf"] =
            "the example README's print run, the same as README.md's (which runs here) but for the folders; 50 letters twice would double the slowest check",
    };

    /// <summary>What each command must do, in the README's words.</summary>
    private static readonly Dictionary<string, Expectation> Documented = new(StringComparer.Ordinal)
    {
        // "render the bundled example campaign for its 50 recipients (JSON Lines on stdout)"; one object per input record, in input order.
        ["onetoone render examples/beer-of-the-month --message monthly --recipients examples/beer-of-the-month/recipients.jsonl --channel web"] = new(0, static (run, _) =>
        {
            var records = run.JsonLines();
            Assert.Equal(Example.JsonlRecords().Select(static r => r.GetProperty("id").GetString()), records.Select(static r => r.GetProperty("id").GetString()));
            AssertAccounted(run, records, Example.JsonlRecords());
            var zoe = records.First(static r => r.GetProperty("id").GetString() == "c001");
            Assert.Contains("<h2>A lighter pour for you, Zoë</h2>", zoe.GetProperty("body").GetString(), StringComparison.Ordinal);
        }),

        // "exit 0 + summary"; the tool's README: "prints warnings and a one-line summary".
        ["onetoone validate examples/beer-of-the-month"] = new(0, static (run, _) =>
        {
            var line = Assert.Single(run.StdoutLines);
            Assert.Contains("'beer-of-the-month' is valid", line, StringComparison.Ordinal);
        }),

        // The CSV's ten records as text files: `DIR/<id>.txt` (a `Subject:` line, a blank line, the body) and
        // `DIR/results.jsonl` (the per-record objects without `body`, with the `file` written).
        ["onetoone render examples/beer-of-the-month --message monthly --recipients examples/beer-of-the-month/recipients.csv --channel text --out out/beer"] = new(0, static (run, temp) =>
        {
            var results = ResultsOf(Path.Combine(temp, "out", "beer"));
            Assert.Equal(10, results.Count);
            AssertAccounted(run, results, Example.JsonlRecords().Take(10).ToList());
            foreach (var rendered in results.Where(static r => r.GetProperty("status").GetString() == "rendered"))
            {
                Assert.False(rendered.TryGetProperty("body", out _));
                var text = File.ReadAllText(Path.Combine(temp, "out", "beer", rendered.GetProperty("file").GetString()!)).ReplaceLineEndings("\n");
                Assert.StartsWith($"Subject: {rendered.GetProperty("subject").GetString()}\n\n", text, StringComparison.Ordinal);
            }
        }),

        // An inline recipient: the trace (male, iq 120: imported-beer), then the subject and the text body.
        ["onetoone explain examples/beer-of-the-month --message monthly --recipient '{\"id\":\"x\",\"first_name\":\"Ada\",\"gender\":\"male\",\"iq\":120,\"tier\":\"gold\",\"points\":10,\"last_category\":\"ipa\",\"country\":\"US\",\"locale\":\"en-US\",\"email\":\"a@example.com\",\"unsubscribed\":false}'"] = new(0, static (run, _) =>
        {
            var hero = run.Stdout.IndexOf("slot hero (pick first) → imported-beer", StringComparison.Ordinal);
            var subject = run.Stdout.IndexOf("Ada, your beer of the month", StringComparison.Ordinal);
            var body = run.Stdout.IndexOf("Try our imported Bohemian Pilsner.", StringComparison.Ordinal);
            Assert.True(hero >= 0 && subject > hero && body > subject, run.ToString());
        }),

        // "one record of a run's file, read as render read it".
        ["onetoone explain examples/beer-of-the-month --message monthly --recipient examples/beer-of-the-month/recipients.csv --id c007"] = new(0, static (run, _) =>
        {
            var c007 = Example.JsonlRecords().Single(static r => r.GetProperty("id").GetString() == "c007");
            Assert.Contains("recipient c007 ·", run.Stdout, StringComparison.Ordinal);
            Assert.Contains($"slot hero (pick first) → {Example.ExpectedHero(c007)}", run.Stdout, StringComparison.Ordinal);
        }),

        // "reachable combinations + findings (OTO15xx)"; with --strict the findings are errors and the exit code 1.
        ["onetoone analyze examples/beer-of-the-month [--message monthly] [--strict]"] = new(
            0,
            static (run, _) =>
            {
                Assert.Matches(@"message 'monthly': [\d,]+ reachable combinations of modules", run.Stdout);
                Assert.Matches(@"warning OTO15\d\d: ", run.Stdout + run.Stderr);
            },
            WithOptional: new(1, static (run, _) => Assert.Matches(@"error OTO15\d\d: ", run.Stdout + run.Stderr))),

        // "fewest personas showing every module → out/proof/proof.html".
        ["onetoone proof examples/beer-of-the-month --message monthly --out out/proof"] = new(0, static (run, temp) =>
        {
            var proof = File.ReadAllText(Path.Combine(temp, "out", "proof", "proof.html"));
            foreach (var hero in new[] { "light-beer", "imported-beer", "domestic-beer" })
            {
                Assert.Contains(hero, proof, StringComparison.Ordinal);
            }

            Assert.Contains("proof.html", run.Stdout, StringComparison.Ordinal);
        }),

        // Each recipient whose decision changes, then a count: the old version here is the example itself (the README's
        // `old/catalog.yaml` is the reader's earlier copy), so none change.
        ["onetoone diff old/catalog.yaml examples/beer-of-the-month --recipients examples/beer-of-the-month/recipients.jsonl"] = new(
            0,
            static (run, _) => Assert.Equal("0 of 50 recipients change ('monthly').", Assert.Single(run.StdoutLines)),
            Files: new Dictionary<string, string> { ["old/catalog.yaml"] = Catalog + "/catalog.yaml" }),

        // The tool README's first render: JSON Lines on stdout, one object per record (its `recipients.jsonl` is the reader's).
        ["onetoone render examples/beer-of-the-month --message monthly --recipients recipients.jsonl --channel text > out.jsonl"] = new(
            0,
            static (run, temp) =>
            {
                var records = File.ReadLines(Path.Combine(temp, "out", "out.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
                AssertAccounted(run, records, Example.JsonlRecords());
                Assert.StartsWith("Hello Zoë,", records[0].GetProperty("body").GetString(), StringComparison.Ordinal);
            },
            Files: new Dictionary<string, string> { ["recipients.jsonl"] = Catalog + "/recipients.jsonl", ["out.jsonl"] = "out/out.jsonl" }),

        // The tool README: `--channel web` files are `DIR/<id>.html`, a minimal HTML5 document around the fragment …
        ["onetoone render catalog.yaml -m monthly -r customers.csv -c web --out proofs/"] = new(
            0,
            static (run, temp) =>
            {
                AssertAccounted(run, ResultsOf(Path.Combine(temp, "out", "proofs")), Example.JsonlRecords().Take(10).ToList());
                var html = File.ReadAllText(Path.Combine(temp, "out", "proofs", "c001.html"));
                Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.OrdinalIgnoreCase);
                Assert.Contains("<h2>A lighter pour for you, Zoë</h2>", html, StringComparison.Ordinal);
                Assert.DoesNotContain("<main class=\"beer-of-the-month\">", html, StringComparison.Ordinal);
            },
            Files: new Dictionary<string, string>(ToolReadmeFiles) { ["proofs/"] = "out/proofs/" }),

        // … and `--page` "uses the message's `web: layout` page instead".
        ["onetoone render catalog.yaml -m monthly -r customers.csv -c web --page --out previews/"] = new(
            0,
            static (run, temp) =>
            {
                AssertAccounted(run, ResultsOf(Path.Combine(temp, "out", "previews")), Example.JsonlRecords().Take(10).ToList());
                Assert.Contains("<main class=\"beer-of-the-month\">", File.ReadAllText(Path.Combine(temp, "out", "previews", "c001.html")), StringComparison.Ordinal);
            },
            Files: new Dictionary<string, string>(ToolReadmeFiles) { ["previews/"] = "out/previews/" }),

        // The tool README: `--channel email`, a MIME message per recipient as `DIR/<id>.eml`, from the message's `email:` settings.
        ["onetoone render catalog.yaml -m monthly -r customers.jsonl -c email --out outbox/"] = new(
            0,
            static (run, temp) =>
            {
                AssertAccounted(run, ResultsOf(Path.Combine(temp, "out", "outbox")), Example.JsonlRecords());
                var eml = File.ReadAllText(Path.Combine(temp, "out", "outbox", "c001.eml"));
                Assert.Matches("(?m)^From: Beer of the Month Club <club@example.com>", eml);
                Assert.Matches("(?m)^Reply-To: help@example.com", eml);
            },
            Files: new Dictionary<string, string>(ToolReadmeFiles) { ["outbox/"] = "out/outbox/" }),

        // The example's README: "Every female recipient gets `light-beer`, every male with `iq > 93` `imported-beer`,
        // everyone else `domestic-beer`", read from the decision JSON of its CSV run.
        ["onetoone render examples/beer-of-the-month --message monthly --recipients examples/beer-of-the-month/recipients.csv --channel web --format json"] = new(0, static (run, _) =>
        {
            var records = run.JsonLines();
            var input = Example.JsonlRecords().Take(10).ToList();
            AssertAccounted(run, records, input);
            for (var i = 0; i < input.Count; i++)
            {
                if (!Example.IsUnsubscribed(input[i]))
                {
                    Assert.Equal(Example.ExpectedHero(input[i]), Assert.Single(records[i].GetProperty("slots").GetProperty("hero").GetProperty("modules").EnumerateArray()).GetString());
                }
            }
        }),

        // The example's README: pages from the `web: layout`, and an email per recipient. A page declares the catalog's
        // `en-US`, or a British recipient's own `en-GB` (the catalog's language is theirs), and marks the German and
        // French greetings `<p lang="de">` / `<p lang="fr">`.
        ["onetoone render examples/beer-of-the-month --message monthly --recipients examples/beer-of-the-month/recipients.csv --channel web --page --out out/pages"] = new(0, static (run, temp) =>
        {
            var input = Example.JsonlRecords().Take(10).ToList();
            AssertAccounted(run, ResultsOf(Path.Combine(temp, "out", "pages")), input);
            Assert.Contains("<main class=\"beer-of-the-month\">", File.ReadAllText(Path.Combine(temp, "out", "pages", "c001.html")), StringComparison.Ordinal);
            var locales = new HashSet<string>(StringComparer.Ordinal);
            foreach (var recipient in input.Where(static r => !Example.IsUnsubscribed(r)))
            {
                var page = File.ReadAllText(Path.Combine(temp, "out", "pages", recipient.GetProperty("id").GetString() + ".html"));
                var locale = recipient.GetProperty("locale").GetString()!;
                locales.Add(locale);
                Assert.Contains($"<html lang=\"{(locale == "en-GB" ? "en-GB" : "en-US")}\">", page, StringComparison.Ordinal);
                if (locale is "de-DE" or "fr-FR")
                {
                    Assert.Contains($"<p lang=\"{locale[..2]}\">", page, StringComparison.Ordinal);
                }
            }

            Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { "en-US", "en-GB", "de-DE", "fr-FR" }, locales);
        }),
        ["onetoone render examples/beer-of-the-month --message monthly --recipients examples/beer-of-the-month/recipients.jsonl --channel email --out out/mail"] = new(0, static (run, temp) =>
        {
            AssertAccounted(run, ResultsOf(Path.Combine(temp, "out", "mail")), Example.JsonlRecords());
            Assert.Contains("Content-Type: multipart/alternative", File.ReadAllText(Path.Combine(temp, "out", "mail", "c001.eml")), StringComparison.Ordinal);
        }),

        // Channels, web: whole pages from the message's `web: layout`, declaring the language of their text: the example's
        // German recipients read its English texts (one greeting line in German, chosen by a condition, not a `locales:`
        // variant), so the catalog's `locale: en-US`, not de-DE.
        ["onetoone render examples/beer-of-the-month --message monthly --recipients examples/beer-of-the-month/recipients.jsonl --channel web --out out/web --page"] = new(0, static (run, temp) =>
        {
            var results = ResultsOf(Path.Combine(temp, "out", "web"));
            AssertAccounted(run, results, Example.JsonlRecords());
            var german = Example.JsonlRecords().First(static r => r.GetProperty("locale").GetString() == "de-DE" && !Example.IsUnsubscribed(r));
            var page = File.ReadAllText(Path.Combine(temp, "out", "web", german.GetProperty("id").GetString() + ".html"));
            Assert.Contains("<main class=\"beer-of-the-month\">", page, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"en-US\">", page, StringComparison.Ordinal);
        }),

        // Channels, web --format json: `"slots":{"hero":{"modules":["light-beer"],"html":"<h2>…"},…}` and the message's `"html"`.
        ["onetoone render examples/beer-of-the-month --message monthly --recipients examples/beer-of-the-month/recipients.jsonl --channel web --format json"] = new(0, static (run, _) =>
        {
            var records = run.JsonLines();
            AssertAccounted(run, records, Example.JsonlRecords());
            var zoe = records.First(static r => r.GetProperty("id").GetString() == "c001");
            var hero = zoe.GetProperty("slots").GetProperty("hero");
            Assert.Equal(new[] { "light-beer" }, hero.GetProperty("modules").EnumerateArray().Select(static m => m.GetString()));
            Assert.StartsWith("<h2>", hero.GetProperty("html").GetString(), StringComparison.Ordinal);
            Assert.Contains(hero.GetProperty("html").GetString()!, zoe.GetProperty("html").GetString(), StringComparison.Ordinal);
        }),

        // Channels, email: one .eml per recipient (multipart/alternative, List-Unsubscribe, a Message-ID).
        ["onetoone render examples/beer-of-the-month --message monthly --recipients examples/beer-of-the-month/recipients.jsonl --channel email --out out/email"] = new(0, static (run, temp) =>
        {
            var results = ResultsOf(Path.Combine(temp, "out", "email"));
            AssertAccounted(run, results, Example.JsonlRecords());
            var eml = File.ReadAllText(Path.Combine(temp, "out", "email", "c001.eml"));
            Assert.Contains("Content-Type: multipart/alternative", eml, StringComparison.Ordinal);
            Assert.Matches("(?m)^List-Unsubscribe: <https://", eml);
            Assert.Matches("(?mi)^Message-ID: <", eml);
        }),

        // Channels, print: one PDF per recipient, and one merged PDF with a manifest of page ranges.
        ["onetoone render examples/beer-of-the-month --message monthly --recipients examples/beer-of-the-month/recipients.jsonl --channel print --out out/print --merge out/run.pdf"] = new(0, static (run, temp) =>
        {
            var results = ResultsOf(Path.Combine(temp, "out", "print"));
            AssertAccounted(run, results, Example.JsonlRecords());
            var rendered = results.Where(static r => r.GetProperty("status").GetString() == "rendered").Select(static r => r.GetProperty("id").GetString()).ToList();
            Assert.All(rendered, id => Assert.True(File.Exists(Path.Combine(temp, "out", "print", id + ".pdf")), id));
            using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp, "out", "run.manifest.json")));
            Assert.Equal(rendered, manifest.RootElement.GetProperty("entries").EnumerateArray().Select(static e => e.GetProperty("recipientId").GetString()));
            Assert.Equal(manifest.RootElement.GetProperty("totalPages").GetInt32(), PdfText.PageCount(Path.Combine(temp, "out", "run.pdf")));
        }),

        // Batch runs: every record accounted for in the summary (`input = rendered + suppressed + rejected`, with
        // `missingConditionFields` and `arms`), a rejects list, a checkpoint, and no lock file left once the run ends.
        // The README's `recipients.jsonl` is the reader's own file; the example's stands in for it.
        ["onetoone render examples/beer-of-the-month -m monthly -r recipients.jsonl -c email --out out/mail --parallel 8 --checkpoint out/mail.checkpoint --rejects out/rejects.jsonl --summary out/summary.json --max-rejects 1% --schema 'id:text!,first_name:text!,iq:number'"] = new(
            0,
            static (run, temp) =>
            {
                var results = ResultsOf(Path.Combine(temp, "out", "mail"));
                AssertAccounted(run, results, Example.JsonlRecords());
                using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp, "out", "summary.json")));
                var root = summary.RootElement;
                Assert.Equal(50, root.GetProperty("input").GetInt32());
                Assert.Equal(50, root.GetProperty("rendered").GetInt32() + root.GetProperty("suppressed").GetInt32() + root.GetProperty("rejected").GetInt32());
                Assert.Equal(JsonValueKind.Object, root.GetProperty("missingConditionFields").ValueKind);
                Assert.Equal(JsonValueKind.Object, root.GetProperty("arms").ValueKind);
                Assert.Equal(string.Empty, File.ReadAllText(Path.Combine(temp, "out", "rejects.jsonl")));
                Assert.True(File.Exists(Path.Combine(temp, "out", "mail.checkpoint")));
                Assert.Empty(Directory.GetFiles(Path.Combine(temp, "out"), "*lock*", SearchOption.AllDirectories));
            },
            Files: new Dictionary<string, string> { ["recipients.jsonl"] = Catalog + "/recipients.jsonl" }),
    };

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var text in Readmes.SelectMany(ReadmeCommand.In).Select(static c => c.Text).Distinct())
        {
            data.Add(text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void ReadmeCommand_RunsOnTheExample_AsTheReadmeSays(string text)
    {
        var command = Readmes.SelectMany(ReadmeCommand.In).First(c => c.Text == text);
        if (NotRun.ContainsKey(text))
        {
            return;
        }

        Assert.True(
            Documented.ContainsKey(text),
            $"{command.Location}: `{text}` is new: add what it must do to {nameof(ReadmeCommandTests)}.{nameof(Documented)} (its exit code and a piece of the output the README describes), or to {nameof(NotRun)} saying why it cannot run here.");

        var expected = Documented[text];
        using (var temp = new TempDirectory())
        {
            var run = CliRun.Of([.. command.Arguments.Select(a => Resolve(a, temp.Path, expected.Files))]);
            Assert.True(run.ExitCode == expected.ExitCode, $"{command.Location}: `{text}`\n{run}");
            if (command.StdoutFile is not null)
            {
                var file = Resolve(command.StdoutFile, temp.Path, expected.Files);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, run.Stdout); // what the shell's `>` would have written
            }

            expected.Check(run, temp.Path);
        }

        if (command.Optional.Count > 0)
        {
            Assert.NotNull(expected.WithOptional);
            using var temp = new TempDirectory();
            var run = CliRun.Of([.. command.Arguments.Concat(command.Optional).Select(a => Resolve(a, temp.Path, expected.Files))]);
            Assert.True(run.ExitCode == expected.WithOptional.ExitCode, $"{command.Location}: `{text}` with {string.Join(' ', command.Optional)}\n{run}");
            expected.WithOptional.Check(run, temp.Path);
        }
    }

    [Fact]
    public void EveryCommandCheckedHere_IsStillInTheReadme()
    {
        var inReadme = Readmes.SelectMany(ReadmeCommand.In).Select(static c => c.Text).ToHashSet(StringComparer.Ordinal);

        var stale = Documented.Keys.Concat(NotRun.Keys).Where(k => !inReadme.Contains(k)).ToList();
        Assert.True(stale.Count == 0, "Checked here but no longer in the README (update the entry to the README's command):\n" + string.Join('\n', stale));
        // The sections this covers: "Run it" (the main job through `dotnet run`), the tool, the channels, a batch run, and
        // the tool README's and the example's.
        Assert.True(inReadme.Count >= 23, string.Join('\n', inReadme));
    }

    /// <summary>A README path as the test runs it: the example's from the repository root, outputs (<c>out/…</c>) in the test's folder.</summary>
    private static string Resolve(string argument, string temp, IReadOnlyDictionary<string, string>? files)
    {
        if (files is not null && files.TryGetValue(argument, out var file))
        {
            argument = file;
        }

        return argument.StartsWith("examples/", StringComparison.Ordinal) ? Path.Combine(Example.RepoRoot, argument)
            : argument.StartsWith("out/", StringComparison.Ordinal) ? Path.Combine(temp, argument)
            : argument;
    }

    private static List<JsonElement> ResultsOf(string folder) =>
        [.. File.ReadLines(Path.Combine(folder, "results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement.Clone())];

    /// <summary>
    /// One outcome per input record in input order, the unsubscribed suppressed with the example's reason and the rest
    /// rendered, and the stderr summary's first line (<c>N records: R rendered, S suppressed, J rejected</c>) adding up.
    /// </summary>
    private static void AssertAccounted(CliRun run, List<JsonElement> outcomes, List<JsonElement> input)
    {
        Assert.Equal(input.Select(static r => r.GetProperty("id").GetString()), outcomes.Select(static r => r.GetProperty("id").GetString()));
        for (var i = 0; i < input.Count; i++)
        {
            var unsubscribed = Example.IsUnsubscribed(input[i]);
            Assert.Equal(unsubscribed ? "suppressed" : "rendered", outcomes[i].GetProperty("status").GetString());
            if (unsubscribed)
            {
                Assert.Equal("recipient unsubscribed", outcomes[i].GetProperty("reason").GetString());
            }
        }

        var suppressed = input.Count(Example.IsUnsubscribed);
        Assert.Equal($"{input.Count} records: {input.Count - suppressed} rendered, {suppressed} suppressed, 0 rejected", run.SummaryLine);
    }

    private sealed record Expectation(
        int ExitCode,
        Action<CliRun, string> Check,
        Expectation? WithOptional = null,
        IReadOnlyDictionary<string, string>? Files = null);
}
