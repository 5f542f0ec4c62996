using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace OneToOne.Composition.Tests.Parsing;

/// <summary>
/// A catalog file's bytes are decoded in one go unless they start with a UTF-16 or UTF-32 mark: the text must be what a
/// <see cref="StreamReader"/> for UTF-8 that detects byte order marks reads, byte for byte, bad bytes and marks included.
/// </summary>
public sealed class FileDecodeProperties
{
    private static readonly byte[][] Prefixes =
    [
        [], [], [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF], [0xFE, 0xFF], [0xFF, 0xFE], [0xFF, 0xFE, 0x00, 0x00],
        [0x00, 0x00, 0xFE, 0xFF], [0xEF, 0xBB], [0xFE], [0xC3], [0xF0, 0x9F],
    ];

    private static readonly byte[] Bytes = [.. "catalog: t\r\n é€".Select(static c => (byte)c), 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0x80, 0xFF, 0xC0, 0xED, 0xA0, 0x80, 0x00];

    [Property(MaxTest = 2000)]
    public Property Decode_ReadsTheTextAStreamReaderReads() =>
        Prop.ForAll(
            (from prefix in Gen.Elements(Prefixes)
             from count in Gen.Choose(0, 3000)
             from body in Gen.Elements(Bytes).ArrayOf(count)
             select (byte[])[.. prefix, .. body]).ToArbitrary(),
            static bytes =>
            {
                using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                var expected = reader.ReadToEnd();

                var (text, utf8) = CatalogLoader.Decode(bytes);

                return (text == expected && utf8 == reader.CurrentEncoding is UTF8Encoding).Label($"{Convert.ToHexString(bytes.AsSpan(0, Math.Min(8, bytes.Length)))}…: {utf8}");
            });

    /// <summary>
    /// The same over any bytes (0x00-0xFF, lead bytes of every length cut short at any place, across the reader's buffers),
    /// after a mark, a mark cut short, or none: whatever the first bytes, the text and "read as UTF-8" are the reader's.
    /// </summary>
    [Property(MaxTest = 2000)]
    public Property Decode_OfAnyBytes_ReadsTheTextAStreamReaderReads() =>
        Prop.ForAll(
            (from prefix in Gen.Elements(Prefixes)
             from count in Gen.Choose(0, 2500)
             from body in Gen.Frequency((3, Gen.Choose(0, 255)), (1, Gen.Choose(0x80, 0xFF)), (1, Gen.Elements(0x00, 0xEF, 0xBB, 0xBF, 0xFE, 0xFF)))
                .Select(static b => (byte)b).ArrayOf(count)
             select (byte[])[.. prefix, .. body]).ToArbitrary(),
            static bytes =>
            {
                using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
                var expected = reader.ReadToEnd();

                var (text, utf8) = CatalogLoader.Decode(bytes);

                return (text == expected && utf8 == reader.CurrentEncoding is UTF8Encoding).Label(Convert.ToHexString(bytes));
            });
}
