using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Batch.Tests.Running;

/// <summary>
/// A contact history that cannot count (the embedder's own store down mid-run) stops the run with the
/// <see cref="ContactHistoryException"/> that <c>Catalog.Decide</c> documents, instead of rejecting every record after it
/// one by one: caps are never skipped silently, and the run resumes from its checkpoint once the history is back.
/// </summary>
public sealed class ContactHistoryOutageTests
{
    private const string Yaml = """
        catalog: capped
        modules:
          hero: { content: "## {{ first_name }}, this month" }
        slots:
          hero: { from: [hero] }
        messages:
          monthly:
            caps:
              - { max: 1 per 7d, per: message }
            body: |
              {{ slot "hero" }}
        """;

    private static readonly ChannelSettings Text = new(BatchChannel.Text);

    [Fact]
    public void AMessageWithCaps_AndACatalogWithoutHistory_IsRefusedBeforeAnyRecord_NamingTheMessageAndCap()
    {
        // Each record was rejected at decide ("CompositionOptions.ContactHistory is not set"), a million times over.
        var catalog = new CatalogLoader(TestCampaign.Unbounded).Parse(Yaml);

        var error = Assert.Throws<ArgumentException>(() => new BatchRunner(catalog, "monthly", Text));

        Assert.Equal("catalog", error.ParamName);
        Assert.StartsWith("Message 'monthly' of catalog 'capped' has frequency caps (max 1 per 7d per message at ", error.Message, StringComparison.Ordinal);
        Assert.Contains("), which are judged against a contact history, but the catalog has none, so every record that reaches them (one not suppressed before caps are checked) would be rejected. Load the catalog with CompositionOptions.ContactHistory set", error.Message, StringComparison.Ordinal);
        Assert.False(catalog.HasContactHistory);
        Assert.Equal(["max 1 per 7d per message at " + catalog.FrequencyCaps("monthly")[0].Split(" at ")[1]], catalog.FrequencyCaps("monthly"));
        Assert.Matches(@"\(\d+,\d+\)$", catalog.FrequencyCaps("monthly")[0]);

        // With a history, the same message runs.
        Assert.True(new CatalogLoader(TestCampaign.Unbounded with { ContactHistory = new InMemoryContactHistory() }).Parse(Yaml).HasContactHistory);
    }

    [Fact]
    public async Task AHistoryThatFailsToCount_StopsTheRun_NamingTheRecipientAndCap_AndTheRunResumesOnceItIsBack()
    {
        using var temp = new TempDirectory();
        var history = new FailingHistory(failFrom: 10);
        var catalog = new CatalogLoader(TestCampaign.Unbounded with { ContactHistory = history }).Parse(Yaml);
        var jsonl = TestCampaign.Jsonl(Enumerable.Repeat(TestCampaign.Kind.Good, 50));
        var written = new List<BatchResult>();
        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            var runner = new BatchRunner(catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint, MaxDegreeOfParallelism = 1 });

            var error = await Assert.ThrowsAsync<ContactHistoryException>(() => runner.RunAsync(TestCampaign.Records(jsonl), new CollectingSink(written)));

            Assert.Equal("Recipient 'r10', message 'monthly': the contact history could not count the recipient's contacts for the cap 'max 1 per 7d per message (monthly)', and caps are never skipped silently: InvalidOperationException: the CRM's connection pool is exhausted. Fix the contact history (or its connection), then run again.", error.Message);
            Assert.Same(history.Failure, error.InnerException);
            Assert.DoesNotContain(written, static r => r.Status == BatchStatus.Rejected);
            Assert.Equal(written.Count, checkpoint.LastNumber);
            Assert.True(written.Count < 10, $"{written.Count} records written");
        }

        history.IsDown = false;
        using (var checkpoint = BatchCheckpoint.Open(temp.File("run.db"), "test-run"))
        {
            var summary = await new BatchRunner(catalog, "monthly", Text, new BatchOptions { Checkpoint = checkpoint, MaxDegreeOfParallelism = 1 })
                .RunAsync(TestCampaign.Records(jsonl), new CollectingSink(written));

            Assert.True(summary.Completed);
            Assert.Equal((50L, 50L, 0L), (summary.Input, summary.Rendered, summary.Rejected));
            Assert.Equal(Enumerable.Range(1, 50).Select(static i => $"r{i}"), written.Select(static r => r.Id));
        }
    }

    /// <summary>A history whose store goes down at its <c>failFrom</c>th count, until it is back.</summary>
    private sealed class FailingHistory(int failFrom) : IContactHistory
    {
        private int _counts;

        public InvalidOperationException Failure { get; } = new("the CRM's connection pool is exhausted");

        public bool IsDown { get; set; } = true;

        public int Count(ContactQuery query) => IsDown && Interlocked.Increment(ref _counts) >= failFrom ? throw Failure : 0;

        public void Record(ContactRecord contact)
        {
        }
    }

    private sealed class CollectingSink(List<BatchResult> results) : IMessageSink
    {
        public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
        {
            results.Add(result);
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
