using System.Text.Json;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Parsing;

namespace OneToOne.Composition.Tests.Parsing;

/// <summary>Keeps schema/catalog.schema.json and the loader's accepted keys from drifting apart.</summary>
public sealed class CatalogSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "schema", "catalog.schema.json"))).RootElement;

    public static TheoryData<string> Places => [.. CatalogDocumentReader.AcceptedKeys.Keys];

    [Theory]
    [MemberData(nameof(Places))]
    public void Schema_DeclaresExactlyTheKeysTheLoaderAccepts(string place)
    {
        var node = place == "root" ? Schema : Schema.GetProperty("$defs").GetProperty(place);

        var declared = node.GetProperty("properties").EnumerateObject().Select(static p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(CatalogDocumentReader.AcceptedKeys[place].Order(StringComparer.Ordinal), declared);
        Assert.False(node.GetProperty("additionalProperties").GetBoolean(), $"'{place}' must reject unknown keys, as the loader does");
    }

    [Fact]
    public void Schema_IsDraft2020_12_AndEveryDefinitionIsUsed()
    {
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());
        var text = Schema.GetRawText();
        foreach (var definition in Schema.GetProperty("$defs").EnumerateObject())
        {
            Assert.Contains($"\"#/$defs/{definition.Name}\"", text, StringComparison.Ordinal);
        }

        // Every place the loader reads has a definition (the reverse of the theory above).
        Assert.Equal(
            CatalogDocumentReader.AcceptedKeys.Keys.Where(static k => k != "root").Order(StringComparer.Ordinal),
            Schema.GetProperty("$defs").EnumerateObject().Select(static d => d.Name).Where(static n => n != "status").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Loader_AcceptsOneItemWhereAListIsExpected()
    {
        // The forms the theory below checks the schema allows too.
        var catalog = new CatalogLoader(TestCatalogs.Untimed with { ContactHistory = new InMemoryContactHistory() }).Parse("""
            catalog: t
            experiments:
              e: { arms: { x: 1 }, slots: s, messages: m }
            policy:
              consent: { email: "true" }
              caps: { max: 2 per 7d, per: channel }
            modules:
              a: { content: A, topics: offers }
            slots:
              s: { from: a }
            messages:
              m: { body: '{{ slot "s" }}', channels: email, caps: { max: 1 per 30d }, required: a }
            """, "t.yaml");

        Assert.Equal(["m"], catalog.MessageIds);
    }

    [Theory]
    [InlineData("module", "topics")]
    [InlineData("slot", "from")]
    [InlineData("experiment", "slots")]
    [InlineData("experiment", "messages")]
    [InlineData("policy", "caps")]
    [InlineData("message", "channels")]
    [InlineData("message", "caps")]
    [InlineData("message", "required")]
    public void Schema_AllowsOneItemWhereTheLoaderDoes(string place, string key)
    {
        var node = Schema.GetProperty("$defs").GetProperty(place).GetProperty("properties").GetProperty(key);

        var alternatives = node.TryGetProperty("anyOf", out var anyOf) ? [.. anyOf.EnumerateArray()] : new[] { node };

        Assert.Contains(alternatives, static a => !Types(a).Contains("array"));
    }

    [Fact]
    public void Loader_ReadsUnquotedScalarsAsText_AndQuotedNumbersAsNumbers()
    {
        // The forms the theory below checks the schema allows too.
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse("""
            catalog: t
            modules:
              a: { when: true, content: 123 }
              b: { content: B }
            slots:
              s: { pick: all, count: "2", from: [a, b] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """, "t.yaml");

        Assert.Equal("123B", catalog.Render(catalog.Decide(global::OneToOne.Composition.Recipients.Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r" }), "m"), Channel.Text).Body.Replace("\n", string.Empty, StringComparison.Ordinal).Trim());
    }

    [Theory]
    [InlineData("module", "when", "boolean")]
    [InlineData("module", "content", "number")]
    [InlineData("message", "subject", "number")]
    [InlineData("slot", "count", "string")]
    [InlineData("module", "priority", "string")]
    public void Schema_AllowsTheScalarsTheLoaderReads(string place, string key, string type)
    {
        var node = Schema.GetProperty("$defs").GetProperty(place).GetProperty("properties").GetProperty(key);

        var alternatives = node.TryGetProperty("anyOf", out var anyOf) ? [.. anyOf.EnumerateArray()] : new[] { node };

        Assert.Contains(alternatives, a => Types(a).Contains(type));
    }

    [Theory]
    [InlineData("de")]
    [InlineData("DE-de")]
    [InlineData("sr-latn-rs")]
    [InlineData("es-419")]
    [InlineData("de-CH-1996")]
    [InlineData("en-US-u-ca-gregory")]
    [InlineData("x-klingon")]
    [InlineData("de_DE")]
    [InlineData("german")]
    [InlineData("de--DE")]
    [InlineData("en-u")]
    [InlineData("de-DE-x")]
    [InlineData("de DE")]
    public void Schema_LangPattern_TakesTheTagsTheLoaderTakes(string tag)
    {
        var pattern = Schema.GetProperty("$defs").GetProperty("module").GetProperty("properties").GetProperty("lang").GetProperty("pattern").GetString()!;

        Assert.Equal(LanguageTag.Normalize(tag) is not null, System.Text.RegularExpressions.Regex.IsMatch(tag, pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(10)));
    }

    /// <summary>The JSON types a schema node allows: its 'type', one name or a list.</summary>
    private static List<string?> Types(JsonElement node) =>
        !node.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(static t => t.GetString())]
        : [type.GetString()];

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OneToOne.Composition.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
