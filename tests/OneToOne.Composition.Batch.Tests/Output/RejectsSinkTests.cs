using System.Diagnostics;
using System.Text.Json;

namespace OneToOne.Composition.Batch.Tests.Output;

public sealed class RejectsSinkTests
{
    [Fact]
    public async Task RejectsIntoAPipe_AreWrittenThroughIt_AndNoLockIsMadeBesideIt()
    {
        // --rejects /dev/stderr (or a named pipe a log shipper reads) failed at the first record: the file was cut to
        // length and sought, which a pipe cannot do ("Stream does not support seeking").
        using var temp = new TempDirectory();
        var pipe = temp.File("rejects.pipe");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [pipe]) { UseShellExecute = false })!)
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var reader = Task.Run(() => File.ReadAllText(pipe));
        var kinds = Enumerable.Range(0, 60).Select(static i => i % 20 == 3 ? TestCampaign.Kind.NonNumericIq : TestCampaign.Kind.Good).ToArray();
        BatchSummary summary;
        await using (var sink = new RejectsSink(pipe))
        {
            summary = await new BatchRunner(TestCampaign.Catalog, "monthly", new ChannelSettings(BatchChannel.Text), new BatchOptions { Schema = TestCampaign.Schema })
                .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(kinds)), sink);
        }

        var lines = (await reader.WaitAsync(Waits.Hang)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, summary.Rejected);
        Assert.Equal([4L, 24L, 44L], lines.Select(static l => JsonDocument.Parse(l).RootElement.GetProperty("number").GetInt64()));
        Assert.All(lines, static l =>
        {
            var reject = JsonDocument.Parse(l).RootElement;
            var n = reject.GetProperty("number").GetInt64();
            Assert.Equal($"r{n}", reject.GetProperty("id").GetString());
            Assert.Equal($"Line {n}: recipient 'r{n}': field 'iq' must be a number, but it is the text \"very high\". Fix the record, or the schema if it is wrong.", reject.GetProperty("error").GetString());
        });
        Assert.Equal([pipe], Directory.GetFileSystemEntries(temp.Path));
    }
}
