using System.Runtime.CompilerServices;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Batch.Tests.Input;

public sealed class RecipientRecordTests
{
    private static Recipient Ann => Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "ann", ["first_name"] = "Ann", ["iq"] = 100 });

    [Theory]
    [InlineData(0, 1, "number")]
    [InlineData(-3, 1, "number")]
    [InlineData(1, 0, "line")]
    public void Read_AndMalformed_RefuseAPositionBelowOne_NamingIt(long number, long line, string parameter)
    {
        var read = Assert.Throws<ArgumentOutOfRangeException>(() => RecipientRecord.Read(number, line, Ann));
        var malformed = Assert.Throws<ArgumentOutOfRangeException>(() => RecipientRecord.Malformed(number, line, "Line 1: bad."));

        Assert.Equal(parameter, read.ParamName);
        Assert.Equal(parameter, malformed.ParamName);
        Assert.Contains("1-based", read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAsyncSourceCountingFromZero_FailsAtItsFirstRecord_InsteadOfLosingItsRecordsUncounted()
    {
        // A record numbered 0 used to be taken for one a checkpoint had done (none has, so its last number is 0) and
        // dropped: the run "completed" with an input of 0 and nothing written.
        var sink = new CollectingSink();
        var runner = new BatchRunner(TestCampaign.Catalog, "monthly", new ChannelSettings(BatchChannel.Text));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => runner.RunAsync(CountingFrom(0, 3), sink));
        var summary = await runner.RunAsync(CountingFrom(1, 3), sink);

        Assert.Equal(3, summary.Input);
        Assert.Equal(3, summary.Rendered);
        Assert.Equal(["r1", "r2", "r3"], sink.Results.Select(r => r.Id));
    }

    [Theory]
    [InlineData(new long[] { 1, 2, 2 }, "record 2 came after record 2")]
    [InlineData(new long[] { 1, 3, 2, 4 }, "record 2 came after record 3")]
    public async Task AnAsyncSourceWhoseNumbersDoNotIncrease_StopsTheRun_SayingWhere(long[] numbers, string expected)
    {
        // A number repeated or going back would be skipped on a resume as one the checkpoint had done.
        var runner = new BatchRunner(TestCampaign.Catalog, "monthly", new ChannelSettings(BatchChannel.Text));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(Numbered(numbers), new CollectingSink()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(4, (await runner.RunAsync(Numbered([1, 2, 5, 9]), new CollectingSink())).Rendered);
    }

    private static async IAsyncEnumerable<RecipientRecord> Numbered(long[] numbers, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var number in numbers)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return RecipientRecord.Read(number, number, Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = $"n{number}", ["first_name"] = "N", ["iq"] = 100 }));
        }
    }

    private static async IAsyncEnumerable<RecipientRecord> CountingFrom(long first, int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            var number = first + i;
            var recipient = Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = $"r{i + 1}", ["first_name"] = "R", ["iq"] = 100 });
            yield return RecipientRecord.Read(number, number, recipient);
        }
    }
}
