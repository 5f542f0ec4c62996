using System.Text;
using OneToOne.Composition.Batch;

namespace OneToOne.Composition.Batch.Tests.Output;

public sealed class JsonLinesSinkTests
{
    [Fact]
    public async Task StreamSink_WritesTheSameBytesAsAUtf8TextWriter_AndNothingIsLostAtDispose()
    {
        // Rendered, suppressed and every kind of rejected record, with non-ASCII text, more than one 64 KB buffer of lines, and one line longer than the buffer.
        var kinds = Enumerable.Range(0, 3000).Select(TestCampaign.KindOf).Where(static k => k != TestCampaign.Kind.HugeField).Append(TestCampaign.Kind.HugeField).ToList();
        var jsonl = TestCampaign.Jsonl(kinds).Replace("Name1", "Zoë \\\"Ærin\\\" — Name1", StringComparison.Ordinal)
            + "{\"id\":\"big\",\"first_name\":\"" + new string('y', 70_000) + "\",\"iq\":100,\"unsubscribed\":false}\n";
        var runner = new BatchRunner(TestCampaign.Catalog, "monthly", new ChannelSettings(BatchChannel.Text), new BatchOptions { MaxDegreeOfParallelism = 2 });

        var text = new MemoryStream();
        await using (var writer = new StreamWriter(text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true))
        {
            await runner.RunAsync(TestCampaign.Records(jsonl), new JsonLinesSink(writer));
        }

        var bytes = new MemoryStream();
        var sink = new JsonLinesSink(bytes);
        var summary = await runner.RunAsync(TestCampaign.Records(jsonl), sink);
        await sink.DisposeAsync();

        Assert.True(text.Length > 64 * 1024, "the test should span more than one buffer");
        Assert.Equal(kinds.Count + 1, summary.Input);
        Assert.Contains(new string('y', 70_000), Encoding.UTF8.GetString(bytes.ToArray()), StringComparison.Ordinal);
        Assert.Contains("Zoë \\\"Ærin\\\" — Name1", Encoding.UTF8.GetString(bytes.ToArray()), StringComparison.Ordinal);
        Assert.Equal(text.ToArray(), bytes.ToArray());
    }

    [Fact]
    public async Task ASlotPlacedByTwoModules_IsOneKeyOfSlots()
    {
        // Both modules of a pick-all slot place the slot "inner": it is decided once, and the line names it once.
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: twice
            modules:
              a: "A {{ slot 'inner' }}"
              b: "B {{ slot 'inner' }}"
              x: "inside"
            slots:
              outer: { pick: all, from: [a, b] }
              inner: { from: [x] }
            messages:
              m:
                body: "{{ slot 'outer' }}"
            """);
        var bytes = new MemoryStream();
        await using (var sink = new JsonLinesSink(bytes))
        {
            await new BatchRunner(catalog, "m", new ChannelSettings(BatchChannel.Text)).RunAsync(TestCampaign.Records("{\"id\":\"r1\"}\n"), sink);
        }

        var line = Encoding.UTF8.GetString(bytes.ToArray());
        Assert.Contains("\"slots\":{\"outer\":[\"a\",\"b\"],\"inner\":[\"x\"]}", line, StringComparison.Ordinal);
        Assert.Contains("A inside", line, StringComparison.Ordinal);
        Assert.Contains("B inside", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamSink_WritesWhatItGathered_WhenDisposedWithoutCompleting()
    {
        // A run that stops early never completes its sinks: disposing must still write the lines taken so far.
        var bytes = new MemoryStream();
        var sink = new JsonLinesSink(bytes);
        await sink.WriteAsync(BatchResult.Rejected(1, "r1", RejectStage.Read, "Line 1: broken"), CancellationToken.None);
        Assert.Equal(0, bytes.Length);

        await sink.DisposeAsync();

        Assert.Equal("{\"id\":\"r1\",\"status\":\"rejected\",\"error\":\"Line 1: broken\",\"stage\":\"read\"}\n", Encoding.UTF8.GetString(bytes.ToArray()));
    }
}
