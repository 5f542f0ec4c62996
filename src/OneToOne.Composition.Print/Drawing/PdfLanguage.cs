using System.Buffers;
using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Print.Drawing;

/// <summary>
/// Declares a PDF's natural language (<c>/Lang</c> in its document catalog, ISO 32000-1 §14.9.2.1), which SkiaSharp's
/// <c>SKDocumentPdfMetadata</c> cannot set: a screen reader picks its voice from it, and PDF/UA requires it. Written
/// as an incremental update (§7.5.6) after the document SkiaSharp wrote: the catalog object again with <c>/Lang</c>,
/// a cross-reference section for it and a trailer pointing back at SkiaSharp's, so every byte SkiaSharp wrote stays
/// where it was and the output stays deterministic.
/// </summary>
internal static class PdfLanguage
{
    private static readonly SearchValues<char> TagCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");

    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    /// <summary>
    /// Writes <paramref name="pdf"/> to <paramref name="output"/> followed by the update declaring
    /// <paramref name="language"/>; the PDF alone when the language is not a plain language tag or the PDF is not laid
    /// out as SkiaSharp writes it (a classic cross-reference table and trailer), which no reader then misreads.
    /// </summary>
    public static void Write(ReadOnlySpan<byte> pdf, string? language, Stream output)
    {
        output.Write(pdf);
        if (UpdateFor(pdf, language) is { } update)
        {
            output.Write(update);
        }
    }

    /// <summary>
    /// The incremental update declaring <paramref name="language"/> for <paramref name="pdf"/>, or null when there is none
    /// to write (see <see cref="Write"/>).
    /// </summary>
    public static byte[]? UpdateFor(ReadOnlySpan<byte> pdf, string? language) => UpdateFor(pdf, 0, language);

    /// <summary>
    /// The incremental update declaring <paramref name="language"/> for a PDF of which only the end is at hand (a merged
    /// PDF, written as it grew, read back from where SkiaSharp closed it), or null when there is none to write or the
    /// catalog and cross-reference section are not in that end.
    /// </summary>
    /// <param name="tail">The PDF's last bytes, to its end.</param>
    /// <param name="tailOffset">Where in the PDF the first of them is.</param>
    /// <param name="language">The language tag.</param>
    public static byte[]? UpdateFor(ReadOnlySpan<byte> tail, long tailOffset, string? language) =>
        language is null || !IsLanguageTag(language) ? null : Update(tail, tailOffset, language);

    /// <summary>The language a merged PDF declares for its pieces' languages; see <see cref="PdfBatchWriter"/>.</summary>
    /// <param name="languages">The pieces' language tags, each once (a piece without one is not counted).</param>
    /// <returns>The one they all have; else the language they share (<c>de</c> for <c>de-DE</c> and <c>de-AT</c>); else <c>mul</c>; null for none.</returns>
    public static string? Shared(IReadOnlyCollection<string> languages)
    {
        string? shared = null;
        foreach (var language in languages)
        {
            if (shared is null)
            {
                shared = language;
                continue;
            }

            if (string.Equals(shared, language, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var primary = Primary(shared);
            if (!string.Equals(primary, Primary(language), StringComparison.OrdinalIgnoreCase))
            {
                return "mul";
            }

            shared = primary;
        }

        return shared;

        static string Primary(string tag) => tag.IndexOf('-', StringComparison.Ordinal) is var dash and > 0 ? tag[..dash] : tag;
    }

    /// <summary>The incremental update for a PDF, or null when its trailer or catalog cannot be found.</summary>
    /// <param name="pdf">The PDF's bytes from <paramref name="pdfOffset"/> to its end.</param>
    /// <param name="pdfOffset">Where in the PDF the first of them is (0 for the whole PDF).</param>
    /// <param name="language">The language tag.</param>
    internal static byte[]? Update(ReadOnlySpan<byte> pdf, long pdfOffset, string language)
    {
        var text = Encoding.Latin1.GetString(pdf[Math.Max(0, pdf.Length - 1024)..]);
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var startXref = text.LastIndexOf("startxref", StringComparison.Ordinal);
        if (trailer < 0 || startXref < trailer
            || !long.TryParse(text.AsSpan(startXref + 9).Trim().TrimEnd("%EOF").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var xref))
        {
            return null;
        }

        var dictionary = text[(trailer + 7)..startXref];
        if (Reference(dictionary, "/Root") is not { } root || Number(dictionary, "/Size") is not { } size || root >= size || dictionary.Contains("/Prev", StringComparison.Ordinal))
        {
            return null;
        }

        // The catalog's offset from SkiaSharp's one cross-reference subsection, "0 <size>", of 20-byte entries.
        var header = Encoding.ASCII.GetBytes($"xref\n0 {size}\n");
        var entryAt = xref + header.Length + (20 * root);
        var length = pdfOffset + pdf.Length;
        if (xref < pdfOffset || entryAt + 20 > length || !pdf.Slice((int)(xref - pdfOffset), header.Length).SequenceEqual(header)
            || !long.TryParse(Encoding.ASCII.GetString(pdf.Slice((int)(entryAt - pdfOffset), 10)), NumberStyles.None, CultureInfo.InvariantCulture, out var catalogAt)
            || catalogAt >= xref || catalogAt < pdfOffset)
        {
            return null;
        }

        // Only the catalog object is read as text: SkiaSharp writes the catalog before the pages, so the rest of the file up
        // to the cross-reference section, read as a string of its own, cost twice the PDF's length for every letter.
        var objectBytes = pdf[(int)(catalogAt - pdfOffset)..(int)(xref - pdfOffset)];
        var end = objectBytes.IndexOf("\nendobj"u8);
        var open = $"{root} 0 obj\n";
        if (end < open.Length)
        {
            return null;
        }

        var objectText = Encoding.Latin1.GetString(objectBytes[..end]);
        if (!objectText.StartsWith(open, StringComparison.Ordinal))
        {
            return null;
        }

        var catalog = objectText[open.Length..end].TrimEnd();
        if (!catalog.StartsWith("<<", StringComparison.Ordinal) || !catalog.EndsWith(">>", StringComparison.Ordinal)
            || !catalog.Contains("/Type /Catalog", StringComparison.Ordinal) || catalog.Contains("/Lang", StringComparison.Ordinal))
        {
            return null;
        }

        var update = new StringBuilder();
        var info = Reference(dictionary, "/Info");
        update.Append(CultureInfo.InvariantCulture, $"{root} 0 obj\n{catalog[..^2]}\n/Lang ({language})>>\nendobj\n");
        var newXref = length + update.Length;
        update.Append(CultureInfo.InvariantCulture, $"xref\n0 1\n0000000000 65535 f \n{root} 1\n{length:D10} 00000 n \n");
        update.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {size}\n/Root {root} 0 R\n");
        if (info is not null)
        {
            update.Append(CultureInfo.InvariantCulture, $"/Info {info} 0 R\n");
        }

        update.Append(CultureInfo.InvariantCulture, $"/Prev {xref}>>\nstartxref\n{newXref}\n%%EOF\n");
        return Encoding.Latin1.GetBytes(update.ToString());
    }

    /// <summary>Whether a text is a language tag as a culture names one: letters, digits and hyphens (nothing to escape in a PDF string).</summary>
    private static bool IsLanguageTag(string language) =>
        language.Length is > 0 and <= 64 && language.AsSpan().IndexOfAnyExcept(TagCharacters) < 0;

    /// <summary>The object number of an indirect reference <c>KEY n 0 R</c> in a dictionary.</summary>
    private static long? Reference(string dictionary, string key)
    {
        var at = dictionary.IndexOf(key + " ", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = dictionary.AsSpan(at + key.Length + 1);
        var space = rest.IndexOf(' ');
        return space > 0 && rest[space..].StartsWith(" 0 R", StringComparison.Ordinal)
            && long.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }

    /// <summary>The number after <c>KEY</c> in a dictionary.</summary>
    private static long? Number(string dictionary, string key)
    {
        var at = dictionary.IndexOf(key + " ", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = dictionary.AsSpan(at + key.Length + 1);
        var length = rest.IndexOfAnyExcept(Digits);
        return long.TryParse(length < 0 ? rest : rest[..length], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;
    }
}
