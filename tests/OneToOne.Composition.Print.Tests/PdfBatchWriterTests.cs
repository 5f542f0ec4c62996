using System.Text;
using System.Text.Json;
using UglyToad.PdfPig;

namespace OneToOne.Composition.Print.Tests;

public sealed class PdfBatchWriterTests
{
    [Fact]
    public void Batch_MergedPdfHasTheSummedPageCount_AndAnAccurateManifest()
    {
        var messages = new List<(string Id, RenderedMessage Message, int Pages)>();
        foreach (var recipient in PrintTestData.ExampleRecipients().Take(4))
        {
            var message = PrintTestData.ExampleMessage(recipient);
            messages.Add((recipient.GetProperty("id").GetString()!, message, PrintTestData.PageCount(PrintTestData.Renderer.Render(message))));
        }

        var longMessage = PrintTestData.Message(PdfRendererTests.LongMarkdown(60).Replace("\n", "\n", StringComparison.Ordinal));
        messages.Insert(2, ("long", longMessage, PrintTestData.PageCount(PrintTestData.Renderer.Render(longMessage))));

        using var output = new MemoryStream();
        PrintManifest manifest;
        using (var writer = new PdfBatchWriter(output))
        {
            foreach (var (id, message, _) in messages)
            {
                writer.Add(id, message);
            }

            manifest = writer.Complete();
        }

        var expectedPages = messages.Sum(m => m.Pages);
        Assert.Equal(expectedPages, manifest.TotalPages);
        Assert.Equal(messages.Select(m => m.Id), manifest.Entries.Select(e => e.RecipientId));
        Assert.True(messages.Single(m => m.Id == "long").Pages > 1);

        using var document = PrintTestData.Open(output.ToArray());
        Assert.Equal(expectedPages, document.NumberOfPages);
        var next = 1;
        foreach (var (entry, expected) in manifest.Entries.Zip(messages))
        {
            Assert.Equal(next, entry.FirstPage);
            Assert.Equal(expected.Pages, entry.PageCount);
            next += entry.PageCount;

            // Each message starts on its own page, with its own page numbering.
            var first = document.GetPage(entry.FirstPage).Text;
            Assert.Contains($"Page 1 of {entry.PageCount}", first, StringComparison.Ordinal);
        }

        var zoe = manifest.Entries.Single(e => e.RecipientId == "c001");
        Assert.Contains("Zoë", string.Join(" ", document.GetPage(zoe.FirstPage).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
        Assert.Contains("/c001", Encoding.Latin1.GetString(output.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_NamedDestinations_KeepNonAsciiRecipientIds_AsUtf8()
    {
        using var output = new MemoryStream();
        using (var writer = new PdfBatchWriter(output))
        {
            writer.Add("Jürgen", PrintTestData.Message("One"));
            writer.Add("Jörgen", PrintTestData.Message("Two"));
        }

        // PDF names are bytes, written #XX outside printable ASCII: the two ids must not both become "J?rgen".
        var bytes = Encoding.Latin1.GetString(output.ToArray());
        Assert.Contains("/J#C3#BCrgen", bytes, StringComparison.Ordinal);
        Assert.Contains("/J#C3#B6rgen", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("/J?rgen", bytes, StringComparison.Ordinal);
    }

    [Fact]
    public void Batch_NamedDestinations_OfIdsWithControlCharacters_AreWholeAndDistinct()
    {
        using var output = new MemoryStream();
        using (var writer = new PdfBatchWriter(output))
        {
            writer.Add("a\0b", PrintTestData.Message("One"));
            writer.Add("a\0c", PrintTestData.Message("Two"));
            writer.Add("a\u0001b", PrintTestData.Message("Three"));
        }

        // A NUL ended the name Skia was given: both of the first two were "/a", one key twice in /Dests.
        // The NUL is written as its control picture (U+2400), the only character a PDF name cannot hold as a byte.
        Assert.Equal(new[] { "a\u0001b", "a\u2400b", "a\u2400c" }.Order(StringComparer.Ordinal), DestinationNames(output.ToArray()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Batch_NamedDestinations_OfTheSameId_AreMadeUniqueByTheEntryNumber_Deterministically()
    {
        byte[] Write()
        {
            using var output = new MemoryStream();
            using (var writer = new PdfBatchWriter(output))
            {
                writer.Add("record-2", PrintTestData.Message("A record without an id, named by its record number"));
                writer.Add("record-2", PrintTestData.Message("A recipient whose id is record-2"));
                writer.Add("record-2-2", PrintTestData.Message("And one whose id is record-2-2"));
                writer.Add("x", PrintTestData.Message("x"));
            }

            return output.ToArray();
        }

        var pdf = Write();

        Assert.Equal(["record-2", "record-2-2", "record-2-2-3", "x"], DestinationNames(pdf).Order(StringComparer.Ordinal));
        Assert.Equal(pdf, Write());
    }

    [Fact]
    public void Batch_Duplex_StartsEveryMessageOnAnOddPage()
    {
        var oneLong = PrintTestData.Message(PdfRendererTests.LongMarkdown(40));
        var pages = PrintTestData.PageCount(PrintTestData.Renderer.Render(oneLong));
        Assert.Equal(1, pages % 2);

        using var output = new MemoryStream();
        using var writer = new PdfBatchWriter(output, PrintOptions.Default with { Duplex = true });
        writer.Add("a", oneLong);
        writer.Add("b", PrintTestData.Message("short"));
        writer.Add("c", PrintTestData.Message("short too"));
        var manifest = writer.Complete();

        Assert.All(manifest.Entries, e => Assert.Equal(1, e.FirstPage % 2));
        Assert.Equal(pages + 2, manifest.Entries[1].FirstPage);
        Assert.Equal(pages + 4, manifest.Entries[2].FirstPage);
        Assert.Equal(pages + 4, manifest.TotalPages);
        Assert.Equal(manifest.TotalPages, PrintTestData.PageCount(output.ToArray()));
    }

    [Fact]
    public void Batch_RecordThatCannotPrint_IsRejectedAlone()
    {
        using var output = new MemoryStream();
        using var writer = new PdfBatchWriter(output);
        writer.Add("ok-1", PrintTestData.Message("Hello {{ name }}", new Dictionary<string, object?> { ["name"] = "Zoë" }));
        var failure = Assert.Throws<PrintException>(() =>
            writer.Add("bad", PrintTestData.Message("Hello {{ name }}", new Dictionary<string, object?> { ["name"] = "\U00013000" })));
        Assert.Equal(0x13000, failure.CodePoint);
        writer.Add("ok-2", PrintTestData.Message("Hello {{ name }}", new Dictionary<string, object?> { ["name"] = "Søren" }));
        var manifest = writer.Complete();

        Assert.Equal(["ok-1", "ok-2"], manifest.Entries.Select(e => e.RecipientId));
        var text = PrintTestData.AllText(output.ToArray());
        Assert.Contains("Hello Zoë", text, StringComparison.Ordinal);
        Assert.Contains("Hello Søren", text, StringComparison.Ordinal);
        Assert.Equal(2, PrintTestData.PageCount(output.ToArray()));
    }

    [Fact]
    public void Batch_SameMessagesTwice_IsByteIdentical()
    {
        static byte[] Run()
        {
            using var output = new MemoryStream();
            using (var writer = new PdfBatchWriter(output))
            {
                foreach (var recipient in PrintTestData.ExampleRecipients().Take(3))
                {
                    writer.Add(recipient.GetProperty("id").GetString()!, PrintTestData.ExampleMessage(recipient));
                }
            }

            return output.ToArray();
        }

        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void Batch_AfterComplete_RefusesMoreMessages()
    {
        using var output = new MemoryStream();
        using var writer = new PdfBatchWriter(output);
        writer.Add("a", PrintTestData.Message("a"));
        writer.Complete();
        Assert.Throws<InvalidOperationException>(() => writer.Add("b", PrintTestData.Message("b")));
    }

    [Fact]
    public void Manifest_ToJson_ListsPageRanges()
    {
        var manifest = new PrintManifest([new PrintManifestEntry("c001", 1, 2), new PrintManifestEntry("c002", 3, 1)], 3);
        using var json = JsonDocument.Parse(manifest.ToJson());
        Assert.Equal(3, json.RootElement.GetProperty("totalPages").GetInt32());
        var second = json.RootElement.GetProperty("entries")[1];
        Assert.Equal("c002", second.GetProperty("recipientId").GetString());
        Assert.Equal(3, second.GetProperty("firstPage").GetInt32());
        Assert.Equal(1, second.GetProperty("pageCount").GetInt32());
        Assert.Equal(3, second.GetProperty("lastPage").GetInt32());
    }

    /// <summary>The keys of a PDF's /Dests dictionary, #XX escapes decoded as UTF-8.</summary>
    private static List<string> DestinationNames(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var reference = System.Text.RegularExpressions.Regex.Match(text, @"/Dests (\d+) 0 R");
        Assert.True(reference.Success, "no /Dests in the catalog");
        var dests = System.Text.RegularExpressions.Regex.Match(text, @"\n" + reference.Groups[1].Value + @" 0 obj\s*<<(.*?)>>\s*endobj", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(dests.Success, "no /Dests dictionary");
        return
        [
            .. System.Text.RegularExpressions.Regex.Matches(dests.Groups[1].Value, @"/([^\s\[\]/<>()]+)\s*\[")
                .Select(static m => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(System.Text.RegularExpressions.Regex.Replace(
                    m.Groups[1].Value, "#([0-9A-Fa-f]{2})", static h => ((char)Convert.ToByte(h.Groups[1].Value, 16)).ToString())))),
        ];
    }
}
