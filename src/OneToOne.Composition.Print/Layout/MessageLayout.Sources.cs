using System.Globalization;
using System.Text;
using Markdig.Syntax;

namespace OneToOne.Composition.Print.Layout;

/// <content>
/// Where a character no font has comes from, for its error: the address lines, the module that wrote it into the
/// Markdown (or the message's own body text), the page header or the footer. The layout knows which of them it was
/// laying out; in the Markdown, the character is found in the block being laid out, and the piece says whose output that is.
/// </content>
internal sealed partial class MessageLayout
{
    /// <summary>The innermost Markdown block being laid out; when a failure is thrown, the one it was thrown in.</summary>
    private Block? _block;

    /// <summary>Where a character that failed in the address block is: the return address is laid out before the lines.</summary>
    private static string AddressSource(PrintPiece piece, int codePoint) =>
        piece.ReturnAddress is { } returnAddress && returnAddress.Contains(Text(codePoint), StringComparison.Ordinal)
            ? "It is in the return address (the message's 'print: return-address')."
            : "It is in the recipient's address lines (the message's 'print: address').";

    /// <summary>
    /// Where a character that failed in the Markdown is: its first occurrence in the block being laid out, in the output
    /// of the module that wrote it or in the message's own body text. Null when the piece cannot tell (a
    /// <see cref="RenderedMessage"/> does not say which module wrote what).
    /// </summary>
    private string? BodySource(PrintPiece piece, int codePoint)
    {
        if (piece.Content is not { } content)
        {
            return null;
        }

        var markdown = piece.Markdown;
        var (start, end) = _block is { Span: { Start: >= 0 } span } && span.End >= span.Start && span.End < markdown.Length
            ? (span.Start, span.End + 1)
            : (0, markdown.Length);
        var at = markdown.IndexOf(Text(codePoint), start, end - start, StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"The message's Markdown does not have it as a character there: an HTML entity (such as '&#x{codePoint:X};') or a list bullet of the layout's own stands for it.");
        }

        return content.ModuleAt(at) is { } module
            ? $"It is in module '{module.ModuleId}' (slot '{module.SlotId}')."
            : "It is in the message's body, outside the modules of its slots.";
    }

    /// <summary>The code point as text (a lone surrogate as itself).</summary>
    private static string Text(int codePoint) =>
        Rune.IsValid(codePoint) ? char.ConvertFromUtf32(codePoint) : ((char)codePoint).ToString();
}
