namespace OneToOne.Composition.Tests;

/// <summary>Shared helpers for loading catalogs and recipients in tests.</summary>
internal static class TestCatalogs
{
    public static string CasesDirectory => Path.Combine(AppContext.BaseDirectory, "Cases");

    public static string DesignExamplePath => Path.Combine(CasesDirectory, "design-example.yaml");

    /// <summary>
    /// The default options without a practical time budget (tests/Shared TestOptions). The tests about the budget
    /// (RenderingSafetyTests, RenderCancellationTests, the hostile-recipient properties) give their own.
    /// </summary>
    public static CompositionOptions Untimed => Testing.TestOptions.Untimed;

    public static Catalog DesignExample { get; } = new CatalogLoader(Untimed).Load(DesignExamplePath);

    /// <summary>A recipient from fields; a later field of the same name replaces an earlier one.</summary>
    public static OneToOne.Composition.Recipients.Recipient Person(params (string Key, object? Value)[] fields)
    {
        var values = new Dictionary<string, object?>();
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        return OneToOne.Composition.Recipients.Recipient.FromDictionary(values);
    }

    public static Catalog Parse(string yaml) => new CatalogLoader(Untimed).Parse(yaml);

    /// <summary>A catalog of one message 'm' whose body is <paramref name="body"/> (any lines), for either render path.</summary>
    public static Catalog LoadBody(bool compiled, string body) =>
        Load(compiled, "catalog: t\nmessages:\n  m:\n    body: |\n" + string.Join('\n', body.Split('\n').Select(static l => "      " + l)) + "\n");

    /// <summary>A recipient from one JSON object, as a JSON Lines record gives it.</summary>
    public static OneToOne.Composition.Recipients.Recipient Json(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return OneToOne.Composition.Recipients.Recipient.FromJson(document.RootElement.Clone());
    }

    /// <summary>Parses a catalog that renders through its precompiled plans (<paramref name="compiled"/>) or through Scriban alone.</summary>
    public static Catalog Load(bool compiled, string yaml) =>
        new CatalogLoader(Untimed with { UseCompiledPaths = compiled }).Parse(yaml);
}
