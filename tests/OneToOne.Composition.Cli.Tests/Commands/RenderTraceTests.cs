using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// <c>render --trace</c>: a run kept per record only its slots, arms, channel and reason, so a complaint about one record
/// months later could not be answered from what the run kept (which catalog version, which instant, which condition on
/// which value). With <c>--trace</c> each record's line carries the decision's JSON trace.
/// </summary>
public sealed class RenderTraceTests
{
    [Fact]
    public void Render_Trace_EveryDecidedRecordsLineCarriesItsTrace_WithTheRunsCatalogVersionAndInstant()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("out");
        var summaryPath = temp.File("summary.json");
        var input = Example.JsonlRecords();

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--out", outDir, "--as-of", "2025-05-01T06:00:00Z", "--summary", summaryPath, "--trace");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        var sha256 = summary.RootElement.GetProperty("catalog").GetProperty("sha256").GetString();
        var lines = File.ReadAllLines(Path.Combine(outDir, "results.jsonl"));
        Assert.Equal(input.Count, lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            using var line = JsonDocument.Parse(lines[i]);
            var record = line.RootElement;
            var trace = record.GetProperty("trace");
            Assert.Equal(1, trace.GetProperty("traceVersion").GetInt32());
            Assert.Equal(sha256, trace.GetProperty("catalog").GetProperty("sha256").GetString());
            Assert.Equal("2025-05-01T06:00:00.0000000Z", trace.GetProperty("asOf").GetString());
            Assert.Equal(record.GetProperty("id").GetString(), trace.GetProperty("recipient").GetString());
            Assert.Equal(record.GetProperty("status").GetString() == "suppressed", trace.GetProperty("suppressed").GetBoolean());
            if (record.GetProperty("status").GetString() == "rendered")
            {
                var hero = trace.GetProperty("slots").EnumerateArray().Single(static s => s.GetProperty("id").GetString() == "hero");
                Assert.Equal(record.GetProperty("slots").GetProperty("hero")[0].GetString(), hero.GetProperty("chosen")[0].GetProperty("module").GetString());
            }
        }
    }

    [Fact]
    public void Render_Trace_ARecordNeverDecided_HasATraceThatSaysWhy_WithItsNumberAsTheRejectsFileHasIt()
    {
        // An auditor took each line's "trace" as the account of its record: an unreadable record, one refused for its id,
        // a duplicate and one rejected while deciding had none, so the traces of a run did not add up to its records.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: shop
            policy:
              opted-out-topics: opted_out
            messages:
              offer:
                topic: offers
                subject: "An offer"
                body: "Hello {{ id }}"
            """);
        File.WriteAllText(temp.File("r.jsonl"), string.Join('\n',
            "{\"id\":\"a1\",\"opted_out\":null}",
            "{not json",
            "{\"id\":\"a1\",\"opted_out\":null}",
            "{\"id\":true,\"opted_out\":null}",
            "{\"id\":\"b2\"}") + "\n");

        var run = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "--as-of", "2025-03-01", "--trace", "--rejects", temp.File("rejects.jsonl"), "--summary", temp.File("summary.json"));

        Assert.Equal(2, run.ExitCode);
        var lines = run.StdoutLines.Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, lines.Count);
        var sha256 = JsonDocument.Parse(File.ReadAllText(temp.File("summary.json"))).RootElement.GetProperty("catalog").GetProperty("sha256").GetString();
        foreach (var line in lines)
        {
            var trace = line.GetProperty("trace");
            TraceSchema.AssertValid(trace.GetRawText());
            Assert.Equal("traceVersion", trace.EnumerateObject().First().Name);
            Assert.Equal(sha256, trace.GetProperty("catalog").GetProperty("sha256").GetString());
            Assert.Equal("offer", trace.GetProperty("message").GetString());
        }

        Assert.False(lines[0].GetProperty("trace").TryGetProperty("undecided", out _));
        var rejects = File.ReadAllLines(temp.File("rejects.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([2L, 4L, 5L], rejects.Select(static r => r.GetProperty("number").GetInt64()));
        (long Number, string? Id, string Status, string? Stage)[] expected = [(2, null, "rejected", "read"), (3, "a1", "suppressed", null), (4, null, "rejected", "read"), (5, "b2", "rejected", "decide")];
        foreach (var (number, id, status, stage) in expected)
        {
            var line = lines[(int)number - 1];
            var trace = line.GetProperty("trace");
            var undecided = trace.GetProperty("undecided");
            Assert.Equal(number, trace.GetProperty("record").GetInt64());
            Assert.Equal(id, trace.GetProperty("recipient").GetString());
            Assert.Equal(status, undecided.GetProperty("status").GetString());
            Assert.Equal(line.GetProperty("status").GetString(), status);
            if (stage is null)
            {
                Assert.Equal(line.GetProperty("reason").GetString(), undecided.GetProperty("reason").GetString());
                Assert.StartsWith("duplicate id", undecided.GetProperty("reason").GetString(), StringComparison.Ordinal);
            }
            else
            {
                var reject = rejects.Single(r => r.GetProperty("number").GetInt64() == number);
                Assert.Equal(stage, undecided.GetProperty("stage").GetString());
                Assert.Equal(reject.GetProperty("stage").GetString(), stage);
                Assert.Equal(line.GetProperty("error").GetString(), undecided.GetProperty("error").GetString());
                Assert.Equal(reject.GetProperty("error").GetString(), undecided.GetProperty("error").GetString());
            }
        }

        Assert.Contains("opted_out", lines[4].GetProperty("trace").GetProperty("undecided").GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Trace_EveryDecidedRecordsTrace_CarriesItsRecordNumber_AsTheRejectsFileAndUndecidedTracesNumberIt()
    {
        // An auditor asked about record 4 of last night's file had traces that named only the id: with the id missing, or
        // repeated across the files of a week, nothing tied a decided record's trace to its input line.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: shop
            messages:
              offer:
                subject: "An offer"
                suppress: { when: vip == true, reason: "a VIP gets another letter" }
                body: "Hello {{ name }}"
            """);
        File.WriteAllText(temp.File("r.jsonl"), string.Join('\n',
            "{\"id\":\"a1\",\"name\":\"Ann\",\"vip\":false}",
            "",
            "{\"name\":\"No id\",\"vip\":false}",
            "{not json",
            "{\"id\":\"a1\",\"name\":\"Ann again\",\"vip\":false}",
            "{\"id\":\"c3\",\"name\":\"Cy\",\"vip\":true}",
            "{\"id\":\"d4\",\"name\":\"Di\",\"vip\":false}") + "\n");

        var run = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "--out", temp.File("out"),
            "--as-of", "2025-03-01", "--trace", "--rejects", temp.File("rejects.jsonl"));

        Assert.True(run.ExitCode == 2, run.ToString());
        var lines = File.ReadAllLines(Path.Combine(temp.File("out"), "results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        (long Record, string? Id, string Status, bool Decided)[] expected =
            [(1, "a1", "rendered", true), (2, null, "rendered", true), (3, null, "rejected", false), (4, "a1", "suppressed", false), (5, "c3", "suppressed", true), (6, "d4", "rendered", true)];
        Assert.Equal(expected.Length, lines.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var (number, id, status, decided) = expected[i];
            var trace = lines[i].GetProperty("trace");
            TraceSchema.AssertValid(trace.GetRawText());
            Assert.Equal(status, lines[i].GetProperty("status").GetString());
            Assert.Equal(number, trace.GetProperty("record").GetInt64());
            Assert.Equal(id, trace.GetProperty("recipient").GetString());
            Assert.Equal(decided, !trace.TryGetProperty("undecided", out _));
            if (decided)
            {
                // Right after the id it qualifies, as in the undecided trace.
                Assert.Equal(["traceVersion", "catalog", "message", "messageDraft", "recipient", "record", "asOf"], trace.EnumerateObject().Take(7).Select(static m => m.Name));
            }
        }

        var reject = JsonDocument.Parse(Assert.Single(File.ReadAllLines(temp.File("rejects.jsonl")))).RootElement;
        Assert.Equal(3, reject.GetProperty("number").GetInt64());
    }

    [Fact]
    public void Explain_OfARecordOfAFile_WritesItsRecordNumber_AndOfAnInlineRecipient_None()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: shop
            messages:
              offer:
                subject: "An offer"
                body: "Hello {{ name }}"
            """);
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a1\",\"name\":\"Ann\"}\n\n{\"id\":\"b2\",\"name\":\"Bo\"}\n");

        var json = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--id", "b2", "--as-of", "2025-03-01", "--format", "json");
        var text = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--id", "b2", "--as-of", "2025-03-01");
        var inline = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", "{\"id\":\"b2\",\"name\":\"Bo\"}", "--as-of", "2025-03-01", "--format", "json");

        Assert.True(json.ExitCode == 0 && text.ExitCode == 0 && inline.ExitCode == 0, $"{json}\n{text}\n{inline}");
        Assert.Equal(2, JsonDocument.Parse(json.Stdout).RootElement.GetProperty("record").GetInt64());
        Assert.Contains(" · record 2\n", text.Stdout, StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(inline.Stdout).RootElement.TryGetProperty("record", out _));
        TraceSchema.AssertValid(json.Stdout.TrimEnd('\n'));
        TraceSchema.AssertValid(inline.Stdout.TrimEnd('\n'));
    }

    [Fact]
    public void Explain_OfARecipientsFilesFirstRecord_WithoutId_IsTheSameBytesAsTheRunsTraceOfRecordOne()
    {
        // explain -r FILE.jsonl without --id explains the file's first record: a record of the file, so its trace carries
        // "record": 1 as the run's does; it had none, so the two were no longer the same bytes.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: shop
            messages:
              offer:
                subject: "An offer"
                body: "Hello {{ name }}"
            """);
        File.WriteAllText(temp.File("r.jsonl"), "\n{\"id\":\"a1\",\"name\":\"Ann\"}\n{\"id\":\"b2\",\"name\":\"Bo\"}\n");

        var render = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "--as-of", "2025-03-01", "--trace");
        var json = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--as-of", "2025-03-01", "--format", "json");
        var text = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--as-of", "2025-03-01");

        Assert.True(render.ExitCode == 0 && json.ExitCode == 0 && text.ExitCode == 0, $"{render}\n{json}\n{text}");
        using var first = JsonDocument.Parse(render.Stdout.Split('\n')[0]);
        Assert.Equal(first.RootElement.GetProperty("trace").GetRawText(), json.Stdout.TrimEnd('\n'));
        Assert.Contains(" · record 1\n", text.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_Record_PicksTheRecordAndItsRunTraceByNumber_WhereTheIdIsMissingOrRepeated()
    {
        // "Why did record 3 of last night's file get this?": by id, explain found record 1 (the first a1) and its trace;
        // a record without an id could not be found at all.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: shop
            messages:
              offer:
                subject: "An offer"
                suppress: { when: vip == true, reason: "a VIP gets another letter" }
                body: "Hello {{ name }}"
            """);
        File.WriteAllText(temp.File("r.jsonl"), string.Join('\n',
            "{\"id\":\"a1\",\"name\":\"Ann\",\"vip\":false}",
            "{\"name\":\"No id\",\"vip\":true}",
            "",
            "{\"id\":\"a1\",\"name\":\"Ann again\",\"vip\":false}") + "\n");
        var render = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "--as-of", "2025-03-01", "--trace");
        Assert.True(render.ExitCode == 0, render.ToString());
        File.WriteAllText(temp.File("run.jsonl"), render.Stdout);
        string[] explain = ["explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--as-of", "2025-03-01", "--run-trace", temp.File("run.jsonl")];

        var noId = CliRun.Of([.. explain, "--record", "2"]);
        var noIdJson = CliRun.Of([.. explain, "--record", "2", "--format", "json"]);
        var duplicate = CliRun.Of([.. explain, "--record", "3"]);
        var byId = CliRun.Of([.. explain, "--id", "a1"]);
        var missing = CliRun.Of([.. explain, "--record", "4"]);
        var both = CliRun.Of([.. explain, "--record", "1", "--id", "a1"]);

        Assert.True(noId.ExitCode == 0 && noIdJson.ExitCode == 0 && duplicate.ExitCode == 0 && byId.ExitCode == 0, $"{noId}\n{noIdJson}\n{duplicate}\n{byId}");
        Assert.True(JsonDocument.Parse(noIdJson.Stdout).RootElement.GetProperty("suppressed").GetBoolean());
        Assert.Contains(" · record 2\n  against the run's trace of record 2: the same catalog, instant and cap counts\n", noId.Stdout, StringComparison.Ordinal);
        Assert.Equal(JsonDocument.Parse(render.StdoutLines[1]).RootElement.GetProperty("trace").GetRawText(), noIdJson.Stdout.TrimEnd('\n'));
        Assert.Contains("- the run never decided this recipient: record 3 was suppressed (duplicate id", duplicate.Stdout, StringComparison.Ordinal);
        Assert.Contains(" · record 1\n  against the run's trace of record 1: the same catalog, instant and cap counts\n", byId.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("has 3 records, so no record 4", missing.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("--id and --record both pick the record to explain", both.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_Record_WhenTheRunsTraceOfThatNumberNamesAnotherRecipient_SaysTheFileIsNotTheRunsInput()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: shop
            messages:
              offer:
                subject: "An offer"
                body: "Hello {{ id }}"
            """);
        File.WriteAllText(temp.File("run-input.jsonl"), "{\"id\":\"a1\"}\n{\"id\":\"b2\"}\n");
        File.WriteAllText(temp.File("re-export.jsonl"), "{\"id\":\"b2\"}\n{\"id\":\"a1\"}\n");
        var render = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("run-input.jsonl"), "-c", "text", "--as-of", "2025-03-01", "--trace");
        Assert.True(render.ExitCode == 0, render.ToString());
        File.WriteAllText(temp.File("run.jsonl"), render.Stdout);

        var explain = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("re-export.jsonl"), "--record", "1", "--as-of", "2025-03-01", "--run-trace", temp.File("run.jsonl"));

        Assert.Equal(1, explain.ExitCode);
        Assert.Contains("the run's trace of record 1 names recipient 'a1', but record 1 of the --recipient file has 'b2': give the recipients file the run read", explain.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_RunTrace_SaysPlainlyWhenAPruneSinceTheRunChangesACapsCount_WithBothCounts()
    {
        // An auditor replaying a sent message months later got a different cap count (and could get "suppressed") after
        // 'history prune' had deleted contacts the run had counted, and nothing said the history, not the run, had changed.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: shop
            policy:
              caps:
                - { max: 2 per 30d, per: channel }
            messages:
              offer:
                channels: [email]
                subject: "An offer"
                email: { from: "Shop <offers@shop.example>" }
                body: "Hello {{ id }}"
            """);
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"k1\",\"email\":\"k1@example.com\"}\n");
        var history = temp.File("contacts.db");
        foreach (var day in new[] { "2025-02-01", "2025-02-10" })
        {
            var earlier = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "--as-of", day, "--history", history);
            Assert.True(earlier.ExitCode == 0, earlier.ToString());
        }

        var render = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "--as-of", "2025-02-20", "--history", history, "--trace");
        Assert.True(render.ExitCode == 0, render.ToString());
        File.WriteAllText(temp.File("run.jsonl"), render.Stdout);
        using var line = JsonDocument.Parse(render.StdoutLines[0]);
        Assert.Equal("suppressed", line.RootElement.GetProperty("status").GetString());
        var cap = line.RootElement.GetProperty("trace").GetProperty("checks").EnumerateArray().Single(static c => c.GetProperty("kind").GetString() == "cap");
        Assert.Equal(2, cap.GetProperty("count").GetInt32());
        Assert.Equal(2, cap.GetProperty("max").GetInt32());
        string[] explain = ["explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--id", "k1", "--as-of", "2025-02-20", "--history", history, "--run-trace", temp.File("run.jsonl")];

        var before = CliRun.Of(explain);
        var prune = CliRun.Of("history", "prune", history, "--before", "2025-02-05");
        var after = CliRun.Of(explain);
        var afterJson = CliRun.Of([.. explain, "--format", "json"]);

        Assert.True(before.ExitCode == 0 && prune.ExitCode == 0 && after.ExitCode == 0 && afterJson.ExitCode == 0, $"{before}\n{prune}\n{after}\n{afterJson}");
        Assert.Contains("against the run's trace of record 1: the same catalog, instant and cap counts", before.Stdout, StringComparison.Ordinal);
        Assert.Contains("cap max 2 per 30d per channel (email): the run saw 2 contacts in the window; the history now holds 1: contacts in the window were pruned ('history prune') or forgotten ('history forget') since the run, so the replay counts fewer.", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("The run's cap held the message back; the replay's passes: the run's trace, not the replay, is what was decided.", after.Stdout, StringComparison.Ordinal);
        Assert.Contains("note: cap max 2 per 30d per channel (email): the run saw 2 contacts in the window; the history now holds 1", afterJson.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, JsonDocument.Parse(afterJson.Stdout).RootElement.GetProperty("checks").EnumerateArray().Single(static c => c.GetProperty("kind").GetString() == "cap").GetProperty("count").GetInt32());
    }

    [Fact]
    public void Explain_RunTrace_PairsCapsByWhatTheyAre_NotByPlace_WhenTheCatalogsCapsWereReordered()
    {
        // The run's caps were paired with the replay's by order: with the two caps swapped in the catalog since, the 30-day
        // count (3, 2 after a prune) was compared with the 7-day one (1), and the note blamed the wrong cap for the wrong change.
        using var temp = new TempDirectory();
        var history = temp.File("contacts.db");
        var runId = CappedRun(temp, history, ["{ max: 5 per 30d, per: channel }", "{ max: 3 per 7d, per: channel }"], out _);
        File.WriteAllText(temp.File("replay.yaml"), CappedCatalog(["{ max: 3 per 7d, per: channel }", "{ max: 5 per 30d, per: channel }"]));
        var prune = CliRun.Of("history", "prune", history, "--before", "2025-02-03");
        Assert.True(prune.ExitCode == 0, prune.ToString());

        var explain = CliRun.Of("explain", temp.File("replay.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--record", "1", "--as-of", "2025-02-20",
            "--history", history, "--except-run", runId, "--run-trace", temp.File("run.jsonl"));

        Assert.True(explain.ExitCode == 0, explain.ToString());
        var notes = explain.StdoutLines.SkipWhile(static l => !l.StartsWith("  against the run's trace", StringComparison.Ordinal)).Skip(1).TakeWhile(static l => l.StartsWith("  - ", StringComparison.Ordinal)).ToList();
        Assert.True(notes.Count == 2, explain.Stdout);
        Assert.StartsWith("  - the run was decided by catalog sha256 ", notes[0], StringComparison.Ordinal);
        Assert.Equal("  - cap max 5 per 30d per channel (email): the run saw 3 contacts in the window; the history now holds 2: contacts in the window were pruned ('history prune') or forgotten ('history forget') since the run, so the replay counts fewer.", notes[1]);
    }

    [Fact]
    public void Explain_RunTrace_SaysWhichCapWasAddedRemovedOrChangedSinceTheRun()
    {
        using var temp = new TempDirectory();
        var history = temp.File("contacts.db");
        var runId = CappedRun(temp, history, ["{ max: 5 per 30d, per: channel }", "{ max: 3 per 7d, per: channel }"], out _);
        File.WriteAllText(temp.File("replay.yaml"), CappedCatalog(["{ max: 6 per 30d, per: channel }", "{ max: 4 per 14d, per: channel }"]));

        var explain = CliRun.Of("explain", temp.File("replay.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--id", "k1", "--as-of", "2025-02-20",
            "--history", history, "--except-run", runId, "--run-trace", temp.File("run.jsonl"), "--format", "json");

        Assert.True(explain.ExitCode == 0, explain.ToString());
        var notes = explain.Stderr.Split('\n').Where(static l => l.StartsWith("note: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, notes.Count);
        Assert.StartsWith("note: the run was decided by catalog sha256 ", notes[0], StringComparison.Ordinal);
        Assert.Equal("note: cap max 5 per 30d per channel (email): its maximum was 5 when the run decided and is 6 in this replay's catalog: the cap was changed since the run.", notes[1]);
        Assert.Equal("note: cap max 3 per 7d per channel (email): the run checked it (1 contact in the window, passed); this replay has no such cap: it was removed from the catalog since the run (or its window or per: changed).", notes[2]);
        Assert.Equal("note: cap max 4 per 14d per channel (email): this replay checks it (1 contact in the window, passed); the run checked no such cap: it was added to the catalog since the run (or its window or per: changed).", notes[3]);
    }

    /// <summary>A catalog whose message 'offer' goes by email under the policy's caps.</summary>
    private static string CappedCatalog(string[] caps) => $$$"""
        catalog: shop
        policy:
          caps:
        {{{string.Join('\n', caps.Select(static c => $"    - {c}"))}}}
        messages:
          offer:
            channels: [email]
            subject: "An offer"
            email: { from: "Shop <offers@shop.example>" }
            body: "Hello {{ id }}"
        """;

    /// <summary>Contacts of k1 on 1, 5 and 15 February, then the traced run of 20 February (run.jsonl); returns the run's id.</summary>
    private static string CappedRun(TempDirectory temp, string history, string[] caps, out JsonElement trace)
    {
        File.WriteAllText(temp.File("catalog.yaml"), CappedCatalog(caps));
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"k1\",\"email\":\"k1@example.com\"}\n");
        foreach (var day in new[] { "2025-02-01", "2025-02-05", "2025-02-15" })
        {
            var earlier = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "--as-of", day, "--history", history);
            Assert.True(earlier.ExitCode == 0, earlier.ToString());
        }

        var render = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "--as-of", "2025-02-20", "--history", history, "--trace");
        Assert.True(render.ExitCode == 0, render.ToString());
        File.WriteAllText(temp.File("run.jsonl"), render.Stdout);
        trace = JsonDocument.Parse(render.StdoutLines[0]).RootElement.GetProperty("trace").Clone();
        Assert.Equal("rendered", JsonDocument.Parse(render.StdoutLines[0]).RootElement.GetProperty("status").GetString());
        var export = CliRun.WithInput("k1\n", "history", "export", history, "--recipients-file", "-");
        Assert.True(export.ExitCode == 0, export.ToString());
        return export.StdoutLines.Select(static l => JsonDocument.Parse(l).RootElement).Single(static c => c.GetProperty("at").GetString()!.StartsWith("2025-02-20", StringComparison.Ordinal)).GetProperty("run").GetString()!;
    }

    [Fact]
    public void Explain_RunTrace_OfARecipientTheRunNeverDecided_SaysSo()
    {
        // The run's line of a recipient it never decided (rejected while deciding) has a trace without checks or asOf:
        // explain --run-trace found it and said "the same catalog, instant and cap counts", as if the run had decided alike.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: shop
            policy:
              opted-out-topics: opted_out
            messages:
              offer:
                topic: offers
                subject: "An offer"
                body: "Hello {{ id }}"
            """);
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"b2\"}\n");
        var render = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "--as-of", "2025-03-01", "--trace", "--rejects", temp.File("rejects.jsonl"));
        File.WriteAllText(temp.File("run.jsonl"), render.Stdout);

        var b2 = CliRun.Of("explain", temp.File("catalog.yaml"), "-m", "offer", "--recipient", "{\"id\":\"b2\",\"opted_out\":null}", "--as-of", "2025-03-01", "--run-trace", temp.File("run.jsonl"));

        Assert.True(b2.ExitCode == 0, b2.ToString());
        Assert.DoesNotContain("the same catalog, instant and cap counts", b2.Stdout, StringComparison.Ordinal);
        Assert.Contains("- the run never decided this recipient: record 1 was rejected at decide (", b2.Stdout, StringComparison.Ordinal);
        Assert.Contains("opted_out", b2.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_WithACheckpoint_RefusesToResumeWithTraceTurnedOnOrOff_SoNoResultsFileHasTheTraceOnSomeLinesOnly(bool tracedFirst)
    {
        using var temp = new TempDirectory();
        string[] command = ["render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--out", temp.File("out"),
            "--checkpoint", temp.File("run.checkpoint"), "--as-of", "2025-05-01", "--progress", "none"];
        var first = CliRun.Of(tracedFirst ? [.. command, "--trace"] : command);
        Assert.True(first.ExitCode == 0, first.ToString());
        var written = File.ReadAllText(Path.Combine(temp.File("out"), "results.jsonl"));

        var again = CliRun.Of(tracedFirst ? command : [.. command, "--trace"]);

        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.Contains("belongs to another run", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("trace", again.Stderr, StringComparison.Ordinal);
        Assert.Equal(written, File.ReadAllText(Path.Combine(temp.File("out"), "results.jsonl")));
    }

    [Fact]
    public void Render_WithoutTrace_KeepsTheLinesAsTheyWere()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain("\"trace\"", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Trace_OnStandardOutput_TheSameTraceExplainWrites()
    {
        var first = File.ReadLines(Example.Jsonl).First();
        var id = JsonDocument.Parse(first).RootElement.GetProperty("id").GetString()!;

        var render = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--as-of", "2025-05-01", "--trace");
        var explain = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "--id", id, "--as-of", "2025-05-01", "--format", "json");

        Assert.True(render.ExitCode == 0, render.ToString());
        Assert.True(explain.ExitCode == 0, explain.ToString());
        using var line = JsonDocument.Parse(render.Stdout.Split('\n')[0]);
        Assert.Equal(explain.Stdout.TrimEnd('\n'), line.RootElement.GetProperty("trace").GetRawText());
    }

    [Fact]
    public void Explain_ExceptRun_ReplaysARunsDecision_CapsIncluded_ByteForByte()
    {
        // The auditor's replay of a capped run: against the history as it is, the run's own contact (recorded at its asOf)
        // reached the cap it was judged under, so explain said "suppressed" of a recipient the run had sent to.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: shop
            policy:
              caps:
                - { max: 1 per 7d, per: channel }
            messages:
              offer:
                channels: [email]
                subject: "An offer"
                email: { from: "Shop <offers@shop.example>" }
                body: "Hello {{ id }}"
            """);
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"k1\",\"email\":\"k1@example.com\"}\n");
        var history = temp.File("contacts.db");
        var render = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "-c", "text", "--as-of", "2025-03-01", "--history", history, "--trace");
        Assert.True(render.ExitCode == 0, render.ToString());
        using var rendered = JsonDocument.Parse(render.Stdout.Split('\n')[0]);
        Assert.Equal("rendered", rendered.RootElement.GetProperty("status").GetString());
        var export = CliRun.WithInput("k1\n", "history", "export", history, "--recipients-file", "-");
        Assert.True(export.ExitCode == 0, export.ToString());
        var runId = JsonDocument.Parse(Assert.Single(export.StdoutLines)).RootElement.GetProperty("run").GetString()!;
        string[] explain = ["explain", temp.File("catalog.yaml"), "-m", "offer", "-r", temp.File("r.jsonl"), "--id", "k1", "--as-of", "2025-03-01", "--history", history, "--format", "json"];

        var asItIs = CliRun.Of(explain);
        var replayed = CliRun.Of([.. explain, "--except-run", runId]);
        var withoutHistory = CliRun.Of([.. explain[..^4], "--format", "json", "--except-run", runId]);

        Assert.True(asItIs.ExitCode == 0 && replayed.ExitCode == 0, asItIs + "\n" + replayed);
        Assert.True(JsonDocument.Parse(asItIs.Stdout).RootElement.GetProperty("suppressed").GetBoolean());
        Assert.Equal(rendered.RootElement.GetProperty("trace").GetRawText(), replayed.Stdout.TrimEnd('\n'));
        Assert.Equal(1, withoutHistory.ExitCode);
        Assert.Contains("--except-run leaves a run's contacts out of a contact history: give the history with --history FILE.", withoutHistory.Stderr, StringComparison.Ordinal);
    }
}
