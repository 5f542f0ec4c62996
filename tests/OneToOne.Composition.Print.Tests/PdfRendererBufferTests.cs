using System.Text;
using OneToOne.Composition.Print.Drawing;
using OneToOne.Composition.Recipients;
using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Print.Tests;

/// <summary>
/// <see cref="PdfRenderer.Render(PrintContent)"/> writes each PDF into a buffer its thread keeps, and copies it once into an
/// array of the PDF's length with the language declared (<see cref="PdfLanguage"/>): the bytes are the ones the stream
/// overload writes, whatever the thread wrote before.
/// </summary>
public sealed class PdfRendererBufferTests
{
    private static readonly string[] Names = ["Zoë", "Łukasz", "Nguyễn", "Ann & Bob", "Renée \"Ree\"", "Ærø Straße", "مريم", "Ωmega", "Ĳsselmeer ﬁ", new string('W', 300)];

    [Fact]
    public void Render_TheExamplesPieces_AreTheStreamsBytes_WithTheRecipientsLanguageDeclaredOnce()
    {
        var renderer = new PdfRenderer();
        var pieces = Pieces().ToList();
        Assert.True(pieces.Count > 40, $"{pieces.Count} pieces");
        foreach (var piece in pieces)
        {
            var bytes = renderer.Render(piece);
            using var stream = new MemoryStream();
            renderer.Render(piece, stream);

            Assert.Equal(stream.ToArray(), bytes);
            var text = Encoding.Latin1.GetString(bytes);
            Assert.Equal(text.IndexOf($"/Lang ({piece.Language})", StringComparison.Ordinal), text.LastIndexOf("/Lang (", StringComparison.Ordinal));
            Assert.EndsWith("%%EOF\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_AfterALongerPdfOnTheSameThread_WritesTheBytesAFreshThreadWrites()
    {
        var renderer = new PdfRenderer();
        var pieces = Pieces().Take(3).ToArray();
        var random = new Random(5);
        var text = new StringBuilder();
        for (var i = 0; i < 8000; i++)
        {
            text.Append(random.Next()).Append(' ').Append((i % 4) switch { 0 => "**Bold**", 1 => "*Italic*", 2 => "***Both***", _ => "`Mono`" }).Append(i % 12 == 11 ? "\n\n" : " ");
        }

        var longer = PrintTestData.Message(text.ToString());
        var fresh = new byte[pieces.Length][];
        var freshMessage = Array.Empty<byte>();
        var thread = new Thread(() =>
        {
            for (var i = 0; i < pieces.Length; i++)
            {
                fresh[i] = renderer.Render(pieces[i]);
            }

            freshMessage = renderer.Render(PrintTestData.ExampleMessage(PrintTestData.ExampleRecipients()[0]));
        });
        thread.Start();
        thread.Join();

        for (var i = 0; i < pieces.Length; i++)
        {
            var longerPdf = renderer.Render(longer);
            Assert.True(longerPdf.Length > fresh[i].Length, $"{longerPdf.Length} bytes, the piece {fresh[i].Length}");
            Assert.Equal(fresh[i], renderer.Render(pieces[i]));
            using var stream = new MemoryStream();
            renderer.Render(pieces[i], stream);
            Assert.Equal(fresh[i], stream.ToArray());
        }

        renderer.Render(longer);
        Assert.Equal(freshMessage, renderer.Render(PrintTestData.ExampleMessage(PrintTestData.ExampleRecipients()[0])));
    }

    [Fact]
    public void Render_APiece_AllocatesAFewTimesThePdf_NotItsCopiesAndEachFaceTableByTable()
    {
        // Before: the PDF written into a growing buffer, copied into another growing one, copied out (some 5 times its
        // length), a 64 KB chunk for Skia's writes, and each face's subset cut table by table (about 180 KB a face):
        // 1.48 MB for the example's 88 KB letter; and declaring the language read the file from its catalog on as a string
        // (another 175 KB). Now the PDF is copied once out of the thread's buffer: about 217 KB in all.
        var renderer = new PdfRenderer();
        var piece = Pieces().First();
        var pdf = renderer.Render(piece);
        renderer.Render(piece);

        var before = GC.GetAllocatedBytesForCurrentThread();
        renderer.Render(piece);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 4 * pdf.Length, $"printing a {pdf.Length:N0}-byte letter allocated {allocated:N0} bytes");
    }

    [Fact]
    public void DeclaringTheLanguage_ReadsOnlyTheCatalogAndTrailerAsText_NotTheWholeFile()
    {
        // SkiaSharp writes the catalog before the pages: reading from it to the cross-reference section as a string was
        // twice the PDF's length again (175 KB for the example's 88 KB letter).
        using var stream = new MemoryStream();
        var piece = Pieces().First();
        new PdfRenderer().Render(piece, stream);
        var withLanguage = stream.ToArray();
        var text = Encoding.Latin1.GetString(withLanguage);
        var skiaEnd = text.LastIndexOf("%%EOF\n", text.LastIndexOf("xref\n0 1\n", StringComparison.Ordinal), StringComparison.Ordinal) + 6;
        var pdf = withLanguage.AsSpan(0, skiaEnd).ToArray();
        byte[] rewritten = [.. pdf, .. PdfLanguage.UpdateFor(pdf, piece.Language)!];
        Assert.Equal(withLanguage, rewritten);

        PdfLanguage.UpdateFor(pdf, piece.Language);
        var before = GC.GetAllocatedBytesForCurrentThread();
        PdfLanguage.UpdateFor(pdf, piece.Language);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 16_384, $"declaring the language of a {pdf.Length:N0}-byte PDF allocated {allocated:N0} bytes");
    }

    /// <summary>The example's print pieces for its recipients, and for some of them again under names in other scripts.</summary>
    private static IEnumerable<PrintContent> Pieces()
    {
        var catalog = HostileRecipients.Beer;
        var recipients = HostileRecipients.BeerRecipients;
        for (var i = 0; i < recipients.Count + Names.Length; i++)
        {
            var fields = new Dictionary<string, object?>(recipients[i % recipients.Count]);
            if (i >= recipients.Count)
            {
                fields["first_name"] = Names[i - recipients.Count];
            }

            var decision = catalog.Decide(Recipient.FromDictionary(fields), "monthly");
            if (!decision.IsSuppressed && decision.Channel is null or "print")
            {
                yield return catalog.RenderPrint(decision);
            }
        }
    }
}
