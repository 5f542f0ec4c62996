using System.Text;
using System.Text.RegularExpressions;
using OneToOne.Composition.Print;
using static OneToOne.Composition.Batch.Tests.TestCampaign.Kind;

namespace OneToOne.Composition.Batch.Tests.Output;

/// <summary>A print run's PDFs: what the catalog's <c>print:</c> block leaves out comes from the run's print options.</summary>
public sealed partial class PrintOutputTests
{
    [Fact]
    public async Task LetterAndDuplexOptions_ShapeThePerRecordAndTheMergedPdfs_WhenTheCatalogSaysNothing()
    {
        using var temp = new TempDirectory();
        var options = PrintOptions.Default with { PageSize = PrintPageSize.Letter, Duplex = true };
        var settings = new ChannelSettings(BatchChannel.Print) { Documents = new PdfBatchRenderer(new PdfRenderer(options)) };
        var merged = new MergedPdfSink(temp.File("all.pdf"), options);
        await using (var sink = new CompositeMessageSink(new DirectorySink(temp.File("out"), settings), merged))
        {
            var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", settings, new BatchOptions { MaxDegreeOfParallelism = 1 })
                .RunAsync(TestCampaign.Records(TestCampaign.Jsonl([Good, Good, Good])), sink);
            Assert.Equal(3, summary.Rendered);
        }

        // TestCampaign's message has no print: block, so every page is Letter, and duplex puts each recipient on an odd page.
        foreach (var id in new[] { "r1", "r2", "r3" })
        {
            Assert.Equal(["612 792"], MediaBoxes(temp.File(Path.Combine("out", id + ".pdf"))));
        }

        Assert.Equal([1, 3, 5], merged.Manifest!.Entries.Select(static e => e.FirstPage));
        Assert.Equal(5, merged.Manifest.TotalPages);
        Assert.Equal(Enumerable.Repeat("612 792", 5), MediaBoxes(temp.File("all.pdf")));
    }

    [Fact]
    public async Task UnprintableRecipient_IsRejected_NamingItsIdAndTheMessage()
    {
        var settings = new ChannelSettings(BatchChannel.Print) { Documents = new PdfBatchRenderer() };
        var jsonl = TestCampaign.Line(1, Good) + "\n" + """{"id":"r2","first_name":"Zoë \ud80c\udc00","iq":90,"unsubscribed":false}""" + "\n" + TestCampaign.Line(3, Good) + "\n";
        var sink = new CollectingSink();
        await using (sink)
        {
            await new BatchRunner(TestCampaign.Catalog, "monthly", settings, new BatchOptions { MaxDegreeOfParallelism = 1 })
                .RunAsync(TestCampaign.Records(jsonl), sink);
        }

        Assert.Equal([BatchStatus.Rendered, BatchStatus.Rejected, BatchStatus.Rendered], sink.Results.Select(static r => r.Status));
        var rejected = sink.Results[1];
        Assert.Equal(RejectStage.Render, rejected.Stage);
        Assert.StartsWith("Recipient 'r2', message 'monthly': cannot be printed: The character '\U00013000' (U+13000) is not in any configured font", rejected.Error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A merged run that prints no page removes the PDF an earlier run left, so its letters are not taken for this run's
    /// beside a manifest that lists nothing; a run handed no record leaves the earlier PDF and manifest as they were.
    /// </summary>
    [Fact]
    public async Task AMergedRunThatPrintsNothing_RemovesTheEarlierPdf_ARunOverNoRecordLeavesBoth()
    {
        using var temp = new TempDirectory();
        var settings = new ChannelSettings(BatchChannel.Print) { Documents = new PdfBatchRenderer() };
        async Task<MergedPdfSink> Run(params TestCampaign.Kind[] kinds)
        {
            var merged = new MergedPdfSink(temp.File("all.pdf"), PrintOptions.Default);
            await using (merged)
            {
                await new BatchRunner(TestCampaign.Catalog, "monthly", settings, new BatchOptions { MaxDegreeOfParallelism = 1 })
                    .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(kinds)), merged);
            }

            return merged;
        }

        await Run(Good, Good);
        var manifest = File.ReadAllText(temp.File("all.manifest.json"));
        var empty = await Run();
        Assert.Null(empty.Manifest);
        Assert.True(File.Exists(temp.File("all.pdf")));
        Assert.Equal(manifest, File.ReadAllText(temp.File("all.manifest.json")));

        var suppressed = await Run(Suppressed, Suppressed);

        Assert.Empty(suppressed.Manifest!.Entries);
        Assert.False(File.Exists(temp.File("all.pdf")));
        Assert.Contains("\"entries\": []", File.ReadAllText(temp.File("all.manifest.json")), StringComparison.Ordinal);
    }

    /// <summary>
    /// The earlier run's manifest is removed before the new PDF takes FILE's place: the manifest was written last, so a
    /// crash (or failure) in between left the new letters beside the earlier run's page ranges, each recipient's pages
    /// then sent to another's address.
    /// </summary>
    [Fact]
    public async Task AMergedRunThatFailsToPlaceItsPdf_LeavesNoEarlierManifestBehind()
    {
        using var temp = new TempDirectory();
        var settings = new ChannelSettings(BatchChannel.Print) { Documents = new PdfBatchRenderer() };
        async Task Run(params TestCampaign.Kind[] kinds)
        {
            await using var merged = new MergedPdfSink(temp.File("all.pdf"), PrintOptions.Default);
            await new BatchRunner(TestCampaign.Catalog, "monthly", settings, new BatchOptions { MaxDegreeOfParallelism = 1 })
                .RunAsync(TestCampaign.Records(TestCampaign.Jsonl(kinds)), merged);
        }

        await Run(Good, Good);
        Assert.True(File.Exists(temp.File("all.manifest.json")));
        File.Delete(temp.File("all.pdf"));
        Directory.CreateDirectory(temp.File("all.pdf"));
        File.WriteAllText(Path.Combine(temp.File("all.pdf"), "x"), "x");

        await Assert.ThrowsAnyAsync<IOException>(() => Run(Good));

        Assert.False(File.Exists(temp.File("all.manifest.json")));
    }

    /// <summary>The width and height of each page of a PDF, in points, as SkiaSharp writes them.</summary>
    [Fact]
    public async Task AMergedPdfThroughALink_ReplacesTheFileItLeadsTo_ADeviceIsRefusedUntouched()
    {
        // --merge latest.pdf (a link to the day's file) put a file in the link's place, and --merge /dev/stdout (or
        // /dev/null) was renamed over, or deleted when nothing printed: as root, the system's own.
        using var temp = new TempDirectory();
        Directory.CreateDirectory(temp.File("runs"));
        File.CreateSymbolicLink(temp.File("latest.pdf"), Path.Combine("runs", "day.pdf"));
        var settings = new ChannelSettings(BatchChannel.Print) { Documents = new PdfBatchRenderer() };
        await using (var merged = new MergedPdfSink(temp.File("latest.pdf"), PrintOptions.Default))
        {
            await new BatchRunner(TestCampaign.Catalog, "monthly", settings, new BatchOptions { MaxDegreeOfParallelism = 1 })
                .RunAsync(TestCampaign.Records(TestCampaign.Jsonl([Good, Good])), merged);
            Assert.Equal(temp.File(Path.Combine("runs", "day.pdf")), merged.PdfPath);
        }

        Assert.Equal(Path.Combine("runs", "day.pdf"), new FileInfo(temp.File("latest.pdf")).LinkTarget);
        Assert.Equal(2, MediaBoxes(temp.File("latest.pdf")).Count);
        Assert.True(File.Exists(temp.File(Path.Combine("runs", "day.manifest.json"))));

        File.CreateSymbolicLink(temp.File("device.pdf"), "/dev/null");
        var refused = Assert.Throws<IOException>(() => new MergedPdfSink(temp.File("device.pdf"), PrintOptions.Default));
        Assert.StartsWith($"'{temp.File("device.pdf")}' is no regular file (a terminal, a pipe or a device such as /dev/null)", refused.Message, StringComparison.Ordinal);
        Assert.Equal("/dev/null", new FileInfo(temp.File("device.pdf")).LinkTarget);
    }

    private static List<string> MediaBoxes(string pdf) =>
        [.. MediaBox().Matches(Encoding.Latin1.GetString(File.ReadAllBytes(pdf))).Select(static m => m.Groups[1].Value)];

    [GeneratedRegex(@"/MediaBox \[0 0 (\d+ \d+)\]")]
    private static partial Regex MediaBox();
}
