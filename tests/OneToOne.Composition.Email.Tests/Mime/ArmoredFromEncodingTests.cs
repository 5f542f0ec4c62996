using System.Text;
using FsCheck;
using FsCheck.Fluent;
using MimeKit;
using MimeKit.Encodings;
using MimeKit.IO;
using MimeKit.IO.Filters;

namespace OneToOne.Composition.Email.Tests.Mime;

/// <summary>
/// A quoted-printable part is encoded in one pass (<see cref="EmailComposer.ArmoredFrom"/>) instead of through MimeKit's
/// encoder and From-armoring filters: the bytes are the ones the filters wrote, for any text.
/// </summary>
public sealed class ArmoredFromEncodingTests
{
    private static readonly string[] Pieces =
    [
        "From ", "From", "Fro", "F", "rom ", "m ", "\n", "\r\n", "\r", " ", "\t", "  \n", "=", "=46", "é", "Zoë", "さくら", "😀", ".", "word ",
        "a fairly long run of words that makes the encoder break the line softly ", "x", "\u00A0", "\0",
    ];

    [Fact]
    public void ArmoredFrom_AnyText_IsTheBytesMimeKitsEncoderAndArmoredFromFiltersWrite()
    {
        var texts = Gen.ArrayOf(Gen.Elements(Pieces)).Select(static p => string.Concat(p));
        Prop.ForAll(texts.ToArbitrary(), static text =>
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            Assert.Equal(Reference(utf8), Encoded(utf8));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Theory]
    [InlineData("")]
    [InlineData("From ")]
    [InlineData("From the start")]
    [InlineData("a\nFrom b\nFrom \nFrom")]
    [InlineData("a\r\nFrom b\r\n\r\nFrom c")]
    [InlineData("end of text\nFro")]
    public void ArmoredFrom_Edges_IsTheBytesTheFiltersWrite(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text + "\n" + new string('w', 200) + "From here");
        Assert.Equal(Reference(utf8), Encoded(utf8));
        Assert.Equal(Reference(Encoding.UTF8.GetBytes(text)), Encoded(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void ArmoredFrom_AFewKilobytes_AllocatesAboutTheEncodedPart_NotTheFiltersBuffers()
    {
        var utf8 = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<p style=\"color: #8a4b08\">Zoë, this month's pour is here: a lager, an IPA and a stout.</p>\n", 30)));
        Encoded(utf8);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var content = EmailComposer.ArmoredFrom(utf8);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var length = content.Stream!.Length;
        Assert.True(allocated < length + 1024, $"encoding {utf8.Length:N0} bytes into {length:N0} allocated {allocated:N0} bytes");
    }

    private static byte[] Encoded(byte[] utf8)
    {
        var content = EmailComposer.ArmoredFrom(utf8);
        Assert.Equal(ContentEncoding.QuotedPrintable, content.Encoding);
        using var copy = new MemoryStream();
        content.Stream!.Position = 0;
        content.Stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The part as the composer encoded it through MimeKit's filters (commit 4b35403).</summary>
    private static byte[] Reference(byte[] utf8)
    {
        using var encoded = new MemoryStream();
        using (var filtered = new FilteredStream(encoded))
        {
            filtered.Add(new EncoderFilter(new QuotedPrintableEncoder(72)));
            filtered.Add(new ArmoredFromFilter());
            filtered.Write(utf8);
            filtered.Flush();
        }

        return encoded.ToArray();
    }
}
