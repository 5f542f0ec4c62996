using System.Globalization;
using System.Text;
using OneToOne.Composition.Print.Fonts;
using OneToOne.Composition.Print.Text;

namespace OneToOne.Composition.Print.Layout;

/// <summary>
/// Builds a <see cref="StyledText"/>: text is normalised to NFC, tabs become spaces, the other paragraph separators of
/// UAX #9 (U+2029, U+0085, U+001C–U+001E) and the line separator U+2028 forced breaks (<c>'\n'</c>), soft hyphens are kept as invisible break
/// opportunities, and
/// every character is given the typeface that has it (the face asked for, else a fallback), or a
/// <see cref="PrintException"/> is thrown. So is an explicit bidirectional embedding, override or isolate control
/// (U+202A–U+202E, U+2066–U+2069): the layout resolves direction from the text itself (UAX #9 without X1–X8), and
/// would otherwise set such text in an order its author did not ask for.
/// </summary>
internal sealed class StyledTextBuilder
{
    private readonly FontCache _fonts;
    private readonly StringBuilder _text = new();
    private readonly List<TextRun> _runs = [];
    private readonly TextStyle _baseStyle;
    private readonly byte? _paragraphLevel;

    /// <summary>Where the character or emoji sequence appended last begins.</summary>
    private int _lastStart;

    /// <param name="fonts">The fonts.</param>
    /// <param name="baseStyle">The style of text without a run (an empty text's line height).</param>
    /// <param name="paragraphLevel">Every paragraph's direction (1 right to left), or null for each one's first strong character.</param>
    public StyledTextBuilder(FontCache fonts, TextStyle baseStyle, byte? paragraphLevel = null)
    {
        _fonts = fonts;
        _baseStyle = baseStyle;
        _paragraphLevel = paragraphLevel;
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
            throw NotNormalizable(text, exception);
        }

        var index = JoinSequence(normalized, style);
        while (index < normalized.Length)
        {
            // An emoji sequence (a keycap, a flag, a ZWJ sequence, ❤️) takes one font for all its characters, so that it
            // is shaped as one run into the one picture the emoji font has for it.
            if (EmojiSequence.Length(normalized, index) is var sequence and > 0
                && _fonts.FontSet.TryResolveSequence(style.Face, normalized.AsSpan(index, sequence), out var slot))
            {
                var from = _text.Length;
                _text.Append(normalized, index, sequence);
                AddRun(from, sequence, _fonts.Get(slot, style.Size), style);
                index += sequence;
                continue;
            }

            var status = Rune.DecodeFromUtf16(normalized.AsSpan(index), out var rune, out var consumed);
            var value = status == System.Buffers.OperationStatus.Done ? rune.Value : normalized[index];
            if (value is '\t' or '\r')
            {
                value = ' ';
            }
            else if (value <= char.MaxValue && UnicodeBidi.IsParagraphSeparator((char)value))
            {
                // A paragraph separator (U+2029, next line U+0085, the information separators U+001C–U+001E) is a
                // forced break as '\n' is: it ends a bidirectional paragraph (UAX #9 P1), and so must end the line.
                value = '\n';
            }
            else if (value == '\u2028')
            {
                // The line separator is a mandatory line break (UAX #14 class BK), as the text channel shows it: drawn
                // as its font's empty glyph, it joined the words on either side ("Anna\u2028Maria" printed "AnnaMaria").
                // It is set as a hard break is, which here also ends the bidirectional paragraph.
                value = '\n';
            }
            else if (BidiClasses.IsExplicitControl(value))
            {
                throw ExplicitControl(value);
            }

            // A forced break, a soft hyphen, a zero-width space, joiners and direction marks draw nothing (the hyphen a
            // line broken at a soft hyphen shows is drawn on its own): any font will do, even one
            // without their glyph (the shaper hides them). They join the run before them, so that a joiner between two
            // Devanagari or Arabic letters of a fallback font is shaped with them.
            var font = value <= char.MaxValue && StyledText.IsInvisible((char)value)
                ? InvisibleFont(style)
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
        var text = _text.ToString();
        TextRun[] runs = [.. _runs];
        return new StyledText(text, runs, defaultFont, ParagraphShaper.Shape(text, runs, _fonts.FontSet, _paragraphLevel));
    }

    /// <summary>
    /// The error for text .NET cannot normalise: it refuses an unpaired surrogate and the noncharacter U+FFFE, and the
    /// error says which the text has (it said "an unpaired surrogate" for a U+FFFE too).
    /// </summary>
    private static PrintException NotNormalizable(string text, ArgumentException exception)
    {
        if (Utf16Text.UnpairedSurrogate(text) is var i and >= 0)
        {
            return new PrintException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The text is not valid Unicode: it has half of a surrogate pair without the other half (U+{(int)text[i]:X4}), which no font draws. Correct the data; such text was usually cut in the middle of a character or decoded with the wrong encoding."),
                exception);
        }

        return FontSet.Noncharacter(0xFFFE);
    }

    /// <summary>The error for an explicit embedding, override or isolate control: which one, and how to fix the data.</summary>
    private static PrintException ExplicitControl(int codePoint) => new(string.Create(
        CultureInfo.InvariantCulture,
        $"The text has the bidirectional control U+{codePoint:X4} (an explicit embedding, override or isolate), which the print layout does not support: it sets each paragraph's direction from the recipient's language (or its first strong character) and orders the text by the Unicode Bidirectional Algorithm. Remove the control character from the data (a right-to-left or left-to-right mark, U+200F or U+200E, may stand in where a direction must be forced)."));

    /// <summary>Gets the font of a character that draws nothing: the font of the run it continues, else the style's space font.</summary>
    private SkiaSharp.SKFont InvisibleFont(TextStyle style) =>
        _runs.Count > 0 && _runs[^1].End == _text.Length && _runs[^1].Style == style && _text[^1] != '\n'
            ? _runs[^1].Font
            : _fonts.Get(_fonts.FontSet.Resolve(style.Face, ' '), style.Size);

    /// <summary>
    /// Joins the start of <paramref name="text"/> to the emoji sequence it continues, appended before in the same style
    /// by another call: a sequence Markdown writes as two inlines (<c>👍&amp;#x1F3FD;</c>, or a link's text and the skin
    /// tone after it, which the link takes into its own text) is one picture, as a browser shapes text of one font across
    /// its elements. Text of another style (emphasis: <c>*👍*🏽</c>) is not joined, as in a browser.
    /// </summary>
    /// <returns>How many characters of <paramref name="text"/> were appended.</returns>
    private int JoinSequence(string text, TextStyle style)
    {
        if (_runs.Count == 0)
        {
            return 0;
        }

        var last = _runs[^1];
        if (last.End != _text.Length || last.Style != style)
        {
            return 0;
        }

        var tail = _text.ToString(_lastStart, _text.Length - _lastStart);
        var joined = string.Concat(tail, text.AsSpan(0, Math.Min(text.Length, 64)));
        var length = EmojiSequence.Length(joined, 0);
        if (length <= tail.Length || !_fonts.FontSet.TryResolveSequence(style.Face, joined.AsSpan(0, length), out var slot))
        {
            return 0;
        }

        // The tail is the end of the last run (appended by one AddRun, merged into it or a run of its own).
        var start = _lastStart;
        if (last.Start < start)
        {
            _runs[^1] = last with { Length = start - last.Start };
        }
        else
        {
            _runs.RemoveAt(_runs.Count - 1);
        }

        _text.Append(joined, tail.Length, length - tail.Length);
        AddRun(start, length, _fonts.Get(slot, style.Size), style);
        return length - tail.Length;
    }

    private void AddRun(int start, int length, SkiaSharp.SKFont font, TextStyle style)
    {
        _lastStart = start;
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
