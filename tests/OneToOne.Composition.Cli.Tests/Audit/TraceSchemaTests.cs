using System.Text.Json;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Json.Schema;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Recipients;
using OneToOne.Composition.Testing;
using OneToOne.Composition.Tests.Analysis;

namespace OneToOne.Composition.Cli.Tests.Audit;

/// <summary>
/// schema/trace.schema.json describes the trace an auditor archives (<see cref="Decision.ToTraceJson()"/>) exactly: every
/// real trace fits it, every object of it is closed (a member added to the trace and not to the schema fails here), and
/// every member it declares is one a trace writes; the same for the trace <c>render --trace</c> writes of a record never decided.
/// </summary>
public sealed class TraceSchemaTests
{
    private static readonly DateTimeOffset May = new(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A catalog that makes every member and every named value the schema declares: caps, consent, preference, topics, holdouts, locales, drafts, dates.</summary>
    private const string Everything = """
        catalog: audit
        experiments:
          offer_test:
            salt: q2
            arms: { a: 50, control: 50 }
            holdout: control
            holdout-gets: fallback
            slots: [offer]
        policy:
          consent:
            email: email_opt_in
            print: "true"
          preferred-channel: preferred_channel
          opted-out-topics: opted_out
          caps: { max: 2 per 30d, per: channel }
        segments:
          adults: age >= 18
        modules:
          card:
            when: segment.adults
            score: uplift * 100
            topics: [cards]
            content: "Card"
          loan:
            when: income >= 20000
            score: uplift * 50
            priority: 1
            content: "Loan"
          xmas:
            active: { from: 2025-12-01, until: 2025-12-27 }
            content: "Xmas"
          plain: { lang: fr, content: "Merci" }
          note:
            status: draft
            content: "Note"
            locales:
              de: "Notiz"
        slots:
          offer: { pick: best, from: [card, loan, xmas], fallback: plain }
          extras: { pick: all, count: 2, from: [loan, plain] }
          footer: { from: [note] }
          unused: { from: [plain] }
        messages:
          m:
            channels: [email, print]
            topic: offers
            caps: { max: 1 per 7d }
            suppress:
              - name: minors
                when: age < 16
                reason: "too young"
            body: |
              {{ slot "offer" }}
              {{ slot "extras" }}
              {{ slot "footer" }}
              {{ if false }}{{ slot "unused" }}{{ end }}
          single:
            status: draft
            suppress: { when: income < 1000, reason: "no income" }
            body: '{{ slot "offer" }}'
          later:
            active: { from: 2026-01-01 }
            suppress: { when: income < 1000 }
            body: '{{ slot "footer" }}'
        """;

    public static TheoryData<string> Examples => [.. ExampleFolders().Select(static f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(Examples))]
    public void EveryTraceOfAnExampleCatalog_FitsTheSchema(string example)
    {
        var folder = Path.Combine(RepoRoot(), "examples", example);
        var catalog = new CatalogLoader(CliRun.Untimed with { TimeProvider = new SetClock(May), ContactHistory = new InMemoryContactHistory() }).Load(folder);
        var recipients = ExampleRecipients(example, folder);
        Assert.NotEmpty(recipients);

        var traces = 0;
        foreach (var message in catalog.MessageIds)
        {
            foreach (var recipient in recipients)
            {
                TraceSchema.AssertValid(Trace(catalog, recipient, message));
                traces++;
            }
        }

        Assert.True(traces >= recipients.Count, $"{example}: no message was decided");
    }

    [Property(MaxTest = 60)]
    public Property EveryTraceOfTheFullCatalog_FitsTheSchema() =>
        Prop.ForAll(AuditedRecipients().ToArbitrary(), static recipient =>
        {
            var (catalog, history) = Full(recipient.Contacts);
            foreach (var message in catalog.MessageIds)
            {
                TraceSchema.AssertValid(Trace(catalog, recipient.Recipient, message));
            }

            return history.Total == recipient.Contacts;
        });

    [Property(MaxTest = 40)]
    public Property EveryTraceOfARandomCatalog_FitsTheSchema() =>
        Prop.ForAll(ArbMap.Default.ArbFor<PositiveInt>(), static seed =>
        {
            var decisioning = seed.Get % 2 == 0;
            var catalog = new CatalogLoader(CliRun.Untimed with { TimeProvider = new SetClock(May) }).Parse(RandomCatalogs.Build(seed.Get, decisioning));
            var grid = (decisioning ? RandomCatalogs.DecisioningGrid() : RandomCatalogs.Grid()).Where((_, i) => i % 211 == seed.Get % 211).Take(12).ToList();
            foreach (var recipient in grid)
            {
                TraceSchema.AssertValid(Trace(catalog, recipient, "m"));
            }

            return grid.Count > 0;
        });

    [Fact]
    public void EveryMemberAndNamedValueTheSchemaDeclares_IsOneATraceWrites()
    {
        // The other way round from the tests above: a member the schema keeps after the trace dropped it (or a value of an
        // enum no trace uses) would let an archive's reader expect what no trace has.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var recipient in FullRecipients())
        {
            var (catalog, _) = Full(recipient.Contacts);
            foreach (var message in catalog.MessageIds)
            {
                Collect(JsonNode.Parse(Trace(catalog, recipient.Recipient, message))!, "$", seen);
            }
        }

        // The traces a traced run writes for records it never decided, each kind of them.
        foreach (var undecided in UndecidedTraces(Full(0).Catalog))
        {
            TraceSchema.AssertValid(undecided);
            Collect(JsonNode.Parse(undecided)!, "$", seen);
        }

        // And those it writes for records it decided, which carry the record's number.
        foreach (var decided in DecidedRunTraces(Full(0).Catalog))
        {
            TraceSchema.AssertValid(decided);
            var node = JsonNode.Parse(decided)!;
            Assert.Null(node["undecided"]);
            Collect(node, "$", seen);
        }

        var declared = new SortedSet<string>(StringComparer.Ordinal);
        using var schema = JsonDocument.Parse(File.ReadAllText(TraceSchema.Path));
        Declared(schema.RootElement, schema.RootElement.GetProperty("$defs"), "$", declared);

        Assert.Equal([], declared.Where(d => !seen.Contains(d)));
    }

    [Fact]
    public void Schema_IsDraft2020_12_ClosedEverywhere_AndItself_Valid()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(TraceSchema.Path));
        var root = schema.RootElement;
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        lock (TraceSchema.Evaluating)
        {
            Assert.True(MetaSchemas.Draft202012.Evaluate(JsonNode.Parse(root.GetRawText())).IsValid);
        }

        var defs = root.GetProperty("$defs");
        Assert.Equal(Decision.TraceJsonVersion, defs.GetProperty("decision").GetProperty("properties").GetProperty("traceVersion").GetProperty("const").GetInt32());
        Assert.Equal(Decision.TraceJsonVersion, defs.GetProperty("undecided").GetProperty("properties").GetProperty("traceVersion").GetProperty("const").GetInt32());

        // Every object of the format is closed, and all its members required but 'suppress', in a decision's trace
        // 'record' (known only for a record of an input, and added within version 1, so a trace kept before it still fits),
        // and a chosen module's 'culture' (written only for a module in another language, so a catalog without lang:
        // writes its traces as before); 'fields' (the recipient's own values, any JSON) declares no members.
        var objects = Objects(root).ToList();
        Assert.True(objects.Count >= 12, string.Join(", ", objects.Select(static o => o.Name)));
        foreach (var node in objects)
        {
            Assert.False(node.Schema.GetProperty("additionalProperties").GetBoolean(), $"'{node.Name}' must be closed");
            string[] optional = node.Name switch
            {
                "#/$defs/decision" => ["suppress", "record"],
                "#/$defs/chosen" => ["suppress", "culture"],
                _ => ["suppress"],
            };
            Assert.Equal(
                node.Schema.GetProperty("properties").EnumerateObject().Select(static p => p.Name).Where(n => !optional.Contains(n)).Order(StringComparer.Ordinal),
                node.Schema.GetProperty("required").EnumerateArray().Select(static r => r.GetString()!).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void ATraceWithAMemberTheSchemaDoesNotDeclare_IsRefused_AtAnyDepth()
    {
        var (catalog, _) = Full(0);
        var recipient = FullRecipients().First(static r => r.Recipient.Id == "r1" && r.Contacts == 0 && Equals(r.Recipient.TryGetValue("age", out var age) ? age : null, 40)).Recipient;
        var trace = JsonNode.Parse(Trace(catalog, recipient, "m"))!;
        TraceSchema.AssertValid(trace.ToJsonString());

        foreach (var place in new[] { "$", "$.catalog", "$.experiments[0]", "$.checks[0]", "$.slots[0]", "$.slots[0].chosen[0]", "$.slots[0].candidates[0]" })
        {
            var copy = JsonNode.Parse(trace.ToJsonString())!;
            At(copy, place)["added"] = 1;

            var problems = TraceSchema.Problems(copy.ToJsonString());

            Assert.True(problems.Count > 0, $"a member added at {place} passed the schema");
        }

        var wrongOutcome = JsonNode.Parse(trace.ToJsonString())!;
        wrongOutcome["checks"]![0]!["kind"] = "quota";
        Assert.NotEmpty(TraceSchema.Problems(wrongOutcome.ToJsonString()));
    }

    /// <summary>Decides, renders (a segment or arm only a template reads is evaluated then, as explain does) and writes the trace.</summary>
    private static string Trace(Catalog catalog, Recipient recipient, string message)
    {
        var decision = catalog.Decide(recipient, message);
        if (!decision.IsSuppressed)
        {
            try
            {
                catalog.Render(decision, Channel.Text);
            }
            catch (OneToOne.Composition.Diagnostics.RecipientException)
            {
                // Rejected while rendering: the trace is kept all the same (render --trace writes it on the rejected line).
            }
        }

        return decision.ToTraceJson();
    }

    /// <summary>The catalog over a history that holds <paramref name="contacts"/> earlier contacts of recipient r1; compiled once per count (deciding only reads the history).</summary>
    private static (Catalog Catalog, InMemoryContactHistory History) Full(int contacts) =>
        FullCatalogs.GetOrAdd(contacts, static c => CompileFull(c));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, (Catalog, InMemoryContactHistory)> FullCatalogs = new();

    private static (Catalog Catalog, InMemoryContactHistory History) CompileFull(int contacts)
    {
        var history = new InMemoryContactHistory();
        for (var i = 0; i < contacts; i++)
        {
            history.Record(new ContactRecord("r1", i % 2 == 0 ? "m" : "other", "email", "offers", May.AddDays(-1 - i), $"earlier-{i}"));
        }

        var catalog = new CatalogLoader(CliRun.Untimed with { TimeProvider = new SetClock(May), ContactHistory = history, AllowDrafts = true }).Parse(Everything, "audit.yaml");
        return (catalog, history);
    }

    private sealed record Audited(Recipient Recipient, int Contacts);

    private static Gen<Audited> AuditedRecipients() =>
        from age in Gen.Choose(0, 90)
        from income in Gen.Elements(0, 500, 15000, 25000)
        from uplift in Gen.Elements(-0.5, 0.0, 0.25, 1.5)
        from optIn in Gen.Elements<object?>(true, false)
        from preferred in Gen.Elements<object?>("email", "print", "web", null)
        from optedOut in Gen.Elements<object?>(null, "offers", "cards", "cards;offers")
        from locale in Gen.Elements<object?>("en-US", "de-DE", "fr-FR", null)
        from contacts in Gen.Choose(0, 3)
        select new Audited(Recipient.FromDictionary(new Dictionary<string, object?>
        {
            ["id"] = "r1",
            ["age"] = age,
            ["income"] = income,
            ["uplift"] = uplift,
            ["email_opt_in"] = optIn,
            ["preferred_channel"] = preferred,
            ["opted_out"] = optedOut,
            ["locale"] = locale,
        }), contacts);

    /// <summary>Recipients that between them reach every member and value: each arm, cap passed and reached, each outcome.</summary>
    private static IEnumerable<Audited> FullRecipients()
    {
        var n = 0;
        foreach (var age in new[] { 10, 17, 40 })
        {
            foreach (var income in new[] { 500, 25000 })
            {
                foreach (var optedOut in new object?[] { null, "cards", "offers" })
                {
                    foreach (var preferred in new object?[] { "email", "print", "web" })
                    {
                        foreach (var contacts in new[] { 0, 1, 3 })
                        {
                            foreach (var id in new[] { "r1", $"x{n++}" })
                            {
                                yield return new Audited(Recipient.FromDictionary(new Dictionary<string, object?>
                                {
                                    ["id"] = id,
                                    ["age"] = age,
                                    ["income"] = income,
                                    ["uplift"] = 0.5,
                                    ["email_opt_in"] = contacts != 1,
                                    ["preferred_channel"] = preferred,
                                    ["opted_out"] = optedOut,
                                    ["locale"] = age == 40 ? "de-DE" : "en-US",
                                }), id == "r1" ? contacts : 0);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The example folders that hold a catalog.</summary>
    private static IEnumerable<string> ExampleFolders() =>
        Directory.GetDirectories(Path.Combine(RepoRoot(), "examples")).Where(static d => Directory.GetFiles(d, "*.yaml").Length > 0).Order(StringComparer.Ordinal);

    /// <summary>An example's own recipients: its recipients.jsonl, or the generator it ships (an example with neither fails, so add them here).</summary>
    private static List<Recipient> ExampleRecipients(string example, string folder)
    {
        var jsonl = Path.Combine(folder, "recipients.jsonl");
        if (File.Exists(jsonl))
        {
            return [.. File.ReadLines(jsonl).Where(static l => l.Length > 0).Select(static l => Recipient.FromJson(JsonDocument.Parse(l).RootElement.Clone()))];
        }

        return example == "bank-cross-sell"
            ? [.. BankCrossSell.Customers.Generate(150, 2025).Select(static c => Recipient.FromDictionary(c))]
            : [];
    }

    /// <summary>Every member path a trace has ("$.slots[].candidates[].score"), and every string value at a path the schema names values for.</summary>
    private static void Collect(JsonNode node, string path, HashSet<string> seen)
    {
        switch (node)
        {
            case JsonObject obj when path != "$.fields":
                foreach (var (name, value) in obj)
                {
                    seen.Add($"{path}.{name}");
                    if (value is not null)
                    {
                        Collect(value, $"{path}.{name}", seen);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        Collect(item, path + "[]", seen);
                    }
                }

                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                seen.Add($"{path}={value.GetValue<string>()}");
                break;
            default:
                break;
        }
    }

    /// <summary>Every member path the schema declares, and every value of its enums, as <see cref="Collect"/> writes them.</summary>
    private static void Declared(JsonElement node, JsonElement defs, string path, SortedSet<string> declared)
    {
        if (node.TryGetProperty("$ref", out var reference))
        {
            Declared(defs.GetProperty(reference.GetString()!["#/$defs/".Length..]), defs, path, declared);
        }

        if (node.TryGetProperty("oneOf", out var alternatives))
        {
            foreach (var alternative in alternatives.EnumerateArray())
            {
                Declared(alternative, defs, path, declared);
            }
        }

        if (node.TryGetProperty("const", out var constant) && constant.ValueKind == JsonValueKind.String)
        {
            declared.Add($"{path}={constant.GetString()}");
        }

        if (node.TryGetProperty("enum", out var values))
        {
            foreach (var value in values.EnumerateArray())
            {
                declared.Add($"{path}={value.GetString()}");
            }
        }

        if (node.TryGetProperty("items", out var items))
        {
            Declared(items, defs, path + "[]", declared);
        }

        if (node.TryGetProperty("properties", out var properties) && path != "$.fields")
        {
            foreach (var property in properties.EnumerateObject())
            {
                declared.Add($"{path}.{property.Name}");
                Declared(property.Value, defs, $"{path}.{property.Name}", declared);
            }
        }
    }

    /// <summary>Every schema in the file that declares members, named by where it is.</summary>
    private static IEnumerable<(string Name, JsonElement Schema)> Objects(JsonElement node, string name = "#")
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            if (node.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object && name != "#/properties")
            {
                yield return (name, node);
            }

            foreach (var member in node.EnumerateObject())
            {
                foreach (var inner in Objects(member.Value, $"{name}/{member.Name}"))
                {
                    yield return inner;
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in node.EnumerateArray())
            {
                foreach (var inner in Objects(item, $"{name}/{i++}"))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>The traces a traced run writes for records it never decided: unreadable, rejected while deciding, refused by a sink, a duplicate id.</summary>
    private static IEnumerable<string> UndecidedTraces(Catalog catalog)
    {
        using var writer = new OneToOne.Composition.Batch.RecordJsonWriter { Trace = new OneToOne.Composition.Batch.RecordTrace(catalog, "m") };
        var duplicate = OneToOne.Composition.Batch.BatchResult.Duplicate(4, "r1", writtenOtherWay: false);
        duplicate.Reject(OneToOne.Composition.Batch.RejectStage.Write, "the sink refused it");
        foreach (var result in new[]
        {
            OneToOne.Composition.Batch.BatchResult.Rejected(1, null, OneToOne.Composition.Batch.RejectStage.Read, "Line 1: not JSON"),
            OneToOne.Composition.Batch.BatchResult.Rejected(2, "r2", OneToOne.Composition.Batch.RejectStage.Decide, "recipient 'r2': no consent field"),
            OneToOne.Composition.Batch.BatchResult.Duplicate(3, "r1", writtenOtherWay: true),
            duplicate,
        })
        {
            using var line = JsonDocument.Parse(writer.Serialize(result, file: null, includeBody: false));
            yield return line.RootElement.GetProperty("trace").GetRawText();
        }
    }

    /// <summary>The traces a traced run writes for records it decided: the decision's, with the record's number.</summary>
    private static IEnumerable<string> DecidedRunTraces(Catalog catalog)
    {
        using var writer = new OneToOne.Composition.Batch.RecordJsonWriter { Trace = new OneToOne.Composition.Batch.RecordTrace(catalog, "m") };
        var number = 0L;
        foreach (var recipient in FullRecipients().Where(static r => r.Contacts == 0).Take(8))
        {
            var decision = catalog.Decide(recipient.Recipient, "m");
            var result = OneToOne.Composition.Batch.BatchResult.Suppressed(++number * 1000, decision);
            using var line = JsonDocument.Parse(writer.Serialize(result, file: null, includeBody: false));
            var trace = line.RootElement.GetProperty("trace");
            Assert.Equal(number * 1000, trace.GetProperty("record").GetInt64());
            yield return trace.GetRawText();
        }
    }

    private static JsonObject At(JsonNode root, string place)
    {
        var node = root;
        foreach (var part in place.Split('.', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            node = part.EndsWith("[0]", StringComparison.Ordinal) ? node![part[..^3]]![0]! : node![part]!;
        }

        return node!.AsObject();
    }

    private static string RepoRoot() => Path.GetDirectoryName(Path.GetDirectoryName(TraceSchema.Path))!;

    private sealed class SetClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
