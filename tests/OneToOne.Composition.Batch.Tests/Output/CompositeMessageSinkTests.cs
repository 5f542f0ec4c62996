namespace OneToOne.Composition.Batch.Tests.Output;

public sealed class CompositeMessageSinkTests
{
    [Fact]
    public async Task DisposeAsync_DisposesEverySink_EvenAfterOneFails_AndThrowsWhatFailed()
    {
        var failure = new IOException("disk gone");
        var first = new DisposalSink(failure);
        var second = new DisposalSink(null);
        var composite = new CompositeMessageSink(first, second);

        var thrown = await Assert.ThrowsAsync<IOException>(async () => await composite.DisposeAsync());

        Assert.Same(failure, thrown);
        Assert.True(first.Disposed);
        Assert.True(second.Disposed);
    }

    [Fact]
    public async Task DisposeAsync_SeveralFailures_AreAllReported()
    {
        var one = new IOException("one");
        var two = new UnauthorizedAccessException("two");
        var last = new DisposalSink(null);
        var composite = new CompositeMessageSink(new DisposalSink(one), new DisposalSink(two), last);

        var thrown = await Assert.ThrowsAsync<AggregateException>(async () => await composite.DisposeAsync());

        Assert.Equal([one, two], thrown.InnerExceptions);
        Assert.True(last.Disposed);
    }

    [Fact]
    public async Task ASuppressedRecordASinkRefuses_IsRejectedWithTheSinksError_NotWithItsSuppressionReasonToo()
    {
        // A queue that refuses every record while it is full refuses suppressed ones too: the record becomes rejected at
        // write, and its account must not go on giving the reason it was suppressed.
        var kinds = new[] { TestCampaign.Kind.Good, TestCampaign.Kind.Suppressed };
        var collecting = new CollectingSink();
        await using var sink = new CompositeMessageSink(new RefusingSink(), collecting);

        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", new ChannelSettings(BatchChannel.Text)).RunAsync(TestCampaign.Records(TestCampaign.Jsonl(kinds)), sink);

        Assert.Equal("2 records: 0 rendered, 0 suppressed, 2 rejected", summary.ToString());
        var refused = collecting.Results[1];
        Assert.Equal((BatchStatus.Rejected, RejectStage.Write, "the queue is full", null), (refused.Status, refused.Stage, refused.Error, refused.Reason));
        Assert.Equal("{\"id\":\"r2\",\"status\":\"rejected\",\"error\":\"the queue is full\",\"stage\":\"write\"}", collecting.Text.Split('\n')[1]);
    }

    /// <summary>A sink that refuses every record.</summary>
    private sealed class RefusingSink : IMessageSink
    {
        public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken) => throw new MessageRejectedException("the queue is full");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>A sink that only records its disposal, and may fail it.</summary>
    private sealed class DisposalSink(Exception? failure) : IMessageSink
    {
        public bool Disposed { get; private set; }

        public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return failure is null ? ValueTask.CompletedTask : ValueTask.FromException(failure);
        }
    }
}
