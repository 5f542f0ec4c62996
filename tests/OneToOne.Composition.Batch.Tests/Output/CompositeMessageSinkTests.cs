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
