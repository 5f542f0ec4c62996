using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Commands;

public sealed class RenderPrintTests
{
    private static readonly string[] HeroProducts = ["Crisp Light Lager", "Bohemian Pilsner", "Hometown Lager"];

    [Fact]
    public void Render_Print_WithoutOut_ExitsOne_SayingWhatToGive_BeforeReadingAnything()
    {
        using var temp = new TempDirectory();

        // The recipients file does not exist: the option check comes first, so its message is the one shown.
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", temp.File("missing.jsonl"), "-c", "print");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.StartsWith("error: --channel print writes PDF files, not JSON Lines: give --out DIR", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("--merge FILE.pdf", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("missing.jsonl", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("records:", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("web")]
    [InlineData("email")]
    public void Render_MergeWithoutPrint_ExitsOne(string channel)
    {
        using var temp = new TempDirectory();

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Csv, "-c", channel, "--merge", temp.File("all.pdf"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("--merge FILE.pdf writes a merged PDF, so it needs --channel print", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void Render_Print_OutDirectory_WritesOnePdfPerRenderedRecipient_WithItsNameAndHero()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("pdf");
        var input = Example.JsonlRecords().Take(File.ReadLines(Example.Csv).Count(static l => l.Length > 0) - 1).ToList();

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Csv, "-c", "print", "-o", outDir);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        var results = File.ReadAllLines(Path.Combine(outDir, "results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(input.Count, results.Count);
        var rendered = 0;
        for (var i = 0; i < input.Count; i++)
        {
            var id = input[i].GetProperty("id").GetString()!;
            var path = Path.Combine(outDir, id + ".pdf");
            if (Example.IsUnsubscribed(input[i]))
            {
                Assert.Equal("suppressed", results[i].GetProperty("status").GetString());
                Assert.False(File.Exists(path));
                continue;
            }

            rendered++;
            Assert.Equal($"{id}.pdf", results[i].GetProperty("file").GetString());
            Assert.Equal("%PDF-"u8.ToArray(), File.ReadAllBytes(path).AsSpan(0, 5).ToArray());
            var text = PdfText.Of(path);
            var product = ExampleProducts.ExpectedHeroProduct(input[i]);
            Assert.Contains($"Hello {input[i].GetProperty("first_name").GetString()}", text, StringComparison.Ordinal);
            Assert.Contains(product, text, StringComparison.Ordinal);
            foreach (var other in HeroProducts.Where(p => p != product))
            {
                Assert.DoesNotContain(other, text, StringComparison.Ordinal);
            }
        }

        Assert.True(rendered > 0);
        Assert.Equal(rendered, Directory.GetFiles(outDir, "*.pdf").Length);
        Assert.Empty(Directory.GetFiles(outDir, ".*"));
    }

    [Fact]
    public void Render_Print_Merge_OnePdf_PagesMatchTheManifest_WhichListsEveryRenderedRecipientInInputOrder()
    {
        using var temp = new TempDirectory();
        var merged = temp.File("run/all.pdf");
        var input = Example.JsonlRecords();

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "print", "--merge", merged);

        Assert.True(run.ExitCode == 0, run.ToString());
        var records = run.JsonLines();
        Assert.Equal(input.Count, records.Count);
        var rendered = input.Where(static r => !Example.IsUnsubscribed(r)).ToList();
        Assert.Equal(rendered.Count, records.Count(static r => r.GetProperty("status").GetString() == "rendered"));

        using var manifest = JsonDocument.Parse(File.ReadAllText(temp.File("run/all.manifest.json")));
        var totalPages = manifest.RootElement.GetProperty("totalPages").GetInt32();
        var entries = manifest.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(PdfText.PageCount(merged), totalPages);
        Assert.Equal(rendered.Select(static r => r.GetProperty("id").GetString()), entries.Select(static e => e.GetProperty("recipientId").GetString()));

        var nextPage = 1;
        for (var i = 0; i < entries.Count; i++)
        {
            var first = entries[i].GetProperty("firstPage").GetInt32();
            var last = entries[i].GetProperty("lastPage").GetInt32();
            Assert.Equal(nextPage, first);
            nextPage = last + 1;
            var text = PdfText.Of(merged, first, last);
            Assert.StartsWith($"Hello {rendered[i].GetProperty("first_name").GetString()}", text, StringComparison.Ordinal);
            Assert.Contains(ExampleProducts.ExpectedHeroProduct(rendered[i]), text, StringComparison.Ordinal);
        }

        Assert.Equal(totalPages, nextPage - 1);
        Assert.Equal(["all.manifest.json", "all.pdf"], Directory.GetFiles(temp.File("run")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Contains($"merged {rendered.Count} recipients, {totalPages} pages into ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_Print_IntoAFolderAnotherRunWrites_IsRefused_AndLeavesNoTraceOfItsMergedPdf()
    {
        using var temp = new TempDirectory();
        var folder = temp.File("out");
        await using (new OneToOne.Composition.Batch.DirectorySink(folder, new OneToOne.Composition.Batch.ChannelSettings(OneToOne.Composition.Batch.BatchChannel.Text)))
        {
            var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "print", "--out", folder, "--merge", Path.Combine(temp.File("merged"), "all.pdf"));

            Assert.Equal(1, run.ExitCode);
            Assert.Equal($"error: The folder '{folder}' is being written by another run (it holds '{Path.Combine(folder, ".onetoone.lock")}'). Wait for that run to finish or stop it, or write to another folder; two runs writing one folder would mix their files and delete each other's temporary files.\n", run.Stderr);
        }

        // The merged PDF's sink, opened before the folder was refused, gave back its lock and deleted its temporary file.
        Assert.Empty(Directory.GetFileSystemEntries(temp.File("merged")));
    }

    [Fact]
    public void Render_Print_Merge_UnprintableRecipient_IsRejected_AndLeavesNothingInTheMergedPdf()
    {
        using var temp = new TempDirectory();
        var merged = temp.File("all.pdf");
        var records = ExampleProducts.Records().Where(static r => ((JsonElement)r["unsubscribed"]!).ValueKind == JsonValueKind.False).Take(4).ToList();
        records[1]["first_name"] = "山田"; // DejaVu has no CJK glyphs: the batch writer must refuse this recipient
        var path = ExampleProducts.WriteRecipients(temp, "r.jsonl", records);
        var ids = records.Select(static r => ((JsonElement)r["id"]!).GetString()).ToList();

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", path, "-c", "print", "--merge", merged);

        Assert.True(run.ExitCode == 2, run.ToString());
        var output = run.JsonLines();
        Assert.Equal(["rendered", "rejected", "rendered", "rendered"], output.Select(static r => r.GetProperty("status").GetString()));
        var error = output[1].GetProperty("error").GetString()!;
        Assert.StartsWith($"Recipient '{ids[1]}', message 'monthly': cannot be printed: ", error, StringComparison.Ordinal);
        Assert.Contains("U+5C71", error, StringComparison.Ordinal);

        using var manifest = JsonDocument.Parse(File.ReadAllText(temp.File("all.manifest.json")));
        var entries = manifest.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([ids[0], ids[2], ids[3]], entries.Select(static e => e.GetProperty("recipientId").GetString()));
        Assert.Equal(PdfText.PageCount(merged), manifest.RootElement.GetProperty("totalPages").GetInt32());
        var all = PdfText.Of(merged);
        Assert.DoesNotContain("山", all, StringComparison.Ordinal);
        Assert.StartsWith($"Hello {((JsonElement)records[2]["first_name"]!).GetString()}", PdfText.Of(merged, entries[1].GetProperty("firstPage").GetInt32(), entries[1].GetProperty("lastPage").GetInt32()), StringComparison.Ordinal);
        Assert.Equal("4 records: 3 rendered, 0 suppressed, 1 rejected", run.SummaryLine);
    }

    [Fact]
    public void Render_Print_OutAndMergeInTheSameFolder_ARecordNeverOverwritesTheMergedPdf()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("out");
        var records = ExampleProducts.Records().Take(2).ToList();
        records[1]["id"] = "batch";
        var path = ExampleProducts.WriteRecipients(temp, "r.jsonl", records);

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", path, "-c", "print", "-o", outDir, "--merge", Path.Combine(outDir, "batch.pdf"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var first = ((JsonElement)records[0]["id"]!).GetString();
        Assert.Equal(
            ["batch-2.pdf", "batch.manifest.json", "batch.pdf", $"{first}.pdf", "results.jsonl"],
            Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(2, PdfText.PageCount(Path.Combine(outDir, "batch.pdf")));
        Assert.Contains($"Hello {((JsonElement)records[1]["first_name"]!).GetString()}", PdfText.Of(Path.Combine(outDir, "batch-2.pdf")), StringComparison.Ordinal);
        var results = File.ReadAllLines(Path.Combine(outDir, "results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([$"{first}.pdf", "batch-2.pdf"], results.Select(static r => r.GetProperty("file").GetString()));
    }

    [Fact]
    public void Render_Print_Merge_NothingPrinted_WritesNoPdf_AndAnEmptyManifest()
    {
        using var temp = new TempDirectory();
        var merged = temp.File("all.pdf");
        var unsubscribed = ExampleProducts.Records().First(static r => ((JsonElement)r["unsubscribed"]!).ValueKind == JsonValueKind.True);
        var path = ExampleProducts.WriteRecipients(temp, "r.jsonl", [unsubscribed]);

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", path, "-c", "print", "--merge", merged);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(File.Exists(merged));
        using var manifest = JsonDocument.Parse(File.ReadAllText(temp.File("all.manifest.json")));
        Assert.Equal(0, manifest.RootElement.GetProperty("totalPages").GetInt32());
        Assert.Equal(0, manifest.RootElement.GetProperty("entries").GetArrayLength());
        Assert.Contains("no record was printed", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(["all.manifest.json", "r.jsonl"], Directory.GetFiles(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
    [Fact]
    public void Render_Print_MaxPages_RejectsALongerLetterAndIsRaisedForLongStatements()
    {
        // A statement of 300 lines runs to several pages: past the limit it is rejected as a field or loop gone wrong, and
        // --max-pages is how a run of long statements raises it (the library's PrintOptions.MaxPages was out of reach).
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), "catalog: t\nmodules:\n  lines: \"{{ for i in 1..count }}Line {{ i }}\\n\\n{{ end }}\"\nslots:\n  s: { from: [lines] }\nmessages:\n  m:\n    body: '{{ slot \"s\" }}'\n");
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"short\",\"count\":3}\n{\"id\":\"long\",\"count\":300}\n");

        var capped = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "m", "-r", temp.File("r.jsonl"), "-c", "print", "--out", temp.File("capped"), "--max-pages", "2");
        var raised = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "m", "-r", temp.File("r.jsonl"), "-c", "print", "--out", temp.File("raised"), "--max-pages", "40");

        Assert.True(capped.ExitCode == 2, capped.ToString());
        Assert.True(File.Exists(temp.File("capped/short.pdf")));
        Assert.False(File.Exists(temp.File("capped/long.pdf")));
        var rejected = File.ReadLines(temp.File("capped/results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement.Clone())
            .Single(static r => r.GetProperty("id").GetString() == "long");
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        var error = rejected.GetProperty("error").GetString()!;
        Assert.Contains("The message runs to more than 2 pages (PrintOptions.MaxPages)", error, StringComparison.Ordinal);
        Assert.EndsWith("or raise the limit (the onetoone tool's --max-pages N).", error, StringComparison.Ordinal);
        Assert.True(raised.ExitCode == 0, raised.ToString());
        Assert.InRange(PrintTestPages(temp.File("raised/long.pdf")), 3, 40);
    }

    [Theory]
    [InlineData("text", "5", "--max-pages limits a printed letter's pages, so it needs --channel print.")]
    [InlineData("print", "0", "--max-pages 0 allows no page: give the most pages one letter may run to, 1 or more.")]
    public void Render_MaxPages_OutsideAPrintRunOrBelowOne_IsRefused(string channel, string pages, string expected)
    {
        using var temp = new TempDirectory();
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", channel, "--out", temp.File("out"), "--max-pages", pages);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"error: {expected}\n", run.Stderr);
    }

    private static int PrintTestPages(string pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }
}
