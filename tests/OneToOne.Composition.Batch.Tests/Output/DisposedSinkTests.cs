using OneToOne.Composition.Print;

namespace OneToOne.Composition.Batch.Tests.Output;

/// <summary>
/// A file sink disposed before it wrote has given up its lock: the output may belong to another run by now. Written to, it
/// opened its file again without the lock, emptying the other run's list (or cutting back its <c>results.jsonl</c>, deleting
/// its temporary files and adding its own record's file among the other run's).
/// </summary>
public sealed class DisposedSinkTests
{
    private static readonly BatchRunner Runner = new(TestCampaign.Catalog, "monthly", new ChannelSettings(BatchChannel.Text), new BatchOptions { MaxDegreeOfParallelism = 1 });

    [Fact]
    public async Task ARejectsSinkDisposedBeforeItWrote_RefusesARun_AndLeavesTheFileToTheRunHoldingItNow()
    {
        using var temp = new TempDirectory();
        var path = temp.File("rejects.jsonl");
        var disposed = new RejectsSink(path);
        await disposed.DisposeAsync();
        await using var holder = new RejectsSink(path);
        await Runner.RunAsync(TestCampaign.Records(TestCampaign.Line(1, TestCampaign.Kind.MissingField) + "\n"), holder);
        var held = await File.ReadAllTextAsync(path);

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => Runner.RunAsync(TestCampaign.Records(TestCampaign.Line(2, TestCampaign.Kind.NotJson) + "\n"), disposed));

        Assert.StartsWith("{\"number\":1,\"id\":\"r1\",\"stage\":", held, StringComparison.Ordinal);
        Assert.Equal(held, await File.ReadAllTextAsync(path));
        Assert.Equal(typeof(RejectsSink).FullName, error.ObjectName);
    }

    [Fact]
    public async Task ADirectorySinkDisposedBeforeItWrote_RefusesARun_AndLeavesTheFolderToTheRunHoldingItNow()
    {
        using var temp = new TempDirectory();
        var folder = temp.File("out");
        var settings = new ChannelSettings(BatchChannel.Text);
        var disposed = new DirectorySink(folder, settings);
        await disposed.DisposeAsync();
        await using var holder = new DirectorySink(folder, settings);
        await Runner.RunAsync(TestCampaign.Records(TestCampaign.Line(1, TestCampaign.Kind.Good) + "\n"), holder);
        var results = await File.ReadAllTextAsync(Path.Combine(folder, DirectorySink.ResultsFileName));

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => Runner.RunAsync(TestCampaign.Records(TestCampaign.Line(2, TestCampaign.Kind.Good) + "\n"), disposed));

        Assert.Equal(typeof(DirectorySink).FullName, error.ObjectName);
        Assert.StartsWith("{\"id\":\"r1\",\"status\":\"rendered\"", results, StringComparison.Ordinal);
        Assert.Equal(results, await File.ReadAllTextAsync(Path.Combine(folder, DirectorySink.ResultsFileName)));
        Assert.Equal(["r1.txt"], Directory.GetFiles(folder, "*.txt").Select(Path.GetFileName));
    }

    /// <summary>
    /// A merged PDF sink disposed before it wrote refused a printed record with its batch writer's name
    /// (<c>PdfBatchWriter</c>, a type the run never handed it) and took a suppressed one as if open; like the other file
    /// sinks, it now refuses any record in its own name, and a completed one refuses more pages.
    /// </summary>
    [Fact]
    public async Task AMergedPdfSinkDisposedBeforeItWrote_RefusesARun_InItsOwnName_AndACompletedOneRefusesMorePages()
    {
        using var temp = new TempDirectory();
        var settings = new ChannelSettings(BatchChannel.Print) { Documents = new PdfBatchRenderer() };
        var runner = new BatchRunner(TestCampaign.Catalog, "monthly", settings, new BatchOptions { MaxDegreeOfParallelism = 1 });
        var disposed = new MergedPdfSink(temp.File("all.pdf"), PrintOptions.Default);
        await disposed.DisposeAsync();

        var printed = await Assert.ThrowsAsync<ObjectDisposedException>(() => runner.RunAsync(TestCampaign.Records(TestCampaign.Line(1, TestCampaign.Kind.Good) + "\n"), disposed));
        var suppressed = await Assert.ThrowsAsync<ObjectDisposedException>(async () => await disposed.WriteAsync(await Result(TestCampaign.Kind.Suppressed), default));

        Assert.Equal(typeof(MergedPdfSink).FullName, printed.ObjectName);
        Assert.Equal(typeof(MergedPdfSink).FullName, suppressed.ObjectName);
        Assert.False(File.Exists(temp.File("all.pdf")));

        await using var completed = new MergedPdfSink(temp.File("all.pdf"), PrintOptions.Default);
        await runner.RunAsync(TestCampaign.Records(TestCampaign.Line(1, TestCampaign.Kind.Good) + "\n"), completed);
        var pdf = await File.ReadAllBytesAsync(temp.File("all.pdf"));
        var more = await Assert.ThrowsAsync<InvalidOperationException>(async () => await completed.WriteAsync(await Result(TestCampaign.Kind.Good), default));
        Assert.Contains("is completed; record 'r2' cannot be added to it", more.Message, StringComparison.Ordinal);
        Assert.Equal(pdf, await File.ReadAllBytesAsync(temp.File("all.pdf")));

        async Task<BatchResult> Result(TestCampaign.Kind kind)
        {
            await using var sink = new CollectingSink();
            await runner.RunAsync(TestCampaign.Records(TestCampaign.Line(2, kind) + "\n"), sink);
            return sink.Results[0];
        }
    }
}
