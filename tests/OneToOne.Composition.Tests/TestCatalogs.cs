namespace OneToOne.Composition.Tests;

/// <summary>Shared helpers for loading catalogs and recipients in tests.</summary>
internal static class TestCatalogs
{
    public static string CasesDirectory => Path.Combine(AppContext.BaseDirectory, "Cases");

    public static string DesignExamplePath => Path.Combine(CasesDirectory, "design-example.yaml");

    public static Catalog DesignExample { get; } = new CatalogLoader().Load(DesignExamplePath);

    public static Recipients.Recipient Person(params (string Key, object? Value)[] fields) =>
        Recipients.Recipient.FromDictionary(fields.ToDictionary(static f => f.Key, static f => f.Value));

    public static Catalog Parse(string yaml) => new CatalogLoader().Parse(yaml);
}
