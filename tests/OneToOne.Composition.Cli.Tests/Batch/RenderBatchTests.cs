using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Batch;

public sealed class RenderBatchTests
{
    [Fact]
    public async Task Render_ListingRejectsIntoAFileAnotherRunWrites_IsRefused_AndGivesBackTheOutputFolder()
    {
        using var temp = new TempDirectory();
        var rejects = temp.File("rejects.jsonl");
        await using (new OneToOne.Composition.Batch.RejectsSink(rejects))
        {
            var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--out", temp.File("out"), "--rejects", rejects);

            Assert.Equal(1, run.ExitCode);
            Assert.Equal($"error: The rejects file '{rejects}' is being written by another run (it holds '{temp.File(".rejects.jsonl.lock")}'). Wait for that run to finish or stop it, or list the rejects in another file; two runs writing one list would cut each other's lines short.\n", run.Stderr);
        }

        // The folder's sink, opened before the rejects list was refused, gave back its lock: the folder holds nothing.
        Assert.Empty(Directory.GetFileSystemEntries(temp.File("out")));
        Assert.False(File.Exists(rejects));
    }

    [Fact]
    public void Render_OnePercentPoison_AllGoodRendered_EveryPoisonListed_SummaryAddsUp_ExitTwo()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        var poison = Poison.Write(recipients, 800);

        var run = CliRun.Of("render", Example.Folder, "--message", "monthly", "--recipients", recipients, "--channel", "text",
            "--out", temp.File("out"), "--parallel", "2", "--schema", Poison.Schema,
            "--rejects", temp.File("rejects.jsonl"), "--summary", temp.File("summary.json"));

        Assert.True(run.ExitCode == 2, run.ToString());
        var results = File.ReadAllLines(Path.Combine(temp.File("out"), "results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(800, results.Count);
        var rejects = File.ReadAllLines(temp.File("rejects.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(poison.Keys.Order().Select(static n => (long)n), rejects.Select(static r => r.GetProperty("number").GetInt64()));
        foreach (var reject in rejects)
        {
            var n = (int)reject.GetProperty("number").GetInt64();
            var error = reject.GetProperty("error").GetString()!;
            var expected = poison[n] switch
            {
                "missing" => "field 'first_name' is required",
                "iq" => "field 'iq' must be a number, but it is the text \"very high\"",
                "huge" => $"Recipient 'c{n:D6}', message 'monthly' at ",
                _ => $"Line {n}: not valid JSON",
            };
            Assert.True(error.Contains(expected, StringComparison.Ordinal), error.Length > 600 ? error[..600] : error);
            Assert.True(poison[n] != "huge" || error.Contains("characters long; a value must stay under 1,048,576 characters (RenderLimits.MaxOutputLength)", StringComparison.Ordinal) && error.Contains("the field '", StringComparison.Ordinal), error);
            Assert.Equal(poison[n] == "huge" ? "render" : "read", reject.GetProperty("stage").GetString());
        }

        for (var i = 0; i < results.Count; i++)
        {
            var status = results[i].GetProperty("status").GetString();
            var expectedStatus = poison.ContainsKey(i + 1) ? "rejected" : (i + 1) % 29 == 0 ? "suppressed" : "rendered";
            Assert.True(expectedStatus == status, $"record {i + 1}: {results[i]}");
        }

        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("summary.json")));
        var root = summary.RootElement;
        Assert.Equal(800, root.GetProperty("input").GetInt64());
        Assert.Equal(poison.Count, root.GetProperty("rejected").GetInt64());
        Assert.Equal(root.GetProperty("input").GetInt64(), root.GetProperty("rendered").GetInt64() + root.GetProperty("suppressed").GetInt64() + root.GetProperty("rejected").GetInt64());
        Assert.Equal(root.GetProperty("suppressed").GetInt64(), root.GetProperty("suppressedByReason").GetProperty("recipient unsubscribed").GetInt64());
        Assert.True(root.GetProperty("modules").GetProperty("hero/light-beer").GetInt64() > 0);
        Assert.Equal($"800 records: {800 - poison.Count - 27} rendered, 27 suppressed, {poison.Count} rejected", run.SummaryLine);
        Assert.Contains("rejected: read 6, render 2", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithACheckpoint_RefusesToResumeAfterTheCatalogWasEdited()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("catalog.yaml");
        File.Copy(Example.CatalogFile, catalog);
        string[] command = ["render", catalog, "--message", "monthly", "--recipients", Example.Jsonl, "--channel", "text",
            "--out", temp.File("out"), "--checkpoint", temp.File("run.db")];
        var first = CliRun.Of(command);
        Assert.True(first.ExitCode == 0, first.ToString());
        var written = File.ReadAllText(Path.Combine(temp.File("out"), "results.jsonl"));

        File.WriteAllText(catalog, File.ReadAllText(catalog).Replace("Our **Crisp Light Lager**", "Our **Crisper Light Lager**", StringComparison.Ordinal));
        var resumed = CliRun.Of(command);

        Assert.True(resumed.ExitCode != 0, resumed.ToString());
        Assert.Contains("belongs to another run, which finished (", resumed.Stderr, StringComparison.Ordinal);
        Assert.Contains("catalog-sha256", resumed.Stderr, StringComparison.Ordinal);
        Assert.Contains("It has nothing to resume: to start a new run, give it a new checkpoint file and a new output folder", resumed.Stderr, StringComparison.Ordinal);
        Assert.Equal(written, File.ReadAllText(Path.Combine(temp.File("out"), "results.jsonl")));
    }

    [Fact]
    public void Render_Shards_TogetherProduceTheSingleMachineOutput()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        Poison.Write(recipients, 300, withPoison: false);
        var whole = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "web", "--parallel", "3");
        Assert.Equal(0, whole.ExitCode);

        var lines = new List<string>();
        for (var k = 1; k <= 3; k++)
        {
            var shard = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "web", "--shard", $"{k}/3", "--parallel", "1");
            Assert.True(shard.ExitCode == 0, shard.ToString());
            Assert.True(shard.StdoutLines.Length > 50, $"shard {k} has {shard.StdoutLines.Length} records");
            lines.AddRange(shard.StdoutLines);
        }

        Assert.Equal(whole.StdoutLines.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
        Assert.Equal(lines.Count, lines.Distinct().Count());
    }

    [Fact]
    public void Render_MaxRejects_StopsTheRun_SayingSo_ExitOne()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        File.WriteAllLines(recipients, Enumerable.Range(1, 50).Select(static n => $"{{\"id\":\"x{n}\"}}"));

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--max-rejects", "5");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(6, run.StdoutLines.Length);
        Assert.Contains("error: the run stopped: 6 records were rejected, more than the 5 allowed (--max-rejects)", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--shard", "4/3", "--shard: '4/3' is not a shard")]
    [InlineData("--max-rejects", "lots", "--max-rejects: 'lots' is not a reject limit")]
    [InlineData("--schema", "iq:integer", "--schema: 'iq:integer' is not a schema field")]
    [InlineData("--schema", "first_name:text,first_name:text", "--schema: The schema names the field 'first_name' twice.")]
    [InlineData("--checkpoint", "run.db", "--checkpoint needs --out DIR")]
    [InlineData("--parallel", "2147483647", "--parallel 2147483647: give at most 4096 records to work on at once")]
    [InlineData("--parallel", "33554432", "--parallel 33554432: give at most 4096 records to work on at once")]
    public void Render_BadBatchOption_ExitsOneWithHowToFix(string option, string value, string expected)
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", option, value);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: {expected}", run.Stderr, StringComparison.Ordinal);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Render_Durable_NeedsACheckpoint_AndWithOneWritesWhatARunWithoutItWrites()
    {
        using var temp = new TempDirectory();

        var refused = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--out", temp.File("refused"), "--durable");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("error: --durable makes each checkpoint commit wait for the disk: give --checkpoint FILE too, or leave --durable out.", refused.Stderr.Trim());
        Assert.False(Directory.Exists(temp.File("refused")));

        var plain = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--out", temp.File("plain"), "--checkpoint", temp.File("plain.db"));
        var durable = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--out", temp.File("durable"), "--checkpoint", temp.File("durable.db"), "--durable");

        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.True(durable.ExitCode == 0, durable.ToString());
        Assert.Equal(plain.SummaryLine, durable.SummaryLine);
        var names = Directory.GetFiles(temp.File("plain")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(names, Directory.GetFiles(temp.File("durable")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
        Assert.All(names, name => Assert.Equal(File.ReadAllText(Path.Combine(temp.File("plain"), name!)), File.ReadAllText(Path.Combine(temp.File("durable"), name!))));
    }

    [Theory]
    [InlineData("--rejects", "recipients.jsonl", "--rejects and --recipients")]
    [InlineData("--summary", "recipients.jsonl", "--summary and --recipients")]
    [InlineData("--checkpoint", "recipients.jsonl", "--checkpoint and --recipients")]
    [InlineData("--rejects", "out/results.jsonl", "--rejects and --out")]
    [InlineData("--summary", "out/results.jsonl", "--summary and --out")]
    [InlineData("--checkpoint", "out/results.jsonl", "--checkpoint and --out")]
    public void Render_AnOutputFileThatIsTheInputOrAnotherOutput_IsRefusedBeforeAnythingIsWritten(string option, string file, string expected)
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        File.Copy(Example.Jsonl, recipients);
        Directory.CreateDirectory(temp.File("out"));
        var path = temp.File(file);
        string[] extra = option == "--checkpoint" ? [option, path] : [option, path, "--checkpoint", temp.File("run.db")];

        var run = CliRun.Of(["render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", temp.File("out"), .. extra]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal($"error: {expected} name the same file '{Path.GetFullPath(path)}': the run would overwrite what it reads or writes there. Give each its own file.\n", run.Stderr);
        Assert.Equal(File.ReadAllBytes(Example.Jsonl), File.ReadAllBytes(recipients));
        Assert.Empty(Directory.GetFileSystemEntries(temp.File("out")));
    }

    /// <summary>An output named as the catalog file would delete or overwrite the catalog.</summary>
    [Theory]
    [InlineData("--summary")]
    [InlineData("--rejects")]
    public void Render_AnOutputFileThatIsTheCatalog_IsRefused_AndTheCatalogStays(string option)
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("catalog.yaml");
        File.Copy(Example.CatalogFile, catalog);

        var run = CliRun.Of("render", catalog, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", option, catalog);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal($"error: {option} and CATALOG name the same file '{Path.GetFullPath(catalog)}': the run would overwrite what it reads or writes there. Give each its own file.\n", run.Stderr);
        Assert.Equal(File.ReadAllBytes(Example.CatalogFile), File.ReadAllBytes(catalog));
    }

    /// <summary>An output named as a file of a catalog folder would delete or overwrite that part of the catalog.</summary>
    [Theory]
    [InlineData("--summary")]
    [InlineData("--rejects")]
    public void Render_AnOutputFileThatIsAFileOfTheCatalogFolder_IsRefused_AndTheCatalogStays(string option)
    {
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("catalog"));
        var part = Path.Combine(temp.File("catalog"), "catalog.yml");
        File.Copy(Example.CatalogFile, part);

        var run = CliRun.Of("render", temp.File("catalog"), "-m", "monthly", "-r", Example.Jsonl, "-c", "text", option, part);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal($"error: {option} and CATALOG name the same file '{Path.GetFullPath(part)}': the run would overwrite what it reads or writes there. Give each its own file.\n", run.Stderr);
        Assert.Equal(File.ReadAllBytes(Example.CatalogFile), File.ReadAllBytes(part));
    }

    /// <summary>A run that fails leaves no summary: an earlier run's, "completed" with its counts, was left as if it were this run's.</summary>
    [Fact]
    public void Render_ThatFails_LeavesNoSummary_NotAnEarlierRuns()
    {
        using var temp = new TempDirectory();
        var summary = temp.File("summary.json");
        var first = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--summary", summary);
        Assert.True(first.ExitCode == 0 && File.Exists(summary), first.ToString());

        var failed = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", temp.File("missing.jsonl"), "-c", "text", "--summary", summary);

        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.False(File.Exists(summary), failed.ToString());
    }

    /// <summary>So does a run that stops before it reads a record: a catalog with errors, a draft, caps without a history.</summary>
    [Theory]
    [InlineData("bad catalog")]
    [InlineData("draft")]
    [InlineData("caps")]
    public void Render_ThatStopsAtTheCatalog_LeavesNoSummary_NotAnEarlierRuns(string problem)
    {
        using var temp = new TempDirectory();
        var summary = temp.File("summary.json");
        var first = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--summary", summary);
        Assert.True(first.ExitCode == 0 && File.Exists(summary), first.ToString());
        var catalog = temp.File("catalog.yaml");
        var yaml = File.ReadAllText(Example.CatalogFile).ReplaceLineEndings("\n");
        File.WriteAllText(catalog, problem switch
        {
            "bad catalog" => yaml.Replace("    when: segment.women\n", "    whn: segment.women\n", StringComparison.Ordinal),
            "draft" => yaml.Replace("    when: segment.women\n", "    when: segment.women\n    status: draft\n", StringComparison.Ordinal),
            _ => yaml.Replace("\nmessages:\n  monthly:\n", "\nmessages:\n  monthly:\n    caps: [{ max: 1 per 30d, per: message }]\n", StringComparison.Ordinal),
        });
        Assert.NotEqual(yaml, File.ReadAllText(catalog));

        var failed = CliRun.Of("render", catalog, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--summary", summary);

        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Empty(failed.Stdout);
        Assert.False(File.Exists(summary), failed.ToString());
    }

    [Fact]
    public void Render_ASummaryWhoseFolderCannotBeMade_IsRefusedBeforeARecordIsRendered()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("runs"), "a file where the summary's folder would be");
        var summary = Path.Combine(temp.File("runs"), "summary.json");

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--summary", summary);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Empty(run.Stdout);
        Assert.StartsWith($"error: --summary '{summary}' cannot be written: ", run.Stderr, StringComparison.Ordinal);
        Assert.Null(run.SummaryLine);
    }

    [Theory]
    [InlineData("--out", "out")]
    [InlineData("--rejects", "rejects.jsonl")]
    [InlineData("--checkpoint", "run.checkpoint")]
    [InlineData("--summary", "summary.json")]
    public void Render_AFileWhereAnOutputsFolderWouldBe_IsNamedWithItsOption_BeforeARecordIsRendered(string option, string name)
    {
        using var temp = new TempDirectory();
        var runs = temp.File("runs");
        File.WriteAllText(runs, "a file where a folder would be");
        var path = Path.Combine(runs, "today", name);
        string[] outArguments = option is "--out" or "--checkpoint" ? ["--out", option == "--out" ? path : temp.File("out")] : [];

        var run = CliRun.Of(["render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", .. outArguments, .. option == "--out" ? [] : new[] { option, path }]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Empty(run.Stdout);
        Assert.Equal($"error: {option} '{path}' cannot be written: '{runs}' is a file, not a folder. Give a path in a folder, or move the file.", run.Stderr.Trim());
        Assert.Null(run.SummaryLine);
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public void Render_ARecordWhoseFileWouldBeTheSummaryOrRejectsInTheOutputFolder_GetsAnotherName()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        var lines = File.ReadLines(Example.Jsonl).Take(2).ToList();
        File.WriteAllLines(recipients, [lines[0].Replace("\"c001\"", "\"summary\"", StringComparison.Ordinal), lines[1].Replace("\"c002\"", "\"rejects\"", StringComparison.Ordinal)]);
        var folder = temp.File("out");

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "web", "--format", "json", "--out", folder,
            "--summary", Path.Combine(folder, "summary.json"), "--rejects", Path.Combine(folder, "rejects.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var files = File.ReadLines(Path.Combine(folder, "results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("file").GetString()).ToList();
        Assert.Equal(["summary-1.json", "rejects-2.json"], files);
        Assert.Equal("summary", JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary-1.json"))).RootElement.GetProperty("id").GetString());
        Assert.Equal(2, JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json"))).RootElement.GetProperty("rendered").GetInt32());
        Assert.Equal(string.Empty, File.ReadAllText(Path.Combine(folder, "rejects.json")));
    }

    [Fact]
    public void Render_ARecordWhoseFileWouldBeTheRecipientsFileInTheOutputFolder_GetsAnotherName_AndTheInputIsKept()
    {
        // customers.txt (CSV, sniffed) kept in the output folder, with a recipient whose id is 'customers': its text file
        // replaced the input the run was reading, and a resume would then find another input.
        using var temp = new TempDirectory();
        var folder = temp.File("out");
        Directory.CreateDirectory(folder);
        var recipients = Path.Combine(folder, "customers.txt");
        var lines = File.ReadLines(Example.Csv).Take(3).ToList();
        var csv = string.Join('\n', lines[0], lines[1], lines[2].Replace("c002,", "customers,", StringComparison.Ordinal)) + "\n";
        File.WriteAllText(recipients, csv);

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", folder, "--progress", "none");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(csv, File.ReadAllText(recipients));
        var files = File.ReadLines(Path.Combine(folder, "results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("file").GetString()).ToList();
        Assert.Equal(["c001.txt", "customers-2.txt"], files);
    }

    [Fact]
    public void Render_ALongNonAsciiId_IsWrittenUnderAShortenedName_AndTheRunFinishes()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        var lines = File.ReadLines(Example.Jsonl).Take(3).ToList();
        lines.Add(lines[0].Replace("\"c001\"", $"\"{new string('漢', 100)}\"", StringComparison.Ordinal));
        File.WriteAllLines(recipients, lines);

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text",
            "--out", temp.File("out"), "--checkpoint", temp.File("run.db"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("4 records: 4 rendered, 0 suppressed, 0 rejected", run.SummaryLine);
        Assert.True(File.Exists(Path.Combine(temp.File("out"), new string('漢', 50) + ".txt")));
    }

    [Fact]
    public void Render_ARunThatFails_ReportsTheRecordsItsCheckpointRecorded()
    {
        using var temp = new TempDirectory();
        string[] command = ["render", Example.Folder, "--message", "monthly", "--recipients", Example.Jsonl, "--channel", "text",
            "--out", temp.File("out"), "--checkpoint", temp.File("run.db")];
        var first = CliRun.Of(command);
        Assert.True(first.ExitCode == 0, first.ToString());

        // A results.jsonl cut short behind the checkpoint's back fails the resumed run as a whole.
        File.WriteAllText(Path.Combine(temp.File("out"), "results.jsonl"), string.Empty);
        var resumed = CliRun.Of(command);

        Assert.True(resumed.ExitCode == 1, resumed.ToString());
        Assert.Contains("than the checkpoint recorded", resumed.Stderr, StringComparison.Ordinal);
        Assert.Equal(first.SummaryLine, resumed.SummaryLine);
    }

    [Fact]
    public void Render_WithACheckpoint_RefusesToResumeAfterTheRecipientsFileChanged_SayingWhatChanged()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        File.Copy(Example.Jsonl, recipients);
        string[] command = ["render", Example.Folder, "--message", "monthly", "--recipients", recipients, "--channel", "text",
            "--out", temp.File("out"), "--checkpoint", temp.File("run.db")];
        var first = CliRun.Of(command);
        Assert.True(first.ExitCode == 0, first.ToString());

        File.AppendAllText(recipients, File.ReadLines(Example.Jsonl).First().Replace("c001", "c999", StringComparison.Ordinal) + "\n");
        var resumed = CliRun.Of(command);

        Assert.True(resumed.ExitCode == 1, resumed.ToString());
        Assert.Contains("belongs to another run, which finished (", resumed.Stderr, StringComparison.Ordinal);
        Assert.Contains($"recipients-size was '{new FileInfo(Example.Jsonl).Length}' when it began, and is '{new FileInfo(recipients).Length}' now", resumed.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("catalog-sha256", resumed.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithACheckpoint_RefusesStandardInput()
    {
        using var temp = new TempDirectory();

        var run = CliRun.WithInput(File.ReadAllText(Example.Jsonl), "render", Example.Folder, "--message", "monthly", "--recipients", "-", "--channel", "text",
            "--out", temp.File("out"), "--checkpoint", temp.File("run.db"));

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: --checkpoint cannot resume standard input", run.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(temp.File("run.db")));
    }

    [Fact]
    public void Render_Email_WithoutAsOf_IsDatedWhenTheRunBegan_AlsoWhenItResumesLater()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("recipients.jsonl");
        var lines = File.ReadLines(Example.Jsonl).Take(6).ToList();
        lines[2] = lines[2].Replace("\"email\":", "\"no_email\":", StringComparison.Ordinal);
        File.WriteAllLines(recipients, lines);
        string[] Command(string maxRejects) => ["render", Example.Folder, "--message", "monthly", "--recipients", recipients, "--channel", "email",
            "--out", temp.File("out"), "--checkpoint", temp.File("run.db"), "--max-rejects", maxRejects, "--parallel", "2"];

        // The first attempt stops at the record without an address; the second, a while later, carries on under a higher limit.
        var first = CliRun.Of(Command("0"));
        Assert.True(first.ExitCode == 1, first.ToString());
        Thread.Sleep(1100);
        var resumed = CliRun.Of(Command("1"));

        Assert.True(resumed.ExitCode == 2, resumed.ToString());
        Assert.Equal("6 records: 5 rendered, 0 suppressed, 1 rejected", resumed.SummaryLine);
        var dates = Directory.GetFiles(temp.File("out"), "*.eml").Order(StringComparer.Ordinal)
            .Select(static f => File.ReadLines(f).First(static l => l.StartsWith("Date: ", StringComparison.Ordinal))).ToList();
        Assert.Equal(5, dates.Count);
        Assert.Single(dates.Distinct());
    }
}
