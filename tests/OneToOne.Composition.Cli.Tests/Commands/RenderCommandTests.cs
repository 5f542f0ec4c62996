using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Commands;

public sealed class RenderCommandTests
{
    private const string XssName = "<script>alert(1)</script>{{ 7*7 }}";

    [Fact]
    public void Render_ExampleJsonl_Text_PicksHeroBySegmentRules_OneLinePerRecordInOrder()
    {
        var input = Example.JsonlRecords();

        var run = CliRun.Of("render", Example.Folder, "--message", "monthly", "--recipients", Example.Jsonl, "--channel", "text");

        Assert.True(run.ExitCode == 0, run.ToString());
        var output = run.JsonLines();
        Assert.Equal(input.Count, output.Count);
        var heroes = new HashSet<string>();
        for (var i = 0; i < input.Count; i++)
        {
            var id = input[i].GetProperty("id").GetString();
            Assert.Equal(id, output[i].GetProperty("id").GetString());
            if (Example.IsUnsubscribed(input[i]))
            {
                Assert.Equal("suppressed", output[i].GetProperty("status").GetString());
                Assert.Equal("recipient unsubscribed", output[i].GetProperty("reason").GetString());
                Assert.False(output[i].TryGetProperty("body", out _));
                Assert.False(output[i].TryGetProperty("slots", out _));
                continue;
            }

            Assert.True(output[i].GetProperty("status").GetString() == "rendered", $"record {id}: {output[i]}");
            var hero = output[i].GetProperty("slots").GetProperty("hero");
            Assert.Equal<string>([Example.ExpectedHero(input[i])], [.. hero.EnumerateArray().Select(static e => e.GetString()!)]);
            heroes.Add(hero[0].GetString()!);
            Assert.Contains(input[i].GetProperty("first_name").GetString()!, output[i].GetProperty("subject").GetString(), StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(output[i].GetProperty("body").GetString()));
            Assert.False(output[i].TryGetProperty("error", out _));
        }

        // The data exercises all three rules, so the checks above mean something.
        Assert.Equal(["domestic-beer", "imported-beer", "light-beer"], heroes.Order(StringComparer.Ordinal));
        var suppressed = input.Count(Example.IsUnsubscribed);
        Assert.True(suppressed > 0);
        Assert.Equal($"{input.Count} records: {input.Count - suppressed} rendered, {suppressed} suppressed, 0 rejected", run.SummaryLine);
    }

    [Fact]
    public void Render_ScriptInFirstName_Web_IsEscapedAndLiteral()
    {
        var id = XssRecordId();

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "web");

        Assert.True(run.ExitCode == 0, run.ToString());
        var record = run.JsonLines().Single(r => r.GetProperty("id").GetString() == id);
        var body = record.GetProperty("body").GetString()!;
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("{{ 7*7 }}", body, StringComparison.Ordinal);
        Assert.DoesNotContain("49", body, StringComparison.Ordinal);
        Assert.StartsWith(XssName, record.GetProperty("subject").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ScriptInFirstName_Text_IsLiteral()
    {
        var id = XssRecordId();

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text");

        var record = run.JsonLines().Single(r => r.GetProperty("id").GetString() == id);
        var body = record.GetProperty("body").GetString()!;
        Assert.Contains($"Hello {XssName},", body, StringComparison.Ordinal);
        Assert.DoesNotContain("49", body, StringComparison.Ordinal);
        Assert.Equal($"{XssName}, your beer of the month", record.GetProperty("subject").GetString());
    }

    [Theory]
    [InlineData("text")]
    [InlineData("web")]
    public void Render_Csv_GivesTheSameResultsAsJsonl_ForTheSameRecords(string channel)
    {
        var csv = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Csv, "-c", channel);
        var jsonl = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", channel);

        Assert.True(csv.ExitCode == 0, csv.ToString());
        var fromCsv = csv.JsonLines();
        Assert.Equal(File.ReadLines(Example.Csv).Count(static l => l.Length > 0) - 1, fromCsv.Count);
        var fromJsonl = jsonl.JsonLines().ToDictionary(static r => r.GetProperty("id").GetString()!);
        foreach (var record in fromCsv)
        {
            var id = record.GetProperty("id").GetString()!;
            Assert.True(fromJsonl.TryGetValue(id, out var expected), $"CSV id {id} is not in the JSONL file.");
            Assert.Equal(expected.GetRawText(), record.GetRawText());
        }
    }

    [Fact]
    public void Render_MalformedJsonLineAndMissingField_AreRejected_RunContinues_ExitsTwo()
    {
        using var temp = new TempDirectory();
        var lines = File.ReadLines(Example.Jsonl).Take(3).ToList();
        var withoutFirstName = JsonSerializer.Serialize(
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(lines[1])!.Where(static p => p.Key != "first_name").ToDictionary());
        var path = temp.File("mixed.jsonl");
        File.WriteAllLines(path, [lines[0], "{\"id\": \"broken\", \"first_name\": ", withoutFirstName, "", lines[2]]);

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", path, "-c", "text");

        Assert.True(run.ExitCode == 2, run.ToString());
        var output = run.JsonLines();
        Assert.Equal(["rendered", "rejected", "rejected", "rendered"], output.Select(static r => r.GetProperty("status").GetString()));
        Assert.StartsWith("Line 2: not valid JSON", output[1].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(output[1].TryGetProperty("body", out _));
        var missing = output[2].GetProperty("error").GetString()!;
        Assert.Contains("first_name", missing, StringComparison.Ordinal);
        Assert.Equal(JsonDocument.Parse(lines[1]).RootElement.GetProperty("id").GetString(), output[2].GetProperty("id").GetString());
        Assert.Equal("4 records: 2 rendered, 0 suppressed, 2 rejected", run.SummaryLine);
    }

    [Fact]
    public void Render_CsvRowWithWrongFieldCount_IsRejectedNamingTheLine()
    {
        using var temp = new TempDirectory();
        var lines = File.ReadLines(Example.Csv).Take(3).ToList();
        var path = temp.File("short.csv");
        File.WriteAllLines(path, [lines[0], lines[1], "c999,Short,,short@example.com", lines[2]]);

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", path, "-c", "text");

        Assert.True(run.ExitCode == 2, run.ToString());
        var output = run.JsonLines();
        Assert.Equal(["rendered", "rejected", "rendered"], output.Select(static r => r.GetProperty("status").GetString()));
        Assert.Equal("c999", output[1].GetProperty("id").GetString());
        Assert.StartsWith("Line 3: ", output[1].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jsonl")]
    [InlineData("csv")]
    public void Render_FromStdin_SniffsTheFormat_SameAsFromFile(string format)
    {
        var file = format == "csv" ? Example.Csv : Example.Jsonl;

        var fromStdin = CliRun.WithInput("\n  " + File.ReadAllText(file), "render", Example.Folder, "-m", "monthly", "-r", "-", "-c", "text");
        var fromFile = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", file, "-c", "text");

        Assert.True(fromStdin.ExitCode == 0, fromStdin.ToString());
        Assert.NotEmpty(fromStdin.StdoutLines);
        Assert.Equal(fromFile.Stdout, fromStdin.Stdout);
    }

    /// <summary>
    /// Last night's files stayed beside tonight's without a word: a customer in yesterday's export and not in today's kept
    /// an .eml in the folder, and a step that sends every file in it sent it again.
    /// </summary>
    [Fact]
    public void Render_FromTheStartIntoAFolderAnEarlierRunFilled_WarnsThatItsOtherFilesStay()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("out");
        var first = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--out", outDir);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.DoesNotContain("warning", first.Stderr, StringComparison.Ordinal);
        var one = temp.File("one.jsonl");
        File.WriteAllText(one, File.ReadLines(Example.Jsonl).First() + "\n");

        var second = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", one, "-c", "text", "--out", outDir);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"warning: '{outDir}' holds an earlier run's output (results.jsonl): this run replaces results.jsonl and the files of the records it writes, and keeps the other files", second.Stderr, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(Path.Combine(outDir, "results.jsonl")));
        Assert.True(Directory.GetFiles(outDir, "*.txt").Length > 1);
    }

    [Fact]
    public void Render_OutDirectory_Web_WritesHtmlDocumentsAndResults()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("out");
        var input = Example.JsonlRecords();

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "web", "--out", outDir);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        var results = File.ReadAllLines(Path.Combine(outDir, "results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(input.Count, results.Count);
        for (var i = 0; i < input.Count; i++)
        {
            var id = input[i].GetProperty("id").GetString()!;
            Assert.Equal(id, results[i].GetProperty("id").GetString());
            Assert.False(results[i].TryGetProperty("body", out _));
            if (Example.IsUnsubscribed(input[i]))
            {
                Assert.Equal("suppressed", results[i].GetProperty("status").GetString());
                Assert.False(File.Exists(Path.Combine(outDir, id + ".html")));
                continue;
            }

            Assert.Equal($"{id}.html", results[i].GetProperty("file").GetString());
            Assert.Equal(Example.ExpectedHero(input[i]), results[i].GetProperty("slots").GetProperty("hero")[0].GetString());
            var html = File.ReadAllText(Path.Combine(outDir, id + ".html"));
            Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
            Assert.Contains("<meta charset=\"utf-8\">", html, StringComparison.Ordinal);
            Assert.Contains("</html>", html, StringComparison.Ordinal);
        }

        var xss = File.ReadAllText(Path.Combine(outDir, XssRecordId() + ".html"));
        Assert.Contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}, your beer of the month</title>", xss, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", xss, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(input.Count(r => !Example.IsUnsubscribed(r)) + 1, Directory.GetFiles(outDir).Length);
    }

    [Fact]
    public void Render_OutDirectory_Text_WritesSubjectAndBody()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("out");
        var first = Example.JsonlRecords()[0];

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Csv, "-c", "text", "-o", outDir);

        Assert.True(run.ExitCode == 0, run.ToString());
        var text = File.ReadAllText(Path.Combine(outDir, first.GetProperty("id").GetString() + ".txt"));
        Assert.StartsWith($"Subject: {first.GetProperty("first_name").GetString()}, your beer of the month\n\nHello ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OutDirectory_UnsafeIds_AndIdsThatMakeTheSameName_StayInsideTheFolder()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("out");
        var template = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadLines(Example.Jsonl).First())!;
        string With(string? id)
        {
            var copy = new Dictionary<string, object?>(template.ToDictionary(static p => p.Key, static p => (object?)p.Value));
            if (id is null)
            {
                copy.Remove("id");
            }
            else
            {
                copy["id"] = id;
            }

            return JsonSerializer.Serialize(copy);
        }

        var path = temp.File("ids.jsonl");
        File.WriteAllLines(path, [With("../../escape"), With("a/b\\c"), With(""), With("s_me"), With("s?me"), With("..")]);

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", path, "-c", "text", "-o", outDir);

        Assert.True(run.ExitCode == 0, run.ToString());
        var files = Directory.GetFiles(outDir).Select(static f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal<string>(["a_b_c.txt", "escape.txt", "record-3.txt", "record-6.txt", "results.jsonl", "s_me-5.txt", "s_me.txt"], files);
        Assert.Empty(Directory.GetDirectories(outDir));
        Assert.Empty(Directory.GetFiles(temp.Path, "*.txt"));
    }

    [Fact]
    public void Render_UnknownMessage_ExitsOneAndNamesTheMessages()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "weekly", "-r", Example.Jsonl, "-c", "text");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("'weekly'", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("monthly", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BadCatalog_ExitsOneWithDiagnosticsOnStderr()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("catalog.yaml");
        File.WriteAllText(catalog, File.ReadAllText(Example.CatalogFile).Replace("from: [footer]", "from: [fooder]", StringComparison.Ordinal));

        var run = CliRun.Of("render", catalog, "-m", "monthly", "-r", Example.Jsonl, "-c", "text");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains($"{catalog}(", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("error OTO1101", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_BadChannel_ExitsOne()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "pdf");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(string.Empty, run.Stdout);
        Assert.Contains("pdf", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CatalogAndRecipientsSwapped_SaysWhichIsWhich()
    {
        var swapped = CliRun.Of("render", Example.Jsonl, "-m", "monthly", "-r", Example.CatalogFile, "-c", "text");
        var yamlRecipients = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.CatalogFile, "-c", "text");

        Assert.Equal(1, swapped.ExitCode);
        Assert.EndsWith(
            $"error: '{Example.Jsonl}' is a recipients file (JSON Lines or CSV), not a catalog. Give the catalog (a .yaml file or a folder of them) as the first argument, and recipients with -r.\n",
            swapped.Stderr.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.Empty(swapped.Stdout);
        Assert.Equal(1, yamlRecipients.ExitCode);
        Assert.Equal(
            $"error: '{Example.CatalogFile}' is a YAML file (a catalog?), not a recipients file. Give a .jsonl or .csv file, or - for standard input.\n",
            yamlRecipients.Stderr.ReplaceLineEndings("\n"));
        Assert.Empty(yamlRecipients.Stdout);
    }

    [Fact]
    public void Render_MissingRecipientsFile_ErrorWithoutASummaryOfNothing()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", "no-such-file.jsonl", "-c", "text");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: the recipients file 'no-such-file.jsonl' does not exist.", run.Stderr, StringComparison.Ordinal);
        Assert.True(run.SummaryLine is null, run.ToString());
    }

    /// <summary>
    /// A newcomer's customers.json, as most tools export JSON: an array of records, or one object over several lines. It
    /// was read as CSV (or JSON Lines) and every line rejected as malformed, exit 2, without a word on what was wrong; it
    /// is refused before the run, saying what the file is and how to make JSON Lines of it.
    /// </summary>
    [Theory]
    [InlineData("[\n  {\"id\": \"c1\", \"first_name\": \"Ada\"},\n  {\"id\": \"c2\", \"first_name\": \"Bo\"}\n]\n", "is a JSON array of records ([{…}, {…}]), not JSON Lines or CSV. Give one JSON object per line (JSON Lines, a .jsonl file): jq -c '.[]'")]
    [InlineData("\uFEFF  [{\"id\": \"c1\"}]", "is a JSON array of records ([{…}, {…}]), not JSON Lines or CSV. Give one JSON object per line (JSON Lines, a .jsonl file): jq -c '.[]'")]
    [InlineData("{\n  \"id\": \"c1\",\n  \"first_name\": \"Ada\"\n}\n", "holds a JSON object written over several lines (its first line is '{' alone), not JSON Lines, which needs each record on one line. Give one JSON object per line (JSON Lines, a .jsonl file): jq -c .")]
    public void Render_RecipientsAreOneJsonDocument_IsRefusedBeforeTheRun_SayingHowToMakeJsonLines(string content, string expected)
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("customers.json");
        File.WriteAllText(recipients, content);

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Equal($"error: '{recipients}' {expected} '{recipients}' > recipients.jsonl converts it.\n", run.Stderr.ReplaceLineEndings("\n"));
    }

    /// <summary>
    /// `cat customers.json | onetoone render … -r -`: standard input has no name to say its format, and an array was read
    /// as CSV, every line rejected as a malformed row; it is refused before the run as the same file is, with the jq to put
    /// in the pipe.
    /// </summary>
    [Theory]
    [InlineData("[\n  {\"id\": \"c1\", \"first_name\": \"Ada\"},\n  {\"id\": \"c2\", \"first_name\": \"Bo\"}\n]\n", "Standard input is a JSON array of records ([{…}, {…}]), not JSON Lines or CSV. Give one JSON object per line (JSON Lines): put jq -c '.[]' in the pipe before it (cat customers.json | jq -c '.[]' | onetoone render … -r -).")]
    [InlineData("\uFEFF \r\n [ \n\n ]", "Standard input is a JSON array of records ([{…}, {…}]), not JSON Lines or CSV. Give one JSON object per line (JSON Lines): put jq -c '.[]' in the pipe before it (cat customers.json | jq -c '.[]' | onetoone render … -r -).")]
    [InlineData("{\n  \"id\": \"c1\",\n  \"first_name\": \"Ada\"\n}\n", "Standard input holds a JSON object written over several lines (its first line is '{' alone), not JSON Lines, which needs each record on one line. Give one JSON object per line (JSON Lines): put jq -c . in the pipe before it (cat customers.json | jq -c . | onetoone render … -r -).")]
    public void Render_StandardInputIsOneJsonDocument_IsRefusedBeforeTheRun_AsAFileIs(string content, string expected)
    {
        var run = CliRun.WithInput(content, "render", Example.Folder, "-m", "monthly", "-r", "-", "-c", "text");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Equal($"error: {expected}\n", run.Stderr.ReplaceLineEndings("\n"));
    }

    /// <summary>What standard input's look at its start reads is given back: JSON Lines (after blank lines) and CSV are read whole.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Render_StandardInput_JsonLinesOrCsv_IsReadFromItsFirstCharacter(bool csv)
    {
        var lines = File.ReadLines(csv ? Example.Csv : Example.Jsonl).Take(csv ? 3 : 2).ToList();
        var content = (csv ? string.Empty : "\n  ") + string.Join("\n", lines) + "\n";

        var run = CliRun.WithInput(content, "render", Example.Folder, "-m", "monthly", "-r", "-", "-c", "text");

        Assert.Equal("2 records: 2 rendered, 0 suppressed, 0 rejected", run.SummaryLine);
        Assert.Contains("\"id\":\"c002\"", run.Stdout, StringComparison.Ordinal);
    }

    /// <summary>A CSV file whose name does not say so, its first column written in brackets, is still CSV.</summary>
    [Fact]
    public void Render_CsvWithoutExtension_StartingWithABracket_IsStillCsv()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("customers.txt");
        File.WriteAllText(recipients, "[id],first_name\nc1,Ada\n");

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--id-field", "[id]");

        Assert.Equal("1 record: 0 rendered, 0 suppressed, 1 rejected", run.SummaryLine);
        Assert.Contains("the template uses the field", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Render_WithCheckpoint_MissingOrFolderRecipients_SaysSo_AndLeavesNoCheckpoint(bool folder)
    {
        using var temp = new TempDirectory();
        var recipients = folder ? Example.Folder : "no-such-file.jsonl";
        var checkpoint = temp.File("run.checkpoint");

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--out", temp.File("out"), "--checkpoint", checkpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            folder
                ? $"error: '{Example.Folder}' is a folder, not a recipients file. Give a .jsonl or .csv file, or - for standard input.\n"
                : "error: the recipients file 'no-such-file.jsonl' does not exist. Give a .jsonl or .csv file, or - for standard input.\n",
            run.Stderr);
        Assert.False(File.Exists(checkpoint), run.ToString());
    }

    [Theory]
    [InlineData("render")]
    [InlineData("analyze")]
    [InlineData("explain")]
    public void MistypedMessage_SuggestsTheClosestOne_AndListsThemAll(string command)
    {
        string[] rest = command switch
        {
            "render" => ["-r", Example.Jsonl, "-c", "text"],
            "explain" => ["-r", "{\"id\":\"x\"}"],
            _ => [],
        };

        var run = CliRun.Of([command, Example.Folder, "-m", "monthy", .. rest]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: the catalog 'beer-of-the-month' has no message 'monthy'. Did you mean 'monthly'? It has these messages: monthly.\n", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Render_RecipientsIsAFolder_SaysItIsAFolder()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Folder, "-c", "text");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"error: '{Example.Folder}' is a folder, not a recipients file.", run.Stderr, StringComparison.Ordinal);
        Assert.True(run.SummaryLine is null, run.ToString());
    }

    [Fact]
    public void Render_CsvWithDuplicateColumn_ErrorWithoutASummaryOfNothing()
    {
        using var temp = new TempDirectory();
        var csv = temp.File("dup.csv");
        File.WriteAllText(csv, "id,first_name,first_name\nc1,Ada,Bea\n");

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", csv, "-c", "text");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'first_name' twice", run.Stderr, StringComparison.Ordinal);
        Assert.True(run.SummaryLine is null, run.ToString());
    }

    [Fact]
    public void Render_IdFieldNoRecordHas_WarnsOnceAtTheEnd_OfAShortInput()
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--id-field", "customer_id");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Single(Warnings(run));
        Assert.StartsWith($"warning: none of the {Example.JsonlRecords().Count} records has the field 'customer_id' (--id-field)", Warnings(run)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_IdFieldNoRecordHas_WarnsQuotingTheFieldsNameOnOneLine()
    {
        // The option's value is the user's: a pasted escape or line break must not end the warning's line or reach the terminal.
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--id-field", "cust\u001B[31m_id\nwarning: \u202Eforged");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"warning: none of the {Example.JsonlRecords().Count} records has the field 'cust\\u001B[31m_id\\nwarning: \\u202Eforged' (--id-field), so no record has an id:", Assert.Single(Warnings(run)), StringComparison.Ordinal);
        Assert.DoesNotContain('\u001B', run.Stderr);
    }

    [Fact]
    public void Render_IdFieldNoRecordHas_WarnsOnceAfterTheFirstHundred()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("r.jsonl");
        File.WriteAllLines(recipients, Enumerable.Range(1, 250).Select(static n => $"{{\"customer_id\":\"c{n}\",\"first_name\":\"Ada\"}}"));

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--parallel", "2");

        Assert.StartsWith("warning: none of the first 100 records has the field 'id' (--id-field)", Assert.Single(Warnings(run)), StringComparison.Ordinal);
        Assert.Equal(250, run.StdoutLines.Length);
    }

    [Fact]
    public void Render_IdFieldInAnotherCase_NamesTheFieldTheRecordsHave()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("r.csv");
        File.WriteAllLines(recipients, ["ID,first_name", "c1,Ada", "c2,Bea"]);

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--progress", "none");

        Assert.EndsWith(
            "puts every record in shard 1. The records have 'ID': give --id-field ID if that is the id.",
            Assert.Single(Warnings(run)),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StoppedByAFullOrReadOnlyDisk_SaysWhatToDo()
    {
        // The operating system's message ("No space left on device : 'out/results.jsonl'") names the file but not the way
        // out; the run adds it. The errors are made as .NET makes them on Linux (errno as HResult): a full disk is not
        // something a test can portably arrange (see the report's tmpfs check).
        var full = new IOException("No space left on device : '/data/out/results.jsonl'", 28);
        var readOnly = new IOException("Read-only file system : '/data/out/c1.txt'", 30);

        Assert.Equal(
            " The disk (or the quota) is full: free space on it, then run the same command again: it carries on from the checkpoint.",
            OneToOne.Composition.Cli.Commands.RenderCommand.WhatToDo(full, checkpointed: true));
        Assert.Equal(
            " The disk (or the quota) is full: free space on it, then run the command again (from the start: give --checkpoint FILE with --out DIR, and a run that stops carries on where it stopped).",
            OneToOne.Composition.Cli.Commands.RenderCommand.WhatToDo(full, checkpointed: false));
        Assert.Equal(
            " The file system is read-only: mount it writable, or write to another one, then run the same command again: it carries on from the checkpoint.",
            OneToOne.Composition.Cli.Commands.RenderCommand.WhatToDo(readOnly, checkpointed: true));
        Assert.Equal(string.Empty, OneToOne.Composition.Cli.Commands.RenderCommand.WhatToDo(new IOException("'r.jsonl' is shorter than recorded"), checkpointed: true));

        // The output folder moved away mid-run (an operator's `mv out out.old` to make room): "Could not find a part of the path".
        var moved = new DirectoryNotFoundException("Could not find a part of the path '/data/out/.c1.txt.0123.tmp'.");
        Assert.Equal(
            " A folder the run writes to was moved or deleted while the run wrote to it: put it back where it was, then run the same command again: it carries on from the checkpoint.",
            OneToOne.Composition.Cli.Commands.RenderCommand.WhatToDo(moved, checkpointed: true));
    }

    [Fact]
    public void Render_StoppedBeforeItsFirstRecord_DoesNotCallTheInputEmpty()
    {
        // SIGTERM during start-up (a pod evicted in its first second): no record was read, but the input was never read to
        // the end either. Telling the on-call engineer to check the export sends them the wrong way; the stop says it all.
        var stopped = new OneToOne.Composition.Batch.BatchSummary { StoppedReason = "cancelled" };
        var completed = new OneToOne.Composition.Batch.BatchSummary();

        Assert.Null(OneToOne.Composition.Cli.Commands.RenderCommand.EmptyInputWarning(stopped, "r.jsonl", shard: null));
        Assert.Equal(
            "warning: no record was read from 'r.jsonl': it is empty, or a CSV file with only its header row. Check that the recipients were exported.",
            OneToOne.Composition.Cli.Commands.RenderCommand.EmptyInputWarning(completed, "r.jsonl", shard: null));
    }

    [Theory]
    [InlineData("r.jsonl", "")]
    [InlineData("r.csv", "id,first_name\n")]
    public void Render_EmptyRecipients_WarnsThatNoRecordWasRead_AndExitsZero(string name, string content)
    {
        using var temp = new TempDirectory();
        var recipients = temp.File(name);
        File.WriteAllText(recipients, content);

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--progress", "none");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"warning: no record was read from '{recipients}': it is empty, or a CSV file with only its header row. Check that the recipients were exported.", Assert.Single(AllWarnings(run)));
        Assert.Equal("0 records: 0 rendered, 0 suppressed, 0 rejected", run.SummaryLine);
    }

    [Fact]
    public void Render_EmptyShard_DoesNotWarn()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("r.jsonl");
        File.WriteAllText(recipients, "{\"id\":\"c1\",\"first_name\":\"Ada\"}\n");
        var shard = Enumerable.Range(1, 2).Select(static k => $"{k}/2").First(k => CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--shard", k).StdoutLines.Length == 0);

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text", "--shard", shard);

        Assert.True(run.SummaryLine == "0 records: 0 rendered, 0 suppressed, 0 rejected", run.ToString());
        Assert.Empty(AllWarnings(run));
    }

    [Fact]
    public void Render_IdFieldSomeRecordsHave_NoWarning()
    {
        using var temp = new TempDirectory();
        var recipients = temp.File("r.jsonl");
        File.WriteAllLines(recipients, ["{\"first_name\":\"Ada\"}", "{\"id\":\"c2\",\"first_name\":\"Bea\"}"]);

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", recipients, "-c", "text");

        Assert.True(Warnings(run).Length == 0, run.ToString());
        Assert.Empty(Warnings(CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text")));
    }

    private static string[] AllWarnings(CliRun run) =>
        [.. run.Stderr.Split('\n').Where(static l => l.StartsWith("warning: ", StringComparison.Ordinal))];

    private static string[] Warnings(CliRun run) =>
        [.. run.Stderr.Split('\n').Where(static l => l.StartsWith("warning: ", StringComparison.Ordinal) && l.Contains("--id-field", StringComparison.Ordinal))];

    [Fact]
    public void Render_AFieldMisspeltInACondition_IsToldOnceOnStandardError_WithTheCloseNameTheRecordsHave_AndInTheSummaryFile()
    {
        // 'gendr' read nothing for anyone, so every woman got the domestic beer and the run said nothing.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: beer
            segments:
              women: gendr == "female"
            modules:
              light: { when: segment.women, content: "Light" }
              plain: { content: "Plain" }
            slots:
              hero: { pick: first, from: [light, plain] }
            messages:
              monthly:
                body: '{{ slot "hero" }}'
            """);
        File.WriteAllText(temp.File("r.csv"), "id,gender\nr1,female\nr2,male\nr3,female\n");

        var run = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "monthly", "-r", temp.File("r.csv"), "-c", "text", "--summary", temp.File("summary.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["  conditions read fields no record had, each read as null for every recipient: 'gendr' (did you mean 'gender'?)"],
            run.Stderr.Split('\n').Where(static l => l.Contains("gendr", StringComparison.Ordinal)));
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("summary.json")));
        Assert.Equal("gender", summary.RootElement.GetProperty("missingConditionFields").GetProperty("gendr").GetString());
    }

    [Fact]
    public void Render_SummaryThroughASymbolicLink_ReplacesTheFileItLeadsTo_AndTheLinkStays()
    {
        // The earlier summary was deleted, then renamed over, at the link's own path: latest.json became a file of its
        // own, and --summary /dev/stderr deleted (as root, replaced) the system's link to the error output.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), "catalog: t\nmodules:\n  a: \"Hi {{ first_name }}\"\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: '{{ slot \"s\" }}'\n");
        File.WriteAllText(temp.File("r.csv"), "id,first_name\nr1,Ann\nr2,Bo\n");
        File.WriteAllText(temp.File("2026-12-06.json"), "{}");
        File.CreateSymbolicLink(temp.File("latest.json"), "2026-12-06.json");

        var run = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "m", "-r", temp.File("r.csv"), "-c", "text", "--progress", "none", "--summary", temp.File("latest.json"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("2026-12-06.json", new FileInfo(temp.File("latest.json")).LinkTarget);
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("2026-12-06.json")));
        Assert.Equal(2, summary.RootElement.GetProperty("rendered").GetInt32());
    }

    [Fact]
    public void Render_AGermanExportsWholeAmounts_AreWarnedOfWhenInferred_AndReadAsThousandsWhenTheDecimalCommaIsDeclared()
    {
        // Excel "CSV (Trennzeichen-getrennt)": a BOM, CRLF, semicolons, a header cell with a trailing space; 1.234 means 1234.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: shop
            modules:
              m: { content: "{{ betrag }} / {{ plz }}" }
            slots:
              hero: { pick: first, from: [m] }
            messages:
              monthly:
                body: '{{ slot "hero" }}'
            """);
        File.WriteAllBytes(temp.File("r.csv"), [.. System.Text.Encoding.UTF8.Preamble, .. System.Text.Encoding.UTF8.GetBytes("id;betrag ;plz\r\n1;1.234;01067\r\n2;250;80331\r\n")]);

        var inferred = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "monthly", "-r", temp.File("r.csv"), "-c", "text", "--progress", "none", "--summary", temp.File("summary.json"));
        var declared = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "monthly", "-r", temp.File("r.csv"), "-c", "text", "--progress", "none", "--schema", "betrag:number(decimal-comma)");

        Assert.True(inferred.ExitCode == 0, inferred.ToString());
        Assert.Equal(["1.234 / 01067", "250 / 80331"], inferred.JsonLines().Select(static r => r.GetProperty("body").GetString()!.TrimEnd()));
        var warning = Assert.Single(inferred.Stderr.Split('\n'), static l => l.Contains("column 'betrag'", StringComparison.Ordinal));
        Assert.StartsWith("  warning: column 'betrag': every value with a '.' has three digits after it, as a thousands group does: '1.234' (line 2) was read as 1.234, not 1234.", warning, StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(File.ReadAllText(temp.File("summary.json")));
        Assert.Equal(warning.Trim()["warning: ".Length..], summary.RootElement.GetProperty("inputWarnings")[0].GetString());
        Assert.True(declared.ExitCode == 0, declared.ToString());
        Assert.Equal(["1234 / 01067", "250 / 80331"], declared.JsonLines().Select(static r => r.GetProperty("body").GetString()!.TrimEnd()));
        Assert.DoesNotContain("warning", declared.Stderr, StringComparison.Ordinal);
    }

    private static string XssRecordId() =>
        Example.JsonlRecords().Single(static r => r.GetProperty("first_name").GetString() == XssName).GetProperty("id").GetString()!;
}
