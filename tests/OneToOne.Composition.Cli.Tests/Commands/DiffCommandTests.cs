namespace OneToOne.Composition.Cli.Tests.Commands;

public sealed class DiffCommandTests
{
    private const string Old = """
        catalog: t
        modules:
          gold: { when: 'tier == "gold"', content: G }
          std: S
        slots:
          s: { from: [gold, std] }
        messages:
          m:
            suppress: { when: 'opt_out == true', reason: opted out }
            body: '{{ slot "s" }}'
        """;

    private const string GainsGold = "module 'gold': +1 recipient gains it, -0 lose it, text changed for 0";

    private const string LosesStd = "module 'std': +0 recipients gain it, -1 loses it, text changed for 0";

    [Fact]
    public void Diff_ReportsEachRecipientWhoseDecisionChanges_AndHow()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("new.yaml"), Old
            .Replace("tier == \"gold\"", "tier == \"gold\" || points > 1000", StringComparison.Ordinal)
            .Replace("opt_out == true", "opt_out == true || country == \"FR\"", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), """
            {"id":"a","tier":"gold","points":10,"opt_out":false,"country":"DE"}
            {"id":"b","tier":"std","points":5000,"opt_out":false,"country":"DE"}
            {"id":"c","tier":"std","points":10,"opt_out":false,"country":"FR"}
            {"id":"d","tier":"std","points":10,"opt_out":true,"country":"DE"}
            """);

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "b: s std → gold",
                "c: now suppressed: opted out",
                "module 'gold': +1 recipient gains it, -0 lose it, text changed for 0",
                "module 'std': +0 recipients gain it, -2 lose it, text changed for 0",
                "2 of 4 recipients change ('m').",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void Diff_AMessageWithFrequencyCaps_JudgesThemAgainstAnEmptyHistory_InsteadOfCrashing()
    {
        // diff has no --history: deciding threw "CompositionOptions.ContactHistory is not set" out of the command.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), CappedCatalog.Yaml);
        File.WriteAllText(temp.File("new.yaml"), CappedCatalog.Yaml.Replace("gold == true", "gold == false", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\",\"name\":\"Ann\",\"gold\":true,\"email_ok\":true}\n");

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "a: s b → a",
                "module 'a': +1 recipient gains it, -0 lose it, text changed for 0",
                "module 'b': +0 recipients gain it, -1 loses it, text changed for 0",
                "1 of 1 recipient changes ('m').",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void Diff_ReportsARecipientRoutedToAnotherChannel_AndMovedToAnotherArm()
    {
        const string Routed = """
            catalog: t
            experiments:
              e: { arms: { x: 1, y: 0 } }
            policy:
              consent: { email: "true", print: "true" }
            modules:
              a: A
            slots:
              s: { from: [a] }
            messages:
              m: { channels: [email, print], body: '{{ slot "s" }}' }
            """;
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Routed);
        File.WriteAllText(temp.File("new.yaml"), Routed
            .Replace("[email, print]", "[print, email]", StringComparison.Ordinal)
            .Replace("x: 1, y: 0", "x: 0, y: 1", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\"}\n");

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["a: channel email → print; arms e=x → e=y", "1 of 1 recipient changes ('m')."], run.StdoutLines);
    }

    [Fact]
    public void Diff_NoMessageInBothVersions_SaysSo_InsteadOfEmptyParentheses()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("new.yaml"), Old.Replace("  m:", "  m2:", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\",\"tier\":\"gold\"}\n");

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["message 'm' is removed", "message 'm2' is new", "0 of 1 recipient changes (no message is in both versions)."],
            run.StdoutLines);
    }

    [Fact]
    public void Diff_MalformedLine_IsSkippedAsNotValidJson_WithItsPosition_AndARecordARenderRefusesIsSkipped()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\"}\n{\"id\": oops}\n[1]\n{\"id\":\"b\",\"tier\":\"gold\",\"tier\":\"x\"}\n{\"id\":\"c\",\"p\":{\"k\":1,\"k\":2}}\n");

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("old.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"{temp.File("r.jsonl")}: skipped line 2: not valid JSON (at byte 8 of the line).", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{temp.File("r.jsonl")}: skipped line 3: A recipient must be a JSON object, but this is a JSON array.", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{temp.File("r.jsonl")}: skipped line 4: the key \"tier\" occurs twice in the object", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{temp.File("r.jsonl")}: skipped line 5: the key \"k\" occurs twice in \"p\"", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("0 of 1 recipient changes ('m').", run.StdoutLines[^1]);
    }

    [Fact]
    public void Diff_ARecipientTheNewVersionCannotRender_IsReportedAsNowRejected()
    {
        // A module that now reads a misspelt field rejects every recipient in a run; the diff said "0 of 2 recipients change".
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old.Replace("content: G", "content: 'G {{ name }}'", StringComparison.Ordinal));
        File.WriteAllText(temp.File("new.yaml"), Old.Replace("content: G", "content: 'G {{ nmae }}'", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), """
            {"id":"a","tier":"gold","name":"Ann"}
            {"id":"b","tier":"std","name":"Bo"}
            """);

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));
        var same = CliRun.Of("diff", temp.File("new.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, run.StdoutLines.Length);
        Assert.StartsWith("a: now rejected: module 'gold': the template uses the field 'nmae', which the recipient does not have.", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal("module 'gold': +0 recipients gain it, -1 loses it, text changed for 0", run.StdoutLines[1]);
        Assert.Equal("1 of 2 recipients change ('m').", run.StdoutLines[2]);
        Assert.Equal(["0 of 2 recipients change ('m')."], same.StdoutLines);
    }

    [Fact]
    public void Diff_ADecisionRoutedToEmail_IsRenderedAsAnEmail_NotInPrintsForm()
    {
        // diff rendered text, web and print whatever the routing: a print-only text the email campaign never renders was
        // "now rejected", and an email preheader every email run fails on was no change.
        const string Routed = """
            catalog: t
            policy:
              consent: { email: "true" }
            modules:
              a: { content: A, print: 'A {{ name }}' }
            slots:
              s: { from: [a] }
            messages:
              m:
                channels: [email]
                subject: Hi
                email: { from: news@example.com, preheader: 'For {{ name }}' }
                body: '{{ slot "s" }}'
            """;
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Routed);
        File.WriteAllText(temp.File("print.yaml"), Routed.Replace("print: 'A {{ name }}'", "print: 'A {{ nmae }}'", StringComparison.Ordinal));
        File.WriteAllText(temp.File("email.yaml"), Routed.Replace("'For {{ name }}'", "'For {{ nmae }}'", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\",\"name\":\"Ann\",\"email\":\"ann@example.com\"}\n");

        var print = CliRun.Of("diff", temp.File("old.yaml"), temp.File("print.yaml"), "--recipients", temp.File("r.jsonl"));
        var email = CliRun.Of("diff", temp.File("old.yaml"), temp.File("email.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(print.ExitCode == 0, print.ToString());
        Assert.Equal(["0 of 1 recipient changes ('m')."], print.StdoutLines);
        Assert.True(email.ExitCode == 0, email.ToString());
        Assert.Equal(3, email.StdoutLines.Length);
        Assert.StartsWith("a: now rejected: ", email.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains("'nmae'", email.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal("module 'a': +0 recipients gain it, -1 loses it, text changed for 0", email.StdoutLines[1]);
        Assert.Equal("1 of 1 recipient changes ('m').", email.StdoutLines[2]);
    }

    [Fact]
    public void Diff_AnIdWithControlCharacters_StaysOnItsOwnLine_Escaped()
    {
        // An id with a line break and a terminal escape wrote a forged line ("fake: s std → gold") and coloured the terminal.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("new.yaml"), Old.Replace("tier == \"gold\"", "tier == \"std\"", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"x\\u001b[31m\\nfake\",\"tier\":\"std\"}\n");

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["x\\u001B[31m\\nfake: s std → gold", GainsGold, LosesStd, "1 of 1 recipient changes ('m')."], run.StdoutLines);
    }

    [Fact]
    public void Diff_AModuleReworded_ListsEachRecipientWhoGetsIt_WithTheFirstChangedLine_BeforeAndAfter()
    {
        // A wording change moves no decision: the diff said "0 of 2 recipients change" and exited 0, so an approver saw
        // nothing to sign off for a text every standard recipient would get.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old.Replace("std: S", "std: 'Save 10% {{ tier }}'", StringComparison.Ordinal));
        File.WriteAllText(temp.File("new.yaml"), Old.Replace("std: S", "std: 'Save 20% {{ tier }}'", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), """
            {"id":"a","tier":"gold","opt_out":false}
            {"id":"b","tier":"std","opt_out":false}
            {"id":"c","tier":"std","opt_out":true}
            """);

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            [
                "b: text changed (text, web, print): \"Save 10% std\" → \"Save 20% std\"",
                "module 'std': +0 recipients gain it, -0 lose it, text changed for 1",
                "1 of 3 recipients change ('m').",
            ],
            run.StdoutLines);
    }

    [Fact]
    public void Diff_AChangedSubject_IsShownBeforeAndAfter_ForEachRecipientWhoWouldGetIt()
    {
        using var temp = new TempDirectory();
        var old = Old.Replace("    body:", "    subject: 'Hi {{ tier }}'\n    body:", StringComparison.Ordinal);
        File.WriteAllText(temp.File("old.yaml"), old);
        File.WriteAllText(temp.File("new.yaml"), old.Replace("'Hi {{ tier }}'", "'Hello {{ tier }}'", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), """
            {"id":"a","tier":"gold","opt_out":false}
            {"id":"c","tier":"std","opt_out":true}
            """);

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["a: subject \"Hi gold\" → \"Hello gold\"", "1 of 2 recipients change ('m')."], run.StdoutLines);
    }

    [Fact]
    public void Diff_ALongChangedSubject_IsShortenedBetweenCharacters_NotInsideAnEmoji()
    {
        // The cut at 119 UTF-16 code units fell between the halves of 😀's surrogate pair: the line held half an emoji,
        // which a terminal or a CI log shows as U+FFFD.
        using var temp = new TempDirectory();
        var start = new string('a', 118) + "😀";
        var old = Old.Replace("    body:", $"    subject: '{start} old'\n    body:", StringComparison.Ordinal);
        File.WriteAllText(temp.File("old.yaml"), old);
        File.WriteAllText(temp.File("new.yaml"), old.Replace($"{start} old", $"{start} new", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\",\"tier\":\"gold\",\"opt_out\":false}\n");

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var shown = new string('a', 118) + "…";
        Assert.Equal([$"a: subject \"{shown}\" → \"{shown}\"", "1 of 1 recipient changes ('m')."], run.StdoutLines);
    }

    [Fact]
    public void Diff_AModuleSetToDraft_IsNamed_ThoughNoDecisionMoves_AndExitCodeGatesOnIt()
    {
        // diff decides both versions with drafts allowed: a module set to 'status: draft' moved no decision, so it said
        // "0 of 1 recipient changes", though a production run of the new version refuses to start.
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("new.yaml"), Old.Replace("std: S", "std: { content: S, status: draft }", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\",\"tier\":\"std\",\"opt_out\":false}\n");

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"), "--exit-code");
        var back = CliRun.Of("diff", temp.File("new.yaml"), temp.File("old.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Equal(2, run.StdoutLines.Length);
        Assert.StartsWith($"message 'm': module 'std' is now a draft ({temp.File("new.yaml")}(", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.EndsWith("): a production run refuses it until it has 'status: approved'", run.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal("0 of 1 recipient changes ('m').", run.StdoutLines[1]);
        Assert.Equal(["message 'm': module 'std' is no longer a draft", "0 of 1 recipient changes ('m')."], back.StdoutLines);
    }

    [Fact]
    public void Diff_ExitCode_Is3WhenARecipientChanges_And0WhenNothingDoes_WhileWithoutItAChangeExits0()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Old);
        File.WriteAllText(temp.File("new.yaml"), Old.Replace("tier == \"gold\"", "tier == \"std\"", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\",\"tier\":\"std\",\"opt_out\":false}\n");

        var changed = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"), "--exit-code");
        var same = CliRun.Of("diff", temp.File("old.yaml"), temp.File("old.yaml"), "--recipients", temp.File("r.jsonl"), "--exit-code");
        var plain = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(changed.ExitCode == 3, changed.ToString());
        Assert.Equal(["a: s std → gold", GainsGold, LosesStd, "1 of 1 recipient changes ('m')."], changed.StdoutLines);
        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.True(plain.ExitCode == 0, plain.ToString());
    }

    [Fact]
    public void Diff_ANewSlot_ListsOnlyTheRecipientsItGivesSomething_NotThoseItLeavesEmpty()
    {
        // "promo (not placed) → (empty)" listed every recipient the new slot gives nothing: 47 of 50 in the example.
        const string Slotted = """
            catalog: t
            modules:
              gold: { when: 'tier == "gold"', content: G }
              std: S
            slots:
              s: { from: [gold, std] }
            messages:
              m:
                body: |
                  {{ slot "s" }}
            """;
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), Slotted);
        File.WriteAllText(temp.File("new.yaml"), Slotted
            .Replace("  std: S", "  std: S\n  promo: { when: 'tier == \"gold\"', content: P }", StringComparison.Ordinal)
            .Replace("  s: { from: [gold, std] }", "  s: { from: [gold, std] }\n  p: { from: [promo] }", StringComparison.Ordinal)
            .Replace("{{ slot \"s\" }}", "{{ slot \"s\" }}\n\n      {{ slot \"p\" }}", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), """
            {"id":"a","tier":"gold"}
            {"id":"b","tier":"std"}
            """);

        var run = CliRun.Of("diff", temp.File("old.yaml"), temp.File("new.yaml"), "--recipients", temp.File("r.jsonl"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["a: p (not placed) → promo", "module 'promo': +1 recipient gains it, -0 lose it, text changed for 0", "1 of 2 recipients change ('m')."], run.StdoutLines);
    }
}
