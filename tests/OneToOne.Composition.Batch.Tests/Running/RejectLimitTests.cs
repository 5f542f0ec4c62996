namespace OneToOne.Composition.Batch.Tests.Running;

public sealed class RejectLimitTests
{
    [Theory]
    [InlineData("29%", 29, 100)]
    [InlineData("57%", 57, 100)]
    [InlineData("0.7%", 7, 1000)]
    public void APercentage_ExactlyReached_IsNotExceeded_OneRejectMoreIs(string text, long rejected, long done)
    {
        // In double arithmetic 0.29 * 100 is 28.999999999999996, which 29 rejects of 100 were taken to exceed.
        Assert.True(RejectLimit.TryParse(text, out var limit, out _));

        Assert.Null(limit.Exceeded(rejected, done));
        Assert.StartsWith($"{rejected + 1} of {done} records were rejected", limit.Exceeded(rejected + 1, done), StringComparison.Ordinal);
    }
}
