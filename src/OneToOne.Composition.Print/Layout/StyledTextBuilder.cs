using System.Globalization;
using System.Text;
using OneToOne.Composition.Print.Fonts;

namespace OneToOne.Composition.Print.Layout;

/// <summary>
/// Builds a <see cref="StyledText"/>: text is normalised to NFC, tabs become spaces, soft hyphens are left out, and
/// every character is given the typeface that has it (the face asked for, else a fallback), or a
/// <see cref="PrintException"/> is thrown. So is a
/// character of a right-to-left script: lines are laid out left to right, without bidirectional reordering or shaping,
/// so such text would print reversed (and Arabic unjoined) — wrong text, which is worse than a rejected record.
/// </summary>
internal sealed class StyledTextBuilder
{
    private const int SoftHyphen = 0x00AD;

    private readonly FontCache _fonts;
    private readonly StringBuilder _text = new();
    private readonly List<TextRun> _runs = [];
    private readonly TextStyle _baseStyle;

    public StyledTextBuilder(FontCache fonts, TextStyle baseStyle)
    {
        _fonts = fonts;
        _baseStyle = baseStyle;
    }

    public int Length => _text.Length;

    /// <summary>Gets whether the last character appended is a space or a forced break (or nothing was appended).</summary>
    public bool EndsWithSpace => _text.Length == 0 || _text[^1] is ' ' or '\n';

    /// <summary>Gets the text appended from an index on.</summary>
    public string TextFrom(int start) => _text.ToString(start, _text.Length - start);

    public void Append(string text, TextStyle style)
    {
        if (text.Length == 0)
        {
            return;
        }

        string normalized;
        try
        {
            normalized = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException exception)
        {
            throw new PrintException("The text is not valid Unicode (it has an unpaired surrogate); correct the data.", exception);
        }

        var index = 0;
        while (index < normalized.Length)
        {
            var status = Rune.DecodeFromUtf16(normalized.AsSpan(index), out var rune, out var consumed);
            var value = status == System.Buffers.OperationStatus.Done ? rune.Value : normalized[index];
            if (value == SoftHyphen)
            {
                // Invisible unless a line breaks at it (as in the web and email HTML), but fonts draw it as a hyphen;
                // lines here never break inside a word at it, so it is left out.
                index += consumed;
                continue;
            }

            if (value is '\t' or '\r')
            {
                value = ' ';
            }
            else if (IsRightToLeft(value))
            {
                throw RightToLeft(value);
            }

            // A forced break and a zero-width space draw nothing: any font will do, even one without their glyph.
            var font = value is '\n' or LineBreaker.ZeroWidthSpace
                ? _fonts.Get(_fonts.FontSet.Resolve(style.Face, ' '), style.Size)
                : _fonts.Get(_fonts.FontSet.Resolve(style.Face, value), style.Size);

            var start = _text.Length;
            if (value is ' ' or '\n')
            {
                _text.Append((char)value);
            }
            else
            {
                _text.Append(normalized, index, consumed);
            }

            AddRun(start, _text.Length - start, font, style);
            index += consumed;
        }
    }

    public StyledText Build()
    {
        var defaultFont = _fonts.Get(_fonts.FontSet.Resolve(_baseStyle.Face, ' '), _baseStyle.Size);
        return new StyledText(_text.ToString(), [.. _runs], defaultFont);
    }

    /// <summary>
    /// Tells whether a code point belongs to a right-to-left script: Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan,
    /// Mandaic and their extensions (U+0590–U+08FF), their presentation forms (U+FB1D–U+FDFF, U+FE70–U+FEFE), and the
    /// right-to-left ranges of the supplementary planes (U+10800–U+10FFF, U+1E800–U+1EFFF).
    /// </summary>
    private static bool IsRightToLeft(int codePoint) =>
        codePoint is (>= 0x0590 and <= 0x08FF)
            or (>= 0xFB1D and <= 0xFDFF)
            or (>= 0xFE70 and <= 0xFEFE)
            or (>= 0x10800 and <= 0x10FFF)
            or (>= 0x1E800 and <= 0x1EFFF);

    private static PrintException RightToLeft(int codePoint) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"The character '{char.ConvertFromUtf32(codePoint)}' (U+{codePoint:X4}) is from a right-to-left script, which the print layout cannot set yet (it has no bidirectional reordering or shaping, so the text would print reversed). Correct the data, or send this recipient through another channel."));

    private void AddRun(int start, int length, SkiaSharp.SKFont font, TextStyle style)
    {
        if (_runs.Count > 0)
        {
            var last = _runs[^1];
            if (ReferenceEquals(last.Font, font) && last.Style == style && last.End == start)
            {
                _runs[^1] = last with { Length = last.Length + length };
                return;
            }
        }

        _runs.Add(new TextRun(start, length, font, style));
    }
}
