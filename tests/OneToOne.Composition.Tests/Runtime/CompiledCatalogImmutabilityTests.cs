using System.Reflection;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Runtime;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// A compiled catalog is shared by every thread without a lock, so deciding and rendering must not change it: a value
/// worked out on first use and kept in the shared slot (a <c>bool?</c>, two fields that .NET does not promise to write or
/// read whole) could be read half-written by a thread deciding beside the first one, and a scored slot ranked by priority.
/// </summary>
public sealed class CompiledCatalogImmutabilityTests
{
    private const string Yaml = """
        catalog: scored
        modules:
          card: { score: uplift_card * 120, content: "Card {{ name }}", topics: offers }
          savings: { score: uplift_savings * 40, content: "Savings" }
          plain: { content: "Plain" }
        slots:
          offer: { pick: best, from: [savings, card] }
          other: { pick: first, from: [plain] }
        messages:
          m:
            subject: "Hi {{ name }}"
            body: |
              {{ slot "offer" }}

              {{ slot "other" }}
        """;

    [Fact]
    public void DecidingAndRendering_LeaveEveryCompiledSlotAsCompiled()
    {
        var catalog = Parse(Yaml);
        var slots = Runtime(catalog).Slots.Values.ToArray();
        var before = slots.SelectMany(Snapshot).ToArray();

        foreach (var card in (double[])[0.5, 0.01])
        {
            var decision = catalog.Decide(Person(("id", "c1"), ("name", "Ann"), ("uplift_card", card), ("uplift_savings", 0.1)), "m");
            foreach (var channel in (Channel[])[Channel.Text, Channel.Web, Channel.Print])
            {
                Assert.NotEmpty(catalog.Render(decision, channel).Body);
            }
        }

        Assert.Equal(before, slots.SelectMany(Snapshot).ToArray());
    }

    private static CatalogRuntime Runtime(Catalog catalog) =>
        (CatalogRuntime)typeof(Catalog).GetField("_runtime", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(catalog)!;

    /// <summary>Each field of a slot: a value as it is, a reference by identity (null or not, and which object).</summary>
    private static IEnumerable<string> Snapshot(CompiledSlot slot) => typeof(CompiledSlot)
        .GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        .Select(f => f.GetValue(slot) switch
        {
            null => $"{slot.Id}.{f.Name}=null",
            var value when f.FieldType.IsValueType || value is string => $"{slot.Id}.{f.Name}={value}",
            var value => $"{slot.Id}.{f.Name}=#{System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(value)}",
        });
}
