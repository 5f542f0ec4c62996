using OneToOne.Composition.Benchmarks.Peers;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Benchmarks.Scenario;

/// <summary>
/// Everything a benchmark needs, built once per process: the compiled catalog, the recipients (as dictionaries,
/// the form every peer reads) and the peers.
/// </summary>
public sealed class Fixture
{
    private Fixture(int modules, int purchases, int count)
    {
        Modules = modules;
        Purchases = purchases;
        Yaml = ScenarioCatalog.Yaml(modules);
        Catalog = new CatalogLoader().Parse(Yaml);
        Recipients = ScenarioRecipients.Create(count, purchases);
    }

    /// <summary>Gets the catalog's module count.</summary>
    public int Modules { get; }

    /// <summary>Gets the number of purchases every recipient has.</summary>
    public int Purchases { get; }

    /// <summary>Gets the catalog's YAML.</summary>
    public string Yaml { get; }

    /// <summary>Gets the compiled catalog.</summary>
    public Catalog Catalog { get; }

    /// <summary>Gets the recipients' data.</summary>
    public IReadOnlyList<Dictionary<string, object?>> Recipients { get; }

    /// <summary>Creates a fixture.</summary>
    /// <param name="modules">The catalog's module count (at least <see cref="ScenarioCatalog.BaseModuleCount"/>).</param>
    /// <param name="purchases">How many purchases each recipient has.</param>
    /// <param name="count">How many recipients.</param>
    /// <returns>The fixture.</returns>
    public static Fixture Create(int modules = ScenarioCatalog.BaseModuleCount, int purchases = 5, int count = ScenarioRecipients.DefaultCount) =>
        new(modules, purchases, count);

    /// <summary>Decides and renders one recipient's message as a web HTML fragment: the library's per-message work.</summary>
    /// <param name="recipient">The recipient's data.</param>
    /// <returns>The HTML.</returns>
    public string RenderWithLibrary(IReadOnlyDictionary<string, object?> recipient)
    {
        var decision = Catalog.Decide(Recipient.FromDictionary(recipient), ScenarioCatalog.MessageId);
        return Catalog.Render(decision, Channel.Web).Body;
    }

    /// <summary>The peers, by name, as functions from a recipient's data to its HTML.</summary>
    /// <returns>A fresh set of peers.</returns>
    internal static IReadOnlyList<(string Name, Func<IReadOnlyDictionary<string, object?>, string> Render)> CreatePeers()
    {
        var scriban = new ScribanPeer();
        var handlebars = new HandlebarsPeer();
        return
        [
            ("HandWritten", HandWrittenPeer.Render),
            ("Scriban", scriban.Render),
            ("Handlebars", handlebars.Render),
        ];
    }
}
