using System.Text;
using OneToOne.Composition.Print.Fonts;
using OneToOne.Composition.Print.Text;
using HarfBuzzBuffer = HarfBuzzSharp.Buffer;
using HarfBuzzDirection = HarfBuzzSharp.Direction;
using HarfBuzzScript = HarfBuzzSharp.Script;
using UnicodeFunctions = HarfBuzzSharp.UnicodeFunctions;

namespace OneToOne.Composition.Print.Layout;

/// <summary>
/// Resolves a paragraph's bidirectional levels (each forced break ends a bidirectional paragraph, UAX #9 P1) and shapes
/// it with HarfBuzz, item by item: a new item wherever the text run (font, style), the level or the script changes, after
/// a soft hyphen (a line may break there), and at forced breaks, which are not shaped. Each item is shaped with the whole
/// paragraph as context, so Arabic letters join across a change of style.
/// </summary>
internal static class ParagraphShaper
{
    /// <summary>Resolves and shapes a paragraph.</summary>
    /// <param name="text">The paragraph's text.</param>
    /// <param name="runs">Its runs, contiguous and covering the text.</param>
    /// <param name="fonts">The font set the runs' typefaces come from.</param>
    /// <param name="paragraphLevel">Every paragraph's direction (the recipient's language's), or null for each one's first strong character.</param>
    /// <returns>The shaped paragraph.</returns>
    public static ShapedParagraph Shape(string text, IReadOnlyList<TextRun> runs, FontSet fonts, byte? paragraphLevel = null)
    {
        var levels = new byte[text.Length];
        var paragraphs = UnicodeBidi.ResolveParagraphs(text, levels, paragraphLevel);

        // All at level 0: every paragraph is left to right too (a right-to-left one has its first strong letter at 1).
        var allLeftToRight = !levels.AsSpan().ContainsAnyExcept((byte)0);

        var items = new List<ShapedItem>();

        // About one glyph per character: grown when a script makes more (Indic vowel signs split), cut at the end.
        var glyphs = new ShapedGlyph[text.Length];
        var count = 0;
        var advances = new float[text.Length + 1];
        using var buffer = new HarfBuzzBuffer();
        for (var r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var face = fonts.ShapingFaceOf(run.Font.Typeface);
            var scale = run.Font.Size / face.UnitsPerEm;
            var bolder = run.Font.Embolden ? SyntheticBoldWidening(run.Font.Size) : 0f;
            var start = run.Start;
            while (start < run.End)
            {
                if (text[start] == '\n')
                {
                    start++;
                    continue;
                }

                var (end, script) = ItemEnd(text, start, run.End, levels);
                var level = levels[start];
                buffer.ClearContents();
                buffer.AddUtf16(text, start, end - start);
                buffer.Direction = (level & 1) != 0 ? HarfBuzzDirection.RightToLeft : HarfBuzzDirection.LeftToRight;
                if (script != HarfBuzzScript.Common)
                {
                    buffer.Script = script;
                }

                buffer.GuessSegmentProperties();
                face.Shape(buffer);

                var glyphStart = count;
                var infos = buffer.GetGlyphInfoSpan();
                var positions = buffer.GetGlyphPositionSpan();
                if (count + infos.Length > glyphs.Length)
                {
                    Array.Resize(ref glyphs, Math.Max(count + infos.Length, glyphs.Length * 2));
                }

                for (var g = 0; g < infos.Length; g++)
                {
                    var cluster = (int)infos[g].Cluster;
                    var advance = IsInvisibleAt(text, cluster) ? 0f : positions[g].XAdvance * scale;

                    // An emboldened glyph's ink is wider by the widening, half on each side: it gets that much more room,
                    // and is drawn in its middle, so that neighbours keep their spacing (and joined letters stay joined).
                    var widening = advance > 0f ? bolder : 0f;
                    advance += widening;
                    glyphs[count++] = new ShapedGlyph((ushort)infos[g].Codepoint, cluster, advance, (positions[g].XOffset * scale) + (widening / 2), -positions[g].YOffset * scale);
                    advances[cluster + 1] += advance;
                }

                items.Add(new ShapedItem(start, end, r, glyphStart, count));
                start = end;
            }
        }

        // advances[i + 1] held the advance of character i; summed, advances[i] is the width of Text[0..i).
        for (var i = 1; i < advances.Length; i++)
        {
            advances[i] += advances[i - 1];
        }

        if (count != glyphs.Length)
        {
            Array.Resize(ref glyphs, count);
        }

        return new ShapedParagraph(paragraphs, allLeftToRight ? null : levels, [.. items], glyphs, advances);
    }

    /// <summary>
    /// How much wider Skia's PDF backend draws a glyph it emboldens (a face without a bold file): it writes the glyph's
    /// outline at the font's design size (its units per em, 1,000 or more), stroked 1/32 of that size wide, so the ink is
    /// 1/32 of the font size wider whatever the size.
    /// </summary>
    /// <param name="size">The font size.</param>
    /// <returns>The extra width of each emboldened glyph's ink, in points.</returns>
    internal static float SyntheticBoldWidening(float size) => size / 32f;

    /// <summary>Tells whether the character a glyph stands for draws nothing, so that its glyph takes no room.</summary>
    private static bool IsInvisibleAt(string text, int index) => (uint)index < (uint)text.Length && StyledText.IsInvisible(text[index]);

    /// <summary>Finds where an item that starts at <paramref name="start"/> ends: at a forced break, a change of level, a change between two real scripts, or just after a soft hyphen.</summary>
    private static (int End, HarfBuzzScript Script) ItemEnd(string text, int start, int runEnd, byte[] levels)
    {
        var level = levels[start];
        var script = HarfBuzzScript.Common;
        var index = start;
        while (index < runEnd && text[index] != '\n' && levels[index] == level)
        {
            Rune.DecodeFromUtf16(text.AsSpan(index, runEnd - index), out var rune, out var consumed);
            var own = ScriptOf(rune.Value);
            if (own != HarfBuzzScript.Common)
            {
                if (script == HarfBuzzScript.Common)
                {
                    script = own;
                }
                else if (own != script)
                {
                    break;
                }
            }

            index += consumed;
            if (rune.Value == LineBreaker.SoftHyphen)
            {
                // A line may break here: no glyph (a ligature such as "ffi" in "auf\u00ADfinden") may hold letters of both sides.
                break;
            }
        }

        return (index, script);
    }

    /// <summary>Gets a code point's script, with Common for the characters that take their neighbours' (Common, Inherited, unknown).</summary>
    private static HarfBuzzScript ScriptOf(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return char.IsAsciiLetter((char)codePoint) ? HarfBuzzScript.Latin : HarfBuzzScript.Common;
        }

        var script = UnicodeFunctions.Default.GetScript(codePoint);
        return script == HarfBuzzScript.Inherited || script == HarfBuzzScript.Unknown ? HarfBuzzScript.Common : script;
    }
}
