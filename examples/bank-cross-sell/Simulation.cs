using OneToOne.Composition;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;

namespace BankCrossSell;

/// <summary>What one simulated campaign did, and what it is expected to earn against sending to everyone.</summary>
/// <param name="Customers">Customers considered.</param>
/// <param name="Sent">Messages sent.</param>
/// <param name="SentByChannel">Messages sent per channel.</param>
/// <param name="SuppressedByReason">Suppressed customers per reason (rule name, holdout, consent, …).</param>
/// <param name="Rejected">Customers whose record could not be decided.</param>
/// <param name="IncrementalResponses">Expected incremental responses of the targeted campaign (sum of the chosen offers' uplift).</param>
/// <param name="IncrementalMargin">Expected incremental margin of the targeted campaign.</param>
/// <param name="SendAllSent">Messages sent when everyone with consent gets the top-scored offer.</param>
/// <param name="SendAllIncrementalResponses">Expected incremental responses when sending to everyone.</param>
/// <param name="SendAllIncrementalMargin">Expected incremental margin when sending to everyone.</param>
/// <param name="CostPerContact">The assumed cost of one contact.</param>
public sealed record Summary(
    int Customers,
    int Sent,
    IReadOnlyDictionary<string, int> SentByChannel,
    IReadOnlyDictionary<string, int> SuppressedByReason,
    int Rejected,
    double IncrementalResponses,
    double IncrementalMargin,
    int SendAllSent,
    double SendAllIncrementalResponses,
    double SendAllIncrementalMargin,
    double CostPerContact)
{
    /// <summary>Gets the targeted campaign's margin after contact costs.</summary>
    public double NetMargin => IncrementalMargin - (Sent * CostPerContact);

    /// <summary>Gets the send-to-everyone campaign's margin after contact costs.</summary>
    public double SendAllNetMargin => SendAllIncrementalMargin - (SendAllSent * CostPerContact);
}

/// <summary>
/// Runs the bank cross-sell catalog over synthetic customers. Assumptions: the uplift scores are the truth (a perfect
/// model), responses are independent, each contact costs <see cref="Summary.CostPerContact"/>, and "send to everyone"
/// means every customer a channel may reach gets the offer with the highest score — the same catalog without its
/// suppress rules (the same 5% holdout stays out of both, so measurement costs both the same). Expected values, not a random draw: the numbers are exact for these assumptions.
/// </summary>
public static class Simulation
{
    /// <summary>Runs the simulation.</summary>
    /// <param name="catalogPath">The catalog file.</param>
    /// <param name="customers">How many customers.</param>
    /// <param name="seed">The population's seed.</param>
    /// <param name="costPerContact">The cost of one contact.</param>
    /// <returns>The summary.</returns>
    public static Summary Run(string catalogPath, int customers = 10_000, ulong seed = 2025, double costPerContact = 0.45)
    {
        var catalog = new CatalogLoader().Load(catalogPath);
        var everyone = new CatalogLoader().Parse(WithoutTargeting(File.ReadAllText(catalogPath)), catalogPath);
        var byChannel = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var byReason = new SortedDictionary<string, int>(StringComparer.Ordinal);
        int sent = 0, rejected = 0, sendAllSent = 0;
        double responses = 0, margin = 0, allResponses = 0, allMargin = 0;
        foreach (var fields in Customers.Generate(customers, seed))
        {
            var recipient = Recipient.FromDictionary(fields);
            try
            {
                var decision = catalog.Decide(recipient, "cross-sell");
                if (decision.IsSuppressed)
                {
                    var reason = decision.SuppressedBy!;
                    byReason[reason] = byReason.GetValueOrDefault(reason) + 1;
                }
                else
                {
                    sent++;
                    byChannel[decision.Channel!] = byChannel.GetValueOrDefault(decision.Channel!) + 1;
                    (var r, var m) = Expected(fields, decision.GetSlot("offer")!.ModuleIds);
                    responses += r;
                    margin += m;
                }

                var all = everyone.Decide(recipient, "cross-sell");
                if (!all.IsSuppressed)
                {
                    sendAllSent++;
                    (var r, var m) = Expected(fields, all.GetSlot("offer")!.ModuleIds);
                    allResponses += r;
                    allMargin += m;
                }
            }
            catch (RecipientException)
            {
                rejected++;
            }
        }

        return new Summary(customers, sent, byChannel, byReason, rejected, responses, margin, sendAllSent, allResponses, allMargin, costPerContact);
    }

    private static (double Responses, double Margin) Expected(Dictionary<string, object?> fields, IReadOnlyList<string> modules)
    {
        var uplift = (Dictionary<string, object?>)fields["uplift"]!;
        double responses = 0, margin = 0;
        foreach (var (key, module, value) in Customers.Offers)
        {
            if (modules.Contains(module))
            {
                var u = (double)uplift[key]!;
                responses += u;
                margin += u * value;
            }
        }

        return (responses, margin);
    }

    /// <summary>The same catalog without its suppress rules: "send to everyone the channel policy allows", keeping the same holdout so both campaigns pay the same for measurement.</summary>
    private static string WithoutTargeting(string yaml)
    {
        var lines = yaml.Split('\n').ToList();
        var start = lines.FindIndex(static l => l.TrimEnd() == "    suppress:");
        var end = lines.FindIndex(start, static l => l.StartsWith("    body:", StringComparison.Ordinal));
        lines.RemoveRange(start, end - start);
        return string.Join('\n', lines);
    }
}
