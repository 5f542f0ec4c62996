using System.Text.Json;

namespace OneToOne.Composition.Batch.Tests.Output;

public sealed class DirectorySinkTests
{
    private static ChannelSettings Text { get; } = new(BatchChannel.Text);

    [Fact]
    public async Task FileNamingRecordNumber_NamesFilesByNumber_EvenForIdsThatWouldCollide()
    {
        using var temp = new TempDirectory();
        var jsonl = string.Join('\n', new[] { "ann@example.org", "a/b", "a_b" }.Select(static id => JsonSerializer.Serialize(new { id, first_name = "Ann", iq = 100 })));
        await using (var sink = new DirectorySink(temp.File("out"), Text) { FileNaming = FileNaming.RecordNumber })
        {
            await new BatchRunner(TestCampaign.Catalog, "monthly", Text).RunAsync(TestCampaign.Records(jsonl), sink);
        }

        Assert.Equal(["record-1.txt", "record-2.txt", "record-3.txt", "results.jsonl"], Directory.GetFiles(temp.File("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Throws<ArgumentOutOfRangeException>("value", () => new DirectorySink(temp.File("other"), Text) { FileNaming = (FileNaming)2 });
    }

    [Fact]
    public async Task IdsThatWindowsOrMacOSWouldTakeForOneFile_GetNamesThatAreDistinctThere()
    {
        // Each pair is one file on a macOS (APFS, HFS+) or Windows folder: names that differ by case, and (macOS) names
        // that differ only by Unicode composition ('é' or 'e' + U+0301, a Hangul syllable or its jamo, 'K' or the Kelvin
        // sign). The second of a pair that differed by composition was written over the first there; such ids are now one
        // id, the second a duplicate with no file (records 4 and 6), and the Kelvin sign's 'Kelvin' differs from 'kelvin' by case.
        string[] ids =
        [
            "Ann", "ann", "Jos\u00e9", "Jose\u0301", "\uAC00", "\u1100\u1161", "\u212Aelvin", "kelvin",
            "CON", "aux.txt", "com1", "a:b", "trailing. ", "C:\\Users\\x", "../..", new string('x', 300),
        ];
        using var temp = new TempDirectory();
        var jsonl = string.Join('\n', ids.Select(static (id, i) => JsonSerializer.Serialize(new { id, first_name = $"R{i + 1}", iq = 100 })));
        await using (var sink = new DirectorySink(temp.File("out"), Text))
        {
            await new BatchRunner(TestCampaign.Catalog, "monthly", Text).RunAsync(TestCampaign.Records(jsonl), sink);
        }

        string?[] expected =
        [
            "Ann.txt", "ann-2.txt", "Jos\u00e9.txt", null, "\uAC00.txt", null, "Kelvin.txt", "kelvin-8.txt",
            "_CON.txt", "_aux.txt.txt", "_com1.txt", "a_b.txt", "trailing.txt", "C__Users_x.txt", "record-15.txt", new string('x', 100) + ".txt",
        ];
        var results = File.ReadAllLines(Path.Combine(temp.File("out"), "results.jsonl")).Select(static line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(expected, results.Select(static r => r.TryGetProperty("file", out var file) ? file.GetString() : null));
        Assert.Equal(ids, results.Select(static r => r.GetProperty("id").GetString()));
        for (var i = 0; i < expected.Length; i++)
        {
            if (expected[i] is { } name)
            {
                Assert.StartsWith($"Subject: R{i + 1}, this month\n", File.ReadAllText(Path.Combine(temp.File("out"), name)), StringComparison.Ordinal);
            }
        }

        Assert.Equal(expected.Count(static e => e is not null) + 1, Directory.GetFiles(temp.File("out")).Length);
    }

    [Fact]
    public async Task AWebPage_DeclaresTheLanguageItsTextIsWrittenIn_NotTheRecipientsWhenTheCatalogHasNoneOfIt()
    {
        // Hebrew recipients of an English catalog: the English offer's page said lang="he-IL" dir="rtl" (laid out backwards).
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: language
            locale: en-US
            modules:
              greeting:
                when: vip
                content: "Welcome back."
                locales:
                  he: "ברוכים השבים."
              offer: "Our offer is here."
            slots:
              a: { from: [greeting, offer] }
            messages:
              m:
                subject: "Hello"
                body: '{{ slot "a" }}'
            """);
        var web = new ChannelSettings(BatchChannel.Web);
        using var temp = new TempDirectory();
        var jsonl = "{\"id\":\"r1\",\"locale\":\"he-IL\",\"vip\":false}\n{\"id\":\"r2\",\"locale\":\"he-IL\",\"vip\":true}\n";
        await using (var sink = new DirectorySink(temp.File("out"), web))
        {
            await new BatchRunner(catalog, "m", web).RunAsync(TestCampaign.Records(jsonl), sink);
        }

        Assert.Contains("<html lang=\"en-US\">\n", File.ReadAllText(Path.Combine(temp.File("out"), "r1.html")), StringComparison.Ordinal);
        Assert.Contains("<html lang=\"he-IL\" dir=\"rtl\">\n", File.ReadAllText(Path.Combine(temp.File("out"), "r2.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecordWhosePathIsTooLong_IsRejectedAtWrite_AndTheRunGoesOn()
    {
        // Windows takes paths of 32,767 characters; elsewhere PATH_MAX is 4096 (Linux) or 1024 (macOS) bytes.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var temp = new TempDirectory();
        var pathMax = OperatingSystem.IsMacOS() ? 1024 : 4096;

        // A folder so deep that a short id's file fits in it (with its temporary name) but a 100-character id's does not.
        var folder = temp.Path;
        while (folder.Length < pathMax - 100)
        {
            folder = Path.Combine(folder, new string('d', Math.Min(200, pathMax - 100 - folder.Length)));
        }

        var longId = new string('x', 100);
        var jsonl = string.Join('\n', new[] { "r1", longId, "r3" }.Select(static id => JsonSerializer.Serialize(new { id, first_name = "Ann", iq = 100 })));
        var rejects = temp.File("rejects.jsonl");
        await using var sink = new CompositeMessageSink(new DirectorySink(folder, Text), new RejectsSink(rejects));

        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text).RunAsync(TestCampaign.Records(jsonl), sink);
        await sink.DisposeAsync();

        Assert.Equal("3 records: 2 rendered, 0 suppressed, 1 rejected", summary.ToString());
        Assert.Equal(["r1.txt", "r3.txt", "results.jsonl"], Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var results = File.ReadAllLines(Path.Combine(folder, DirectorySink.ResultsFileName)).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["rendered", "rejected", "rendered"], results.Select(static r => r.GetProperty("status").GetString()));
        Assert.Equal("write", results[1].GetProperty("stage").GetString());
        Assert.False(results[1].TryGetProperty("file", out var file) && file.ValueKind != JsonValueKind.Null);
        var error = results[1].GetProperty("error").GetString()!;
        Assert.StartsWith($"Recipient '{longId}': its file '{longId}.txt' cannot be written in ", error, StringComparison.Ordinal);
        Assert.Contains("the path is too long for the file system", error, StringComparison.Ordinal);
        var listed = JsonDocument.Parse(File.ReadAllLines(rejects).Single()).RootElement;
        Assert.Equal(2, listed.GetProperty("number").GetInt64());
        Assert.Equal("write", listed.GetProperty("stage").GetString());
    }
}
