using BankCrossSell;
using OneToOne.Composition.Testing;

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
    public void TheExamplesReadme_QuotesWhatItsCommandPrints_OnTheDefaults()
    {
        // The README's line runs 10,000 customers with seed 2025 and quotes the result: it must be what the run prints.
        var summary = Simulation.Run(CatalogPath, 10_000, 2025);
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var quoted = string.Create(c, $"it prints {1 - ((double)summary.Sent / summary.SendAllSent):0%} fewer contacts, ")
            + string.Create(c, $"{summary.IncrementalResponses:N1} vs {summary.SendAllIncrementalResponses:N1} expected incremental\nresponses and ")
            + string.Create(c, $"{summary.NetMargin:N0} vs {summary.SendAllNetMargin:N0} margin net of contact cost.");
        var readme = File.ReadAllText(Path.Combine(HostileRecipients.RepoRoot, "examples", "bank-cross-sell", "README.md")).ReplaceLineEndings("\n");

        Assert.Contains(quoted, readme, StringComparison.Ordinal);
        Assert.Equal(10_000, summary.Sent + summary.SuppressedByReason.Values.Sum() + summary.Rejected);
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
