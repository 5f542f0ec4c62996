using System.Text;
using System.Text.Json;

namespace OneToOne.Composition.Batch.Tests.Running;

/// <summary>
/// A routed message is sent in one run per channel; an analyst compares, in each run, the treated it rendered with the
/// holdout it held back. Both must be the recipients routed to that run's channel, or the control group holds every
/// channel's recipients (and is counted again in every run) while the treated group holds one channel's.
/// </summary>
public sealed class HoldoutChannelTests
{
    private static readonly Catalog Campaign = new CatalogLoader(TestOptions.Untimed).Parse("""
        catalog: holdout-channels
        experiments:
          lift: { arms: { control: 1, treated: 1 }, holdout: control, holdout-gets: suppress }
        policy:
          preferred-channel: preferred_channel
        modules:
          offer: "Offer for {{ first_name }}"
        slots:
          offer: { from: [offer] }
        messages:
          cross-sell:
            channels: [web, email]
            body: '{{ slot "offer" }}'
        """);

    [Fact]
    public async Task AWebRunHoldsBackOnlyTheHoldoutRoutedToWeb_AndNamesTheChannelOfEveryHoldout()
    {
        var jsonl = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            jsonl.Append(JsonSerializer.Serialize(new { id = $"c{i}", first_name = $"N{i}", preferred_channel = i % 2 == 0 ? "web" : "email" })).Append('\n');
        }

        var sink = new CollectingSink();
        var summary = await new BatchRunner(Campaign, "cross-sell", new ChannelSettings(BatchChannel.Web))
            .RunAsync(RecipientReader.Read(new StringReader(jsonl.ToString()), RecipientFormat.JsonLines), sink);

        var seen = new Dictionary<(string Arm, string Status, string? Channel, string? Reason), int>();
        foreach (var text in sink.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var line = JsonDocument.Parse(text);
            var record = line.RootElement;
            var id = int.Parse(record.GetProperty("id").GetString()![1..], System.Globalization.CultureInfo.InvariantCulture);
            var channel = record.TryGetProperty("channel", out var c) ? c.GetString() : null;
            var reason = record.TryGetProperty("reason", out var r) ? r.GetString() : null;
            var arm = record.GetProperty("arms").GetString()!;
            var status = record.GetProperty("status").GetString()!;

            // Every record, held out or not, names the channel it was (or would have been) sent on.
            Assert.Equal(id % 2 == 0 ? "web" : "email", channel);
            var key = (arm, status, channel, reason);
            seen[key] = seen.GetValueOrDefault(key) + 1;
        }

        var control = seen.Where(static s => s.Key.Arm == "lift=control").ToDictionary(static s => (s.Key.Status, s.Key.Channel, s.Key.Reason), static s => s.Value);
        var treated = seen.Where(static s => s.Key.Arm == "lift=treated").ToDictionary(static s => (s.Key.Status, s.Key.Channel, s.Key.Reason), static s => s.Value);

        // Each arm: its web recipients are this run's (rendered, or held out), its email recipients are routed away alike.
        Assert.Equal(
            [("rendered", "web", (string?)null), ("suppressed", "email", "routed to email")],
            treated.Keys.Order());
        Assert.Equal(
            [("suppressed", "email", "routed to email"), ("suppressed", "web", "holdout of experiment 'lift' (arm 'control')")],
            control.Keys.Order());
        Assert.True(control[("suppressed", "web", "holdout of experiment 'lift' (arm 'control')")] > 20 && treated[("rendered", "web", null)] > 20);
        Assert.Equal(200, seen.Values.Sum());
        Assert.Equal(seen.Where(static s => s.Key.Reason == "routed to email").Sum(static s => s.Value), summary.SuppressedByReason["routed to email"]);
        Assert.Equal(control[("suppressed", "web", "holdout of experiment 'lift' (arm 'control')")], summary.SuppressedByReason["holdout of experiment 'lift' (arm 'control')"]);
    }

    [Fact]
    public void TheDecisionNamesTheChannelAHoldoutWouldHaveGoneOn_ButRoutesItNowhere()
    {
        var held = Enumerable.Range(0, 100).Select(static i => Campaign.Decide(new Dictionary<string, object?> { ["id"] = $"c{i}", ["first_name"] = "N", ["preferred_channel"] = "email" }, "cross-sell"))
            .First(static d => d.SuppressedBy == "holdout");

        Assert.Null(held.Channel);
        Assert.Equal("email", held.HeldOutChannel);
        Assert.Contains("channel → email (held out: not sent)", held.ToTraceString(), StringComparison.Ordinal);

        var treated = Enumerable.Range(0, 100).Select(static i => Campaign.Decide(new Dictionary<string, object?> { ["id"] = $"c{i}", ["first_name"] = "N", ["preferred_channel"] = "email" }, "cross-sell"))
            .First(static d => !d.IsSuppressed);
        Assert.Equal("email", treated.Channel);
        Assert.Null(treated.HeldOutChannel);
    }
}
