using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Batch.Tests.Running;

/// <summary>What a library user is told when an argument is wrong: the exception's type and the option it names.</summary>
public sealed class BatchArgumentTests
{
    private static readonly ChannelSettings Text = new(BatchChannel.Text);

    [Theory]
    [InlineData(0, null, "BatchOptions.MaxDegreeOfParallelism")]
    [InlineData(-4, null, "BatchOptions.MaxDegreeOfParallelism")]
    [InlineData(4097, null, "BatchOptions.MaxDegreeOfParallelism must be from 1 to 4096")]
    [InlineData(int.MaxValue, null, "BatchOptions.MaxDegreeOfParallelism must be from 1 to 4096")]
    [InlineData(2, 0, "BatchOptions.MaxInFlight")]
    public void BatchRunner_AnOptionOutOfItsRange_IsAnArgumentOutOfRangeException_NamingTheOption(int parallelism, int? inFlight, string named)
    {
        var options = new BatchOptions { MaxDegreeOfParallelism = parallelism, MaxInFlight = inFlight };

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchRunner(TestCampaign.Catalog, "monthly", Text, options));

        Assert.Equal("options", e.ParamName);
        Assert.Contains(named, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchRunner_ANegativeProgressIntervalOrTotal_IsAnArgumentOutOfRangeException_NamingTheOption()
    {
        var interval = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { ProgressInterval = TimeSpan.FromSeconds(-1) }));
        var total = Assert.Throws<ArgumentOutOfRangeException>(() => new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { TotalRecords = -1 }));

        Assert.Contains("BatchOptions.ProgressInterval", interval.Message, StringComparison.Ordinal);
        Assert.Contains("BatchOptions.TotalRecords", total.Message, StringComparison.Ordinal);
        Assert.NotNull(new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { ProgressInterval = TimeSpan.Zero, TotalRecords = 0 }));
    }

    [Fact]
    public void ContactHistoryObserver_AChannelThatIsNoneOfBatchChannels_IsRefused_NotRecordedAsText()
    {
        // An undefined channel (a value cast from configuration) was recorded as "text": every contact of the run counted
        // against plain-text caps, and none against the channel the run was for.
        var history = new InMemoryContactHistory();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ContactHistoryObserver(history, DateTimeOffset.UnixEpoch, "run-1", (BatchChannel)7));
        var named = Assert.Throws<ArgumentOutOfRangeException>(() => ChannelSettings.ContactChannel((BatchChannel)7));

        Assert.Equal("channel", e.ParamName);
        Assert.Equal((BatchChannel)7, e.ActualValue);
        Assert.Contains("none of BatchChannel.Text, Web, Email and Print", named.Message, StringComparison.Ordinal);
        Assert.Equal(["text", "web", "email", "print"], Enum.GetValues<BatchChannel>().Select(ChannelSettings.ContactChannel));
    }

    [Fact]
    public void BatchOptions_ANullTimeProvider_IsRefusedWhenSet_NotANullReferenceExceptionWhenTheRunStarts()
    {
        var e = Assert.Throws<ArgumentNullException>(() => BatchOptions.Default with { TimeProvider = null! });

        Assert.Equal(nameof(BatchOptions.TimeProvider), e.ParamName);
        Assert.Contains("BatchOptions.TimeProvider cannot be null", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ContactHistoryObserver_ANullHistoryOrRunId_IsRefusedWhenMade_NotWhenTheFirstRecordIsWritten()
    {
        var history = new InMemoryContactHistory();

        Assert.Equal("history", Assert.Throws<ArgumentNullException>(() => new ContactHistoryObserver(null!, DateTimeOffset.UnixEpoch, "run-1", BatchChannel.Email)).ParamName);
        Assert.Equal("runId", Assert.Throws<ArgumentNullException>(() => new ContactHistoryObserver(history, DateTimeOffset.UnixEpoch, null!, BatchChannel.Email)).ParamName);
        Assert.Equal("runId", Assert.Throws<ArgumentException>(() => new ContactHistoryObserver(history, DateTimeOffset.UnixEpoch, "", BatchChannel.Email)).ParamName);
    }

    [Fact]
    public void AnUndefinedChannelOrFormat_IsRefused_NotTakenForTextOrJsonLines()
    {
        var channel = Assert.Throws<ArgumentException>(() => new BatchRunner(TestCampaign.Catalog, "monthly", new ChannelSettings((BatchChannel)9)));
        var stream = Assert.Throws<ArgumentOutOfRangeException>(() => RecipientReader.Read(new MemoryStream("{\"id\":\"a\"}\n"u8.ToArray()), (RecipientFormat)7));
        var text = Assert.Throws<ArgumentOutOfRangeException>(() => RecipientReader.Read(new StringReader("{\"id\":\"a\"}\n"), (RecipientFormat)7));

        Assert.Equal("channel", channel.ParamName);
        Assert.Contains("ChannelSettings.Channel is 9", channel.Message, StringComparison.Ordinal);
        Assert.Equal("format", stream.ParamName);
        Assert.Equal("format", text.ParamName);
    }
}
