using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Print.Layout;

namespace OneToOne.Composition.Print.Tests.Layout;

public sealed class LineBreakerTests
{
    /// <summary>Every character is 1 wide, except 'W' (3), 'i' (0.5) and a soft hyphen (0, as shaped); a monospace-like measure for readable tests.</summary>
    private static LineBreaker.Measure MeasureOf(string text) => (start, end) =>
    {
        var width = 0f;
        for (var i = start; i < end; i++)
        {
            width += text[i] switch
            {
                'W' => 3f,
                'i' => 0.5f,
                '\u00AD' => 0f,
                _ => 1f,
            };
        }

        return width;
    };

    private static List<string> Lines(string text, float width) =>
        LineBreaker.Break(text, width, MeasureOf(text)).Select(l => text.Substring(l.Start, l.Length)).ToList();

    [Fact]
    public void Break_FillsLinesGreedilyAtSpaces()
    {
        Assert.Equal(["the quick", "brown fox", "jumps"], Lines("the quick brown fox jumps", 10));
    }

    [Fact]
    public void Break_UsesMeasuredWidthsNotCharacterCounts()
    {
        // "WW ii" is 3+3+1+0.5+0.5 = 8 wide: fits 8, not 7.
        Assert.Equal(["WW ii"], Lines("WW ii", 8));
        Assert.Equal(["WW", "ii"], Lines("WW ii", 7));
    }

    [Fact]
    public void Break_HardBreaksAWordLongerThanTheLine()
    {
        Assert.Equal(["abcde", "fghij", "xy"], Lines("abcdefghij xy", 5));
        Assert.Equal(["abcdef", "gh xy"], Lines("abcdefgh xy", 6));
    }

    [Fact]
    public void Break_AVeryLongWord_MeasuresAboutALinesWorthPerLine_NotTheRestOfTheWord()
    {
        var word = new string('a', 40_000) + "Wi" + new string('b', 9_998);
        var measureOf = MeasureOf(word);
        long measured = 0;

        var lines = LineBreaker.Break(word, 60, (start, end) =>
        {
            measured += end - start;
            return measureOf(start, end);
        });

        Assert.Equal(string.Concat(lines.Select(l => word.Substring(l.Start, l.Length))), word);
        Assert.All(lines, l => Assert.True(measureOf(l.Start, l.Start + l.Length) <= 60));
        Assert.Equal(60, lines[0].Length);
        Assert.True(measured < 20L * word.Length, $"measured {measured:N0} characters to break {word.Length:N0}");
    }

    [Fact]
    public void Break_AGlyphWiderThanTheLineStillMakesProgress()
    {
        Assert.Equal(["W", "W", "a"], Lines("WWa", 2));
    }

    [Fact]
    public void Break_NeverSplitsAGraphemeCluster()
    {
        // "e" + combining acute is one cluster of two chars, two units wide here.
        var text = "e\u0301e\u0301e\u0301";
        Assert.Equal(["e\u0301", "e\u0301", "e\u0301"], Lines(text, 3));
    }

    [Fact]
    public void Break_ForcedBreaksMakeLinesEvenWhenEmpty()
    {
        Assert.Equal(["one", string.Empty, "two"], Lines("one\n\ntwo", 20));
    }

    [Fact]
    public void Break_DropsSpacesAtBreaksButKeepsInnerSpaces()
    {
        Assert.Equal(["a  b", "c"], Lines("  a  b   c  ", 4));
    }

    [Fact]
    public void Break_AfterAHyphenBetweenLetters_AsABrowserDoes_ButNotAtANonBreakingHyphenOrBeforeANumber()
    {
        // A compound wider than the rest of the line moves whole, or breaks at its hyphen, not between two letters.
        Assert.Equal(["ab Müller-", "Lüdenscheidt"], Lines("ab Müller-Lüdenscheidt", 12));
        Assert.Equal(["Müller-", "Lüdens"], Lines("Müller-Lüdens", 9));
        Assert.Equal(["Müller-Lüdens"], Lines("Müller-Lüdens", 13));

        // U+2011 is the hyphen that does not break; a minus before a number and a double hyphen are no break either.
        Assert.Equal(["Müller\u2011Lü", "dens"], Lines("Müller\u2011Lüdens", 9));
        Assert.Equal(["value -12345"], Lines("value -12345", 12));
        Assert.Equal(["abcd-1234"], Lines("abcd-1234", 9));
        Assert.Equal(["ab--cd"], Lines("ab--cd", 6));
    }

    [Fact]
    public void APrintedCompound_AtTheEndOfALine_BreaksAtItsHyphen_NeverBetweenLetters()
    {
        var split = 0;
        for (var n = 40; n <= 52; n++)
        {
            var words = PrintTestData.Words(PrintTestData.RenderMarkdown(string.Concat(Enumerable.Repeat("x ", n)) + "Müller-Lüdenscheidt end"))
                .Select(w => w.Word).Where(w => w.BoundingBox.Bottom > 60).ToList();
            Assert.All(words, w => Assert.True(w.BoundingBox.Right <= 595 - 56.69 + 0.5, $"'{w.Text}' ends at {w.BoundingBox.Right}"));
            var texts = words.Select(w => w.Text).ToList();
            if (!texts.Contains("Müller-Lüdenscheidt"))
            {
                var first = texts.IndexOf("Müller-");
                Assert.True(first >= 0, string.Join(" ", texts));
                Assert.Equal("Lüdenscheidt", texts[first + 1]);
                Assert.Equal(56.69, words[first + 1].BoundingBox.Left, 0.5); // the next line's start
                split++;
            }
        }

        Assert.True(split > 0);
    }

    [Fact]
    public void Break_AtAZeroWidthSpace_ButNeverAtANoBreakSpaceOrAWordJoiner()
    {
        Assert.Equal(["aaaa", "bbbb"], Lines("aaaa\u200Bbbbb", 5));
        Assert.Equal(["aaaa\u200Bbbbb"], Lines("aaaa\u200Bbbbb", 9));
        Assert.Equal(["aaaa\u00A0", "bbbb"], Lines("aaaa\u00A0bbbb", 5));
        Assert.Equal(["aaaa\u2060", "bbbb"], Lines("aaaa\u2060bbbb", 5));
    }

    [Fact]
    public void Break_EmptyOrBlankTextHasNoLines()
    {
        Assert.Empty(Lines(string.Empty, 10));
        Assert.Empty(Lines("   ", 10));
    }

    [Fact]
    public void Words_SplitsAtSpacesAndForcedBreaks()
    {
        var text = " ab  c\nd ";
        Assert.Equal(["ab", "c", "d"], LineBreaker.Words(text).Select(w => text.Substring(w.Start, w.Length)));
    }

    [Fact]
    public void Break_JapaneseWithoutSpaces_BetweenCharacters_NoLineStartingWithAClosingMarkNorEndingWithAnOpeningOne()
    {
        // Cut every six characters, "Smith様、いつも「当店」をご利用" started lines with '、' and '店」' and ended one with '「',
        // and the name was torn from "様"; now a line may end before or after any CJK character but those.
        Assert.Equal(["Dear", "Smith", "様、いつも", "「当店」をご", "利用"], Lines("Dear Smith様、いつも「当店」をご利用", 6));
        Assert.Equal(["Dear", "Smith様、い", "つも「当店」をご", "利用"], Lines("Dear Smith様、いつも「当店」をご利用", 8));
    }

    [Fact]
    public void Break_ChineseAfterAnAmount_KeepsTheCurrencySignWithItsNumber_AndTheFullStopWithItsWord()
    {
        Assert.Equal(["合计为", "￥12,345", "元。"], Lines("合计为￥12,345元。", 8));
        Assert.Equal(["合计为", "￥12,345元。"], Lines("合计为￥12,345元。", 9));
    }

    [Fact]
    public void Break_NeverInsideAGraphemeCluster_NorBesideANoBreakSpace_InCjkText()
    {
        // An ideograph and its variation selector (U+E0100, a surrogate pair) are one cluster; a no-break space joins.
        var text = "葛\U000E0100城\u00A0市";
        Assert.Equal(["葛\U000E0100", "城\u00A0市"], Lines(text, 3));
    }

    [Fact]
    public void Words_SplitAtCjkBreaks_SoATableColumnOfJapaneseCanBeNarrow()
    {
        var text = "様、いつも「当店」";
        Assert.Equal(["様、", "い", "つ", "も", "「当", "店」"], LineBreaker.Words(text).Select(w => text.Substring(w.Start, w.Length)));
    }

    /// <summary>Lines with a 1-wide hyphen after a line broken at a soft hyphen, shown as '-'.</summary>
    private static List<string> Hyphenated(string text, float width, LineBreaker.HyphenWidth? hyphen = null) =>
        LineBreaker.Break(text, width, MeasureOf(text), hyphen ?? (static _ => 1f))
            .Select(l => text.Substring(l.Start, l.Length).Replace("\u00AD", string.Empty, StringComparison.Ordinal) + (l.Hyphenated ? "-" : string.Empty))
            .ToList();

    [Fact]
    public void Break_AtASoftHyphen_FillsTheLineWithTheWordsFirstPart_AndItsHyphen()
    {
        Assert.Equal(["ab cdef-", "ghij"], Hyphenated("ab cdef\u00ADghij", 8));
        Assert.Equal(["abc", "cdefghij"], Hyphenated("abc cdef\u00ADghij", 8));
        Assert.Equal(["ab", "cdef-", "ghij"], Hyphenated("ab cdef\u00ADghij", 7));
        Assert.Equal(["ab", "cdef\u00ADghij"], Lines("ab cdef\u00ADghij", 8));
    }

    [Fact]
    public void Break_AWordLongerThanTheLine_AtItsLastFittingSoftHyphens_BeforeBetweenLetters()
    {
        Assert.Equal(["Donau-", "dampf-", "schiff-", "fahrt"], Hyphenated("Donau\u00ADdampf\u00ADschiff\u00ADfahrt", 8));
        Assert.Equal(["Donau-", "dampfschi", "ff"], Hyphenated("Donau\u00ADdampfschiff", 9));
        Assert.Equal(["Donaudamp", "fschiff"], Hyphenated("Donau\u00ADdampfschiff", 9, static _ => float.NaN));
    }

    [Fact]
    public void Break_NeverAtASoftHyphenThatEndsOrStartsAWord()
    {
        Assert.Equal(["abc", "def"], Hyphenated("abc\u00AD def", 4));
        Assert.Equal(["abc", "def"], Hyphenated("abc \u00ADdef", 4));
    }

    public static Arbitrary<string> TextArbitrary() =>
        Gen.Elements('a', 'b', 'W', 'i', ' ', ' ', '\u200B', '\n', 'ë', '\u0301', '\u00AD', '様', '、', '「', '\u00A0')
            .ArrayOf()
            .Select(static chars => new string(chars))
            .ToArbitrary();

    [Property(MaxTest = 500, Arbitrary = [typeof(LineBreakerTests)])]
    public bool Break_NoLineIsTooWideUnlessOneGrapheme_AndNothingIsLostOrReordered(string text, PositiveInt width, bool hyphenate)
    {
        var maxWidth = width.Get % 12;
        var measure = MeasureOf(text);
        var lines = LineBreaker.Break(text, maxWidth, measure, hyphenate ? static _ => 1f : null);

        var previousEnd = 0;
        foreach (var line in lines)
        {
            var content = text.Substring(line.Start, line.Length);
            var graphemes = new StringInfo(content).LengthInTextElements;
            if (measure(line.Start, line.End) + (line.Hyphenated ? 1f : 0f) > maxWidth && graphemes > 1)
            {
                return false;
            }

            if (line.Hyphenated && (!hyphenate || !content.EndsWith('\u00AD') || content.Length < 2))
            {
                return false;
            }

            if (line.Start < previousEnd || content.StartsWith(' ') || content.EndsWith(' ') || content.StartsWith('\u200B') || content.EndsWith('\u200B') || content.Contains('\n'))
            {
                return false;
            }

            previousEnd = line.End;
        }

        // Every non-space character, in order: what lies between lines is only spaces and forced breaks.
        static string Visible(string s) => new(s.Where(static c => c is not (' ' or '\u200B' or '\n')).ToArray());
        var joined = string.Concat(lines.Select(l => text.Substring(l.Start, l.Length)));
        return Visible(joined) == Visible(text);
    }
}
