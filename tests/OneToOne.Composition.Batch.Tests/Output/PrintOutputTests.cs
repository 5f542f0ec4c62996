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
        var settings = new ChannelSettings(BatchChannel.Print) { Pdf = new PdfRenderer(options) };
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

    /// <summary>The width and height of each page of a PDF, in points, as SkiaSharp writes them.</summary>
    private static List<string> MediaBoxes(string pdf) =>
        [.. MediaBox().Matches(Encoding.Latin1.GetString(File.ReadAllBytes(pdf))).Select(static m => m.Groups[1].Value)];

    [GeneratedRegex(@"/MediaBox \[0 0 (\d+ \d+)\]")]
    private static partial Regex MediaBox();
}
