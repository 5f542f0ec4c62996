using System.Text.RegularExpressions;

namespace OneToOne.Composition.Cli.Tests.Commands;

public sealed partial class ProofCommandTests
{
    [Fact]
    public void Proof_Example_WritesOnePageWhosePersonasShowEveryReachableModule()
    {
        using var temp = new TempDirectory();

        var run = CliRun.Of("proof", Example.Folder, "--message", "monthly", "--out", temp.Path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("7 personas (the minimum) show 35 of 35 reachable modules", run.Stdout, StringComparison.Ordinal);
        var page = File.ReadAllText(temp.File("proof.html"));
        Assert.StartsWith("<!DOCTYPE html>", page, StringComparison.Ordinal);
        Assert.Equal(7, PersonaSection().Count(page));
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("class=\"error\"", page, StringComparison.Ordinal);

        // Every module the analysis finds reachable appears in some persona's module list, each channel is there.
        var analyze = CliRun.Of("analyze", Example.Folder, "--message", "monthly");
        Assert.Contains("35 reachable modules", analyze.Stdout, StringComparison.Ordinal);
        var shown = ModuleLists().Matches(page).SelectMany(static m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(35, shown.Count);
        foreach (var heading in new[] { "<h3>Trace</h3>", "<h3>Text</h3>", "<h3>Web</h3>", "<h3>Email</h3>", "<h3>Print (Markdown)</h3>" })
        {
            Assert.Equal(7, Regex.Count(page, Regex.Escape(heading)));
        }
    }

    [Fact]
    public void Proof_AMessageWithFrequencyCaps_JudgesThemAgainstAnEmptyHistory_InsteadOfCrashing()
    {
        // proof has no --history: deciding a persona threw "CompositionOptions.ContactHistory is not set" out of the
        // command, an unhandled exception with its stack trace, for any catalog with caps.
        using var temp = new TempDirectory();
        var catalog = temp.File("c.yaml");
        File.WriteAllText(catalog, CappedCatalog.Yaml);

        var run = CliRun.Of("proof", catalog, "--message", "m", "--out", temp.File("proof"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("show 2 of 2 reachable modules", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Gold Sample name", File.ReadAllText(temp.File("proof/proof.html")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Proof_WithASample_AModuleNoSampleRecipientGets_IsNotBlamedOnTheAnalysis()
    {
        // The page told a proof made from --sample to "pass --sample with recipients who get them".
        using var temp = new TempDirectory();
        var catalog = temp.File("c.yaml");
        File.WriteAllText(catalog, """
            catalog: t
            modules:
              a: { when: gold == true, content: "Gold {{ name }}" }
              b: "Hi {{ name }}"
            slots:
              s: { from: [a, b] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"1\",\"name\":\"Ann\",\"gold\":false}\n");

        var run = CliRun.Of("proof", catalog, "--message", "m", "--sample", temp.File("r.jsonl"), "--out", temp.File("proof"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var page = File.ReadAllText(temp.File("proof/proof.html"));
        Assert.Contains("Not shown by any persona: a (no recipient of the sample gets them: add recipients who do to the --sample file).", page, StringComparison.Ordinal);
        Assert.DoesNotContain("pass --sample", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_OneOfEach_SummaryIsSingular()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("c.yaml");
        File.WriteAllText(catalog, """
            catalog: t
            modules:
              only: "Hello {{ name }}"
            slots:
              s: { from: [only] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);

        var run = CliRun.Of("proof", catalog, "--message", "m", "--out", temp.File("proof"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(": 1 persona (the minimum) shows 1 of 1 reachable module; the message has 1 reachable combination.", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_NumberFieldOnlyATemplateReads_GetsANumber_AndEveryPersonaRendersWithoutErrors()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("c.yaml");
        File.WriteAllText(catalog, """
            catalog: t
            modules:
              gold: { when: 'tier == "gold"', content: 'You have {{ points | math.format "N0" }} points' }
              std: Hello
            slots:
              s: { from: [gold, std] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);

        var run = CliRun.Of("proof", catalog, "--message", "m", "--out", temp.File("proof"));

        // No condition names 'points', but math.format tells it is a number: the made-up persona gets one.
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        var page = File.ReadAllText(temp.File("proof/proof.html"));
        Assert.DoesNotContain("class=\"error\"", page, StringComparison.Ordinal);
        Assert.Contains("&quot;points&quot;: 42", page, StringComparison.Ordinal);
        Assert.Contains("You have 42 points", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_BankCrossSell_ObjectFieldsScoresRead_GetNumbers_AndEveryPersonaRendersWithoutErrors()
    {
        using var temp = new TempDirectory();

        var run = CliRun.Of("proof", Path.Combine(Example.RepoRoot, "examples", "bank-cross-sell"), "--message", "cross-sell", "--out", temp.Path);

        // The scores read uplift.card * margin.card: made-up personas get objects with a number for each offer, so
        // every persona's offer is scored and rendered (print shows as not routed for an email persona, not as an error).
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        Assert.Contains("show 3 of 3 reachable modules", run.Stdout, StringComparison.Ordinal);
        var page = File.ReadAllText(temp.File("proof.html"));
        Assert.DoesNotContain("class=\"error\"", page, StringComparison.Ordinal);
        Assert.Contains("&quot;uplift&quot;: {\n    &quot;card&quot;: 42,\n    &quot;loan&quot;: 42,\n    &quot;savings&quot;: 42\n  }", page, StringComparison.Ordinal);
        Assert.Contains("Not sent by print: the policy routes this persona's message to 'email'", page, StringComparison.Ordinal);
        foreach (var offer in new[] { "a card that pays you back", "Plans for this year", "Put something aside" })
        {
            Assert.Contains(offer, page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Proof_ListAndObjectFieldsOnlyTemplatesRead_GetListItemsAndMembersTypedByTheirUse()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("c.yaml");
        File.WriteAllText(catalog, """
            catalog: t
            modules:
              recent: |
                {{ for p in purchases }}[{{ p.name }} at {{ p.price | math.format "N2" }}{{ for t in p.tags }} #{{ t }}{{ end }}]{{ end }}
                Ship to {{ address.city }}, {{ address.geo.zip | math.format "N0" }}
            slots:
              s: { from: [recent] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);

        var run = CliRun.Of("proof", catalog, "--message", "m", "--out", temp.File("proof"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stderr);
        var page = File.ReadAllText(temp.File("proof/proof.html"));
        Assert.DoesNotContain("class=\"error\"", page, StringComparison.Ordinal);
        Assert.Contains("[Sample purchases 1 name at 42.00 #Sample purchases 1 tags 1 #Sample purchases 1 tags 2][Sample purchases 2 name at 42.00", page, StringComparison.Ordinal);
        Assert.Contains("Ship to Sample address city, 42", page, StringComparison.Ordinal);
        Assert.Contains("&quot;purchases&quot;: [\n    {\n      &quot;name&quot;: &quot;Sample purchases 1 name&quot;,\n      &quot;price&quot;: 42,", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_PersonaWhoseMessageFails_IsAWarning_NotASilentSuccess()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("c.yaml");
        File.WriteAllText(catalog, """
            catalog: t
            locale: de
            modules:
              gold: { when: 'tier == "gold"', content: 'You owe {{ total | money }}' }
              std: Hello
            slots:
              s: { from: [gold, std] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);

        var run = CliRun.Of("proof", catalog, "--message", "m", "--out", temp.File("proof"));

        // 'de' names no country, so no currency: the sheet shows the error in red, and the command warns.
        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Stderr.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"warning: persona 1: Recipient 'persona-1', message 'm', module 'gold' at {catalog}(4,64): 'money' has no currency to write: the recipient's culture (de) names no country.", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Made-up personas hold the values the conditions name, and for other fields a made-up number, date, true, list, object or 'Sample …' text", lines[1], StringComparison.Ordinal);
        Assert.Contains("class=\"error\"", File.ReadAllText(temp.File("proof/proof.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_ExperimentWhoseArmBShowsAnotherModule_CoversBothModules_AndShowsEachPersonasArm()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("c.yaml");
        File.WriteAllText(catalog, """
            catalog: t
            experiments:
              hero: { salt: spring, arms: { A: 50, B: 50 } }
            modules:
              bold: { when: 'experiment.hero == "B"', content: 'Bold hero' }
              classic: 'Classic hero'
            slots:
              s: { from: [bold, classic] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);

        var run = CliRun.Of("proof", catalog, "--message", "m", "--out", temp.File("proof"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("2 personas (the minimum) show 2 of 2 reachable modules", run.Stdout, StringComparison.Ordinal);
        var page = File.ReadAllText(temp.File("proof/proof.html"));
        var personas = page.Split("<section class=\"persona\"")[1..];
        Assert.Equal(2, personas.Length);
        Assert.Single(personas, static p => p.Contains("<p>Modules: bold</p>", StringComparison.Ordinal) && p.Contains("<p>Arms: hero = B</p>", StringComparison.Ordinal) && p.Contains("Bold hero", StringComparison.Ordinal));
        Assert.Single(personas, static p => p.Contains("<p>Modules: classic</p>", StringComparison.Ordinal) && p.Contains("<p>Arms: hero = A</p>", StringComparison.Ordinal) && p.Contains("Classic hero", StringComparison.Ordinal));
    }

    [Fact]
    public void Proof_SampleRecipientWithNestedObjects_ShowsThemAsJsonObjectsAndLists_NotAsQuotedText()
    {
        var (_, personas) = ProofFromSample(HeroCatalog("""
              city: 'From {{ address.city }}'
            """), "{\"id\":\"r1\",\"address\":{\"city\":\"Köln\",\"lines\":[\"Domplatz 1\",{\"floor\":2}]}}\n");

        // The first persona is the sample's r1 (the second is made up for the arm r1 is not in).
        Assert.Contains("Persona 1 · r1</h2>", personas[0], StringComparison.Ordinal);
        var shown = System.Net.WebUtility.HtmlDecode(Regex.Match(personas[0], "<h3>Recipient</h3>\n<pre>(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value);
        var recipient = System.Text.Json.JsonDocument.Parse(shown).RootElement;
        var address = recipient.GetProperty("address");
        Assert.Equal("Köln", address.GetProperty("city").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Array, address.GetProperty("lines").ValueKind);
        Assert.Equal("Domplatz 1", address.GetProperty("lines")[0].GetString());
        Assert.Equal(2, address.GetProperty("lines")[1].GetProperty("floor").GetInt32());
    }

    [Fact]
    public void Proof_SampleWithNoRecipientInArmB_AddsAMadeUpPersonaInB_ThatShowsBsModule_AndSaysSo()
    {
        // r3 and r6 hash into arm A of hero (salt spring); nobody in the sample is in arm B.
        var (run, personas) = ProofFromSample(HeroCatalog("""
              bold: { when: 'experiment.hero == "B"', content: 'Bold hero' }
              classic: 'Classic hero'
            """), "{\"id\":\"r3\"}\n{\"id\":\"r6\"}\n");

        Assert.Contains("2 personas (the minimum) show 2 of 2 reachable modules", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, personas.Length);
        Assert.Contains("Persona 1 · r3</h2>", personas[0], StringComparison.Ordinal);
        Assert.Contains("<p>Arms: hero = A</p>", personas[0], StringComparison.Ordinal);
        Assert.Contains("<p>made up: no sample recipient is in arm &#39;B&#39; of experiment &#39;hero&#39; (pass recipients in it to show a real one);", personas[1], StringComparison.Ordinal);
        Assert.Contains("<p>Modules: bold</p>", personas[1], StringComparison.Ordinal);
        Assert.Contains("<p>Arms: hero = B</p>", personas[1], StringComparison.Ordinal);
        Assert.Contains("Bold hero", personas[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_SampleWhoseModulesOneRecipientShows_StillShowsASampleRecipientInEveryArm()
    {
        // r3 and r6 are in arm A, r1 in arm B: one recipient shows the only module, the arm B needs r1 as well.
        var (run, personas) = ProofFromSample(HeroCatalog("""
              hero: '{{ if experiment.hero == "B" }}Bold hero{{ else }}Classic hero{{ end }}'
            """), "{\"id\":\"r3\"}\n{\"id\":\"r6\"}\n{\"id\":\"r1\"}\n");

        Assert.Contains("2 personas (the minimum) show 1 of 1 reachable module", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, personas.Length);
        Assert.Contains("Persona 1 · r3</h2>", personas[0], StringComparison.Ordinal);
        Assert.Contains("Classic hero", personas[0], StringComparison.Ordinal);
        Assert.Contains("Persona 2 · r1</h2>\n<p>sample recipient r1, in arm &#39;B&#39; of experiment &#39;hero&#39;</p>", personas[1], StringComparison.Ordinal);
        Assert.Contains("<p>Arms: hero = B</p>", personas[1], StringComparison.Ordinal);
        Assert.Contains("Bold hero", personas[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_SampleArmPersona_IsOneWhoGetsModules_RatherThanTheFirstInTheArm()
    {
        // r3 is in arm A; r1 and r2 in arm B, but r1 gets no module (no tier), so arm B is shown by r2.
        var (_, personas) = ProofFromSample(HeroCatalog("""
              gold: { when: 'tier == "gold"', content: '{{ if experiment.hero == "B" }}Bold gold{{ else }}Classic gold{{ end }}' }
            """), "{\"id\":\"r3\",\"tier\":\"gold\"}\n{\"id\":\"r1\"}\n{\"id\":\"r2\",\"tier\":\"gold\"}\n");

        Assert.Equal(2, personas.Length);
        Assert.Contains("Persona 2 · r2</h2>", personas[1], StringComparison.Ordinal);
        Assert.Contains("Bold gold", personas[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Proof_ArmOnlyATemplateReads_ShowsOnTheSheet_AsRenderingAssignsIt()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("c.yaml");
        File.WriteAllText(catalog, """
            catalog: t
            experiments:
              hero: { salt: spring, arms: { A: 50, B: 50 }, messages: [other] }
            modules:
              hero: '{{ if experiment.hero == "B" }}Bold hero{{ else }}Classic hero{{ end }}'
            slots:
              s: { from: [hero] }
            messages:
              m: { body: '{{ slot "s" }}' }
              other: { body: Other }
            """);

        var run = CliRun.Of("proof", catalog, "--message", "m", "--out", temp.File("proof"));

        // The experiment applies to another message and no condition reads it: deciding m assigns no arm, rendering the
        // template does, so the sheet writes the arms after rendering.
        Assert.True(run.ExitCode == 0, run.ToString());
        var personas = File.ReadAllText(temp.File("proof/proof.html")).Split("<section class=\"persona\"")[1..];
        Assert.Equal(2, personas.Length);
        Assert.Single(personas, static p => p.Contains("<p>Arms: hero = A</p>", StringComparison.Ordinal) && p.Contains("Classic hero", StringComparison.Ordinal));
        Assert.Single(personas, static p => p.Contains("<p>Arms: hero = B</p>", StringComparison.Ordinal) && p.Contains("Bold hero", StringComparison.Ordinal));
    }

    [Fact]
    public void AnalyzeAndProof_MemberConditions_AreDecided_AndAPersonaReachesEachModule_MadeUpOrFromASample()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("c.yaml");
        File.WriteAllText(catalog, MemberCatalog);

        var analyze = CliRun.Of("analyze", catalog);
        var proof = CliRun.Of("proof", catalog, "--message", "m", "--out", temp.File("proof"));

        // The contradiction in 'never' is found; nothing is left undecided, so the personas set the members they need.
        Assert.True(analyze.ExitCode == 0, analyze.ToString());
        Assert.Contains("c.yaml(8,23): warning OTO1501: Module 'never' can never be chosen in slot 's': its condition 'address.country == \"DE\" && address.country == \"AT\"' can never be true.", analyze.Stdout, StringComparison.Ordinal);
        Assert.Contains("message 'm': 3 reachable combinations of modules, 3 reachable modules", analyze.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("not decided", analyze.Stdout, StringComparison.Ordinal);
        Assert.True(proof.ExitCode == 0, proof.ToString());
        Assert.Equal(string.Empty, proof.Stderr);
        Assert.Contains("3 personas (the minimum) show 3 of 3 reachable modules", proof.Stdout, StringComparison.Ordinal);
        var personas = File.ReadAllText(temp.File("proof/proof.html")).Split("<section class=\"persona\"")[1..];
        Assert.Single(personas, static p => p.Contains("<p>Modules: de</p>", StringComparison.Ordinal) && p.Contains("Hallo Sample address city", StringComparison.Ordinal)
            && p.Contains("&quot;address&quot;: {\n    &quot;city&quot;: &quot;Sample address city&quot;,\n    &quot;country&quot;: &quot;DE&quot;\n  }", StringComparison.Ordinal));
        Assert.Single(personas, static p => p.Contains("<p>Modules: at</p>", StringComparison.Ordinal) && p.Contains("&quot;country&quot;: &quot;AT&quot;", StringComparison.Ordinal));
        Assert.Single(personas, static p => p.Contains("<p>Modules: world</p>", StringComparison.Ordinal));

        // From a sample: the recipient without an address is rejected ('at' reads a member of it), so it shows nothing.
        var (sampled, chosen) = ProofFromSample(MemberCatalog, """
            {"id":"a","address":{"country":"DE","city":"Bonn"}}
            {"id":"b","address":{"country":"AT"}}
            {"id":"c"}
            {"id":"d","address":{"country":"FR"}}
            """);
        Assert.Contains("3 personas (the minimum) show 3 of 3 reachable modules", sampled.Stdout, StringComparison.Ordinal);
        Assert.Equal(["a", "b", "d"], chosen.Select(static p => p[(p.IndexOf("sample recipient ", StringComparison.Ordinal) + 17)..][..1]).Order(StringComparer.Ordinal));
        Assert.Single(chosen, static p => p.Contains("Hallo Bonn", StringComparison.Ordinal));
    }

    [Fact]
    public void Proof_MarksDrafts_AndRenderRefusesThemUnlessAllowed()
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("c.yaml");
        File.WriteAllText(catalog, """
            catalog: t
            modules:
              new-offer: { status: draft, when: 'vip == true', content: "New {{ name }}" }
              old-offer: "Old {{ name }}"
            slots:
              s: { from: [new-offer, old-offer] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """);
        var recipients = temp.File("r.jsonl");
        File.WriteAllText(recipients, "{\"id\":\"1\",\"name\":\"Ann\",\"vip\":false}\n");

        var proof = CliRun.Of("proof", catalog, "--message", "m", "--out", temp.File("proof"));
        var refused = CliRun.Of("render", catalog, "--message", "m", "--recipients", recipients, "--channel", "text");
        var allowed = CliRun.Of("render", catalog, "--message", "m", "--recipients", recipients, "--channel", "text", "--allow-drafts");

        Assert.True(proof.ExitCode == 0, proof.ToString());
        var page = File.ReadAllText(temp.File("proof/proof.html"));
        Assert.Contains("new-offer<span class=\"draft\">DRAFT</span>", page, StringComparison.Ordinal);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("c.yaml(3,3): error: module 'new-offer' is a draft", refused.Stderr, StringComparison.Ordinal);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
        Assert.Contains("Old Ann", allowed.Stdout, StringComparison.Ordinal);
    }

    [GeneratedRegex("<section class=\"persona\"")]
    private static partial Regex PersonaSection();

    /// <summary>Runs proof of message 'm' with personas picked from a sample; fails unless it exits 0.</summary>
    /// <returns>The run, and each persona's section of the proof sheet.</returns>
    private static (CliRun Run, string[] Personas) ProofFromSample(string catalogYaml, string sampleJsonl)
    {
        using var temp = new TempDirectory();
        var catalog = temp.File("c.yaml");
        File.WriteAllText(catalog, catalogYaml);
        var sample = temp.File("sample.jsonl");
        File.WriteAllText(sample, sampleJsonl);

        var run = CliRun.Of("proof", catalog, "--message", "m", "--sample", sample, "--out", temp.File("proof"));

        Assert.True(run.ExitCode == 0, run.ToString());
        return (run, File.ReadAllText(temp.File("proof/proof.html")).Split("<section class=\"persona\"")[1..]);
    }

    private const string MemberCatalog = """
        catalog: t
        modules:
          de: { when: 'address != null && address.country == "DE"', content: 'Hallo {{ address.city }}' }
          at: { when: 'address["country"] == "AT"', content: Servus }
          never: { when: 'address.country == "DE" && address.country == "AT"', content: Never }
          world: Hello
        slots:
          s: { from: [de, at, never, world] }
        messages:
          m: { body: '{{ slot "s" }}' }
        """;

    /// <summary>A catalog with experiment 'hero' (arms A and B, 50 each, salt spring) whose one slot takes the modules given (YAML lines under <c>modules:</c>), in order.</summary>
    private static string HeroCatalog(string modules) => $$$"""
        catalog: t
        experiments:
          hero: { salt: spring, arms: { A: 50, B: 50 } }
        modules:
        {{{modules}}}
        slots:
          s: { from: [{{{string.Join(", ", modules.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => l.Trim().Split(':')[0]))}}}] }
        messages:
          m: { body: '{{ slot "s" }}' }
        """;

    [GeneratedRegex("<p>Modules:((?: [a-z0-9-]+(?:<span class=\"draft\">DRAFT</span>)?)*)</p>")]
    private static partial Regex ModuleLists();
}
