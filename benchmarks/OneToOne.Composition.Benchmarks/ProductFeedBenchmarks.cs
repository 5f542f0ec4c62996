using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using OneToOne.Composition.Benchmarks.Infrastructure;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Benchmarks;

/// <summary>
/// Deciding a product-feed slot: one candidate per product, each <c>when: sku == "sK"</c>, after a module for members
/// (<c>tier == "gold" &amp;&amp; points > 900</c>, which no recipient here meets) and before an unconditional last
/// one; every fourth product is active only from 2020 on. Recipients ask for products spread over the whole feed, and
/// one in 16 for a product the feed does not have. The peer is the floor: one dictionary lookup from sku to module id.
/// Every recipient's chosen module is checked against the peer before timing.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MessageBenchmarkConfig))]
public class ProductFeedBenchmarks
{
    private const int RecipientCount = 256;
    private const string MessageId = "main";

    private Catalog _catalog = null!;
    private Dictionary<string, object?>[] _recipients = null!;
    private Dictionary<string, string> _peer = null!;

    /// <summary>Gets or sets how many products the feed has.</summary>
    [Params(100, 2000, 8000)]
    public int Products { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _catalog = new CatalogLoader().Parse(Yaml(Products));
        _peer = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var p = 0; p < Products; p++)
        {
            _peer.Add(Sku(p), $"p{p}");
        }

        _recipients = new Dictionary<string, object?>[RecipientCount];
        for (var i = 0; i < RecipientCount; i++)
        {
            // A spread over the feed (7919 is prime), and every 16th recipient asks for a product not in it.
            var product = i % 16 == 15 ? Products + i : (int)((long)i * 7919 % Products);
            _recipients[i] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = i.ToString(CultureInfo.InvariantCulture),
                ["sku"] = Sku(product),
                ["tier"] = "silver",
                ["points"] = 100,
            };
        }

        foreach (var recipient in _recipients)
        {
            var decided = _catalog.Decide(Recipient.FromDictionary(recipient), MessageId).Slots[0].ModuleIds[0];
            var expected = Peer(recipient);
            if (decided != expected)
            {
                throw new InvalidOperationException($"The library chose '{decided}' for sku '{recipient["sku"]}', the peer '{expected}'; the benchmark would compare different work.");
            }
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = RecipientCount)]
    public int DecideOnly()
    {
        var chosen = 0;
        var catalog = _catalog;
        var recipients = _recipients;
        for (var i = 0; i < recipients.Length; i++)
        {
            chosen += catalog.Decide(Recipient.FromDictionary(recipients[i]), MessageId).Slots[0].ModuleIds.Count;
        }

        return chosen;
    }

    [Benchmark(OperationsPerInvoke = RecipientCount)]
    public int DictionaryPeer()
    {
        var chosen = 0;
        var recipients = _recipients;
        for (var i = 0; i < recipients.Length; i++)
        {
            chosen += Peer(recipients[i]).Length;
        }

        return chosen;
    }

    /// <summary>The feed catalog: a members' module, one module per product (every fourth dated), an unconditional last one.</summary>
    internal static string Yaml(int products)
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("catalog: feed").AppendLine("modules:");
        yaml.AppendLine("  members: { when: 'tier == \"gold\" && points > 900', content: 'Members only' }");
        for (var p = 0; p < products; p++)
        {
            var active = p % 4 == 3 ? ", active: { from: 2020-01-01 }" : string.Empty;
            yaml.Append(CultureInfo.InvariantCulture, $"  p{p}: {{ when: 'sku == \"{Sku(p)}\"', content: 'Product {p}'{active} }}").AppendLine();
        }

        yaml.AppendLine("  other: 'Our bestsellers'").AppendLine("slots:").Append("  s: { from: [members");
        for (var p = 0; p < products; p++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $", p{p}");
        }

        return yaml.AppendLine(", other] }").AppendLine("messages:").AppendLine("  main:").AppendLine("    body: '{{ slot \"s\" }}'").ToString();
    }

    private static string Sku(int product) => "s" + product.ToString(CultureInfo.InvariantCulture);

    private string Peer(Dictionary<string, object?> recipient)
    {
        if (recipient.TryGetValue("tier", out var tier) && tier is "gold" && recipient["points"] is int points && points > 900)
        {
            return "members";
        }

        return recipient["sku"] is string sku && _peer.TryGetValue(sku, out var module) ? module : "other";
    }
}
