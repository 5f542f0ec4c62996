using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Commands;

public sealed class ExplainCommandTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public void Explain_InlineJson_PrintsTraceWithChosenModule_ThenSubjectAndTextBody()
    {
        var line = File.ReadLines(Example.Jsonl).First();
        var recipient = JsonDocument.Parse(line).RootElement;
        var hero = Example.ExpectedHero(recipient);
        var firstName = recipient.GetProperty("first_name").GetString();

        var run = CliRun.Of("explain", Example.Folder, "--message", "monthly", "--recipient", line);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"recipient {recipient.GetProperty("id").GetString()} · message 'monthly'", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"slot hero (pick first) → {hero}", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"✔ {hero}", run.Stdout, StringComparison.Ordinal);
        var subject = run.Stdout.IndexOf("== Subject ==\n", StringComparison.Ordinal);
        var body = run.Stdout.IndexOf("== Body (text) ==\n", StringComparison.Ordinal);
        Assert.True(subject > run.Stdout.IndexOf("slot hero", StringComparison.Ordinal) && body > subject, run.ToString());
        Assert.Contains($"== Subject ==\n{firstName}, your beer of the month\n", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"== Body (text) ==\nHello {firstName},", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ATextOverridesValueWithATerminalEscapeSequence_IsShownEscaped_LinesAndTabsKept()
    {
        // A text override writes values as they are; explain wrote the body to the terminal as it was, so a recipient's
        // value could clear the screen, set the window title (OSC) or reverse the rest of the line.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("c.yaml"), """
            catalog: t
            modules:
              a:
                content: 'Hi {{ name }}'
                text: "Hi\t{{ name }}\nBye"
            slots:
              s: { from: [a] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);

        var run = CliRun.Of("explain", temp.File("c.yaml"), "-m", "m", "--recipient", """{"id":"x","name":"\u001b]0;owned\u0007\u001b[2J\u202eevil\rX"}""");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("== Body (text) ==\nHi\t\\u001B]0;owned\\u0007\\u001B[2J\\u202Eevil\\rX\nBye\n", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001B', run.Stdout);
        Assert.DoesNotContain('\u202E', run.Stdout);
    }

    [Fact]
    public void Explain_AnArmOnlyATemplateReads_IsInTheTrace()
    {
        // The trace was written before rendering, so an experiment arm only a template reads (an experiment of another
        // message) was missing from explain's trace, though the body below it showed the arm; the proof sheet's had it.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("c.yaml"), """
            catalog: t
            experiments:
              tone: { arms: { warm: 1 }, messages: [other] }
            modules:
              a: 'Tone: {{ experiment.tone }}'
            slots:
              s: { from: [a] }
            messages:
              other: { body: x }
              m: { body: '{{ slot "s" }}' }
            """);

        var run = CliRun.Of("explain", temp.File("c.yaml"), "-m", "m", "--recipient", """{"id":"x"}""");

        Assert.True(run.ExitCode == 0, run.ToString());
        var trace = run.Stdout[..run.Stdout.IndexOf("== Subject ==", StringComparison.Ordinal)];
        Assert.Contains("  experiment tone: warm", trace, StringComparison.Ordinal);
        Assert.Contains("Tone: warm", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_JsonlFile_UsesItsFirstRecord()
    {
        var first = JsonDocument.Parse(File.ReadLines(Example.Jsonl).First()).RootElement;

        var run = CliRun.Of("explain", Example.CatalogFile, "-m", "monthly", "-r", Example.Jsonl);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith($"== Decision ==\nrecipient {first.GetProperty("id").GetString()} ·", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_JsonFile_WithCustomIdField()
    {
        using var temp = new TempDirectory();
        var path = temp.File("one.json");
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadLines(Example.Jsonl).First())!;
        fields["customer_no"] = JsonSerializer.SerializeToElement("K-42");
        File.WriteAllText(path, JsonSerializer.Serialize(fields, Indented));

        var run = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", path, "--id-field", "customer_no");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("== Decision ==\nrecipient K-42 ·", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_UnsubscribedRecipient_ShowsSuppression_NoBody()
    {
        var line = File.ReadLines(Example.Jsonl).First(l => Example.IsUnsubscribed(JsonDocument.Parse(l).RootElement));

        var run = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", line);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("SUPPRESSED: recipient unsubscribed", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("== Body", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_RecipientMissingAField_ExitsTwoWithTheError()
    {
        var run = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", """{"id":"x1","gender":"female","iq":100,"tier":"gold","points":5,"last_category":"ipa","country":"US","locale":"en-US","unsubscribed":false,"email":"x@example.com"}""");

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("first_name", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("'x1'", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_InvalidJson_ExitsOne()
    {
        var run = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", "{\"id\": ");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not valid JSON", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_InvalidJson_NamesLineAndColumnFromOne_InCharacters()
    {
        using var temp = new TempDirectory();
        var file = temp.File("r.jsonl");
        File.WriteAllText(file, "\n\n{\"id\":\"c1\",\"first_name\":\"Zoë\" \"iq\":3}\n");

        var inline = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", "{\"id\":\"x\",\"first_name\":\"Ada\"");
        var fromFile = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", file);

        Assert.Equal(1, inline.ExitCode);
        Assert.StartsWith("error: the inline recipient is not valid JSON at line 1, column 29: ", inline.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", inline.Stderr, StringComparison.Ordinal);
        // A .jsonl file is a recipients file, read as a render reads it: its first record is rejected as the run rejects it.
        Assert.Equal(2, fromFile.ExitCode);
        Assert.StartsWith("rejected: record 1 (line 3) cannot be read, as a render rejects it: Line 3: not valid JSON at column 31: ", fromFile.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_InlineJsonWithATrailingComma_SaysHowToFixTheJson_NotToChangeReaderOptions()
    {
        var run = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", "{\"id\":\"x\",}");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "error: the inline recipient is not valid JSON at line 1, column 11: The JSON object contains a trailing comma at the end. Fix the JSON: one object, such as {\"id\":\"c1\",\"first_name\":\"Ada\"}, with names and text in double quotes and no comments or trailing commas.\n",
            run.Stderr.ReplaceLineEndings("\n"));
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public void Explain_ARecipientWithAKeyTwice_IsRefusedAsARenderRefusesIt_NamingTheKey()
    {
        var top = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", "{\"id\":\"x\",\"gender\":\"male\",\"gender\":\"female\"}");
        var nested = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", "{\"id\":\"x\",\"prefs\":{\"c\":1,\"c\":2}}");

        Assert.Equal(1, top.ExitCode);
        Assert.Equal(
            "error: the inline recipient cannot be read: the key \"gender\" occurs twice in the object, so which value is meant is unknown: keep one of them.\n",
            top.Stderr.ReplaceLineEndings("\n"));
        Assert.Empty(top.Stdout);
        Assert.Equal(1, nested.ExitCode);
        Assert.Contains("the key \"c\" occurs twice in \"prefs\"", nested.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_CatalogGivenAsTheRecipient_SaysItIsYaml()
    {
        var run = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", Example.CatalogFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"error: --recipient '{Example.CatalogFile}' is a YAML file (a catalog?), not a recipient: give inline JSON such as '{{\"id\":\"c1\",\"first_name\":\"Ada\"}}', a .json file, or a .jsonl file (its first record), and the catalog as the first argument.\n",
            run.Stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Explain_ARecordOfTheRunsCsvById_IsTheRecipientRenderRendered()
    {
        // A complaint names a customer of last night's CSV run: explain refused CSV and took only a file's first record,
        // so the record had to be found and retyped as JSON by hand, with its numbers and flags typed as CSV reads them.
        var rendered = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Csv, "-c", "text", "--progress", "none")
            .JsonLines().Single(static r => r.GetProperty("id").GetString() == "c007");

        var run = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", Example.Csv, "--id", "c007");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.StartsWith("== Decision ==\nrecipient c007 ·", run.Stdout, StringComparison.Ordinal);
        Assert.EndsWith($"== Body (text) ==\n{rendered.GetProperty("body").GetString()}", run.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("== Decision ==\nrecipient c001 ·", CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", Example.Csv).Stdout, StringComparison.Ordinal);
        Assert.StartsWith("== Decision ==\nrecipient c012 ·", CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "--id", "c012").Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_AnIdNoRecordHas_SaysSo_WithTheClosestId()
    {
        var run = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "--id", "c07");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"error: no record of '{Example.Jsonl}' has the id 'c07' in its field 'id' (50 records with ids read). Did you mean 'c007'? Ids are compared as the file writes them ('007' is not '7'); give --id-field when the id is in another field.\n",
            run.Stderr);
    }

    [Fact]
    public void Explain_ARecordThatDoesNotFitTheSchema_IsRejectedAsRenderRejectsIt()
    {
        // c001 has no nickname: a render with this schema rejects it, so explain says the same rather than explaining it.
        var run = CliRun.Of("explain", Example.Folder, "-m", "monthly", "-r", Example.Csv, "--id", "c001", "--schema", "nickname:text!");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("rejected: recipient 'c001' does not fit --schema, as a render rejects it: field 'nickname' is required, but the record has it null.\n", run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public void Explain_BadCatalog_ExitsOne()
    {
        var run = CliRun.Of("explain", Path.Combine(Example.Folder, "missing.yaml"), "-m", "monthly", "-r", "{}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error OTO", run.Stderr, StringComparison.Ordinal);
    }
    private const string DatedCatalog = """
        catalog: t
        modules:
          xmas: { when: age >= 18, active: { from: 2025-12-01, until: 2025-12-27 }, content: "Xmas" }
          plain: "Plain"
        slots:
          s: { from: [xmas, plain] }
        messages:
          m: { body: '{{ slot "s" }}' }
        """;

    [Fact]
    public void Explain_NamesTheInstantAndTheCatalogVersion_AnAuditNeedsToDecideItAgain()
    {
        // The trace named neither: an explain printout kept for a complaint could not say which catalog, or when.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("c.yaml"), DatedCatalog);
        var hash = new CatalogLoader().Load(temp.File("c.yaml")).SourceHash;

        var run = CliRun.Of("explain", temp.File("c.yaml"), "-m", "m", "-r", """{"id":"x","age":40,"email":"x@example.com"}""", "--as-of", "2025-12-10T09:30:00Z");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"  as of 2025-12-10T09:30:00Z · catalog sha256 {hash}\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_FormatJson_WritesTheVersionedTrace_WhichItsRecordedAsOfReproduces()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("c.yaml"), DatedCatalog);
        var hash = new CatalogLoader().Load(temp.File("c.yaml")).SourceHash;
        const string Recipient = """{"id":"x","age":40,"email":"x@example.com"}""";

        var december = CliRun.Of("explain", temp.File("c.yaml"), "-m", "m", "-r", Recipient, "--as-of", "2025-12-10T09:30:00+01:00", "--format", "json");

        Assert.True(december.ExitCode == 0, december.ToString());
        Assert.Equal(1, december.Stdout.Count(static c => c == '\n'));
        using var trace = JsonDocument.Parse(december.Stdout);
        var root = trace.RootElement;
        Assert.Equal(1, root.GetProperty("traceVersion").GetInt32());
        Assert.Equal(hash, root.GetProperty("catalog").GetProperty("sha256").GetString());
        Assert.Equal("2025-12-10T08:30:00.0000000Z", root.GetProperty("asOf").GetString());
        Assert.Equal("xmas", root.GetProperty("slots")[0].GetProperty("chosen")[0].GetProperty("module").GetString());
        Assert.Equal(40, root.GetProperty("fields").GetProperty("age").GetInt32());
        Assert.DoesNotContain("x@example.com", december.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("== Subject ==", december.Stdout, StringComparison.Ordinal);

        var replayed = CliRun.Of("explain", temp.File("c.yaml"), "-m", "m", "-r", Recipient, "--as-of", root.GetProperty("asOf").GetString()!, "--format", "json");
        var now = CliRun.Of("explain", temp.File("c.yaml"), "-m", "m", "-r", Recipient, "--as-of", "2026-03-01", "--format", "json");

        Assert.Equal(december.Stdout, replayed.Stdout);
        Assert.Contains("\"module\":\"plain\",\"locale\"", now.Stdout, StringComparison.Ordinal);
    }
}
