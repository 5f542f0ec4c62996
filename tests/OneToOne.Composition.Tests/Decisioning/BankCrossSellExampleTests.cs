using BankCrossSell;

namespace OneToOne.Composition.Tests.Decisioning;

public sealed class BankCrossSellExampleTests
{
    private static readonly string CatalogPath = Path.Combine(AppContext.BaseDirectory, "catalog.yaml");

    [Theory]
    [InlineData(2_000, 2025UL)]
    [InlineData(1_500, 7UL)]
    public void TheSimulationSummary_AddsUp_AndTargetingNeverLosesNetMargin(int customers, ulong seed)
    {
        var summary = Simulation.Run(CatalogPath, customers, seed);

        Assert.Equal(customers, summary.Sent + summary.SuppressedByReason.Values.Sum() + summary.Rejected);
        Assert.Equal(summary.Sent, summary.SentByChannel.Values.Sum());
        Assert.Equal(0, summary.Rejected);
        Assert.All(["sleeping-dog", "sure-thing", "low-value", "holdout"], reason => Assert.True(summary.SuppressedByReason.GetValueOrDefault(reason) > 0, reason));
        Assert.True(summary.Sent < summary.SendAllSent);
        // Every suppressed customer's best offer is worth less than a contact, so suppressing can only raise the net.
        Assert.True(summary.NetMargin >= summary.SendAllNetMargin, $"{summary.NetMargin} < {summary.SendAllNetMargin}");
    }

    [Fact]
    public void TheSimulation_IsDeterministic()
    {
        var (a, b) = (Simulation.Run(CatalogPath, 500, 3), Simulation.Run(CatalogPath, 500, 3));
        Assert.Equal(a.SuppressedByReason, b.SuppressedByReason);
        Assert.Equal((a.Sent, a.IncrementalMargin, a.SendAllIncrementalMargin), (b.Sent, b.IncrementalMargin, b.SendAllIncrementalMargin));
        Assert.Equal(Customers.Generate(50, 9)[17]["max_value"], Customers.Generate(50, 9)[17]["max_value"]);
    }
}
