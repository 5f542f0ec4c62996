using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using OneToOne.Composition.Print.Text;

namespace OneToOne.Composition.Print.Tests.Text;

public sealed class UnicodeBidiTests
{
    private const string Hebrew = "אבגדהוזחטיכלמנסעפצקרשת";

    private static (byte Paragraph, byte[] Levels) Resolve(string text)
    {
        var levels = new byte[text.Length];
        var paragraphs = UnicodeBidi.ResolveParagraphs(text, levels);
        return (Assert.Single(paragraphs).Level, levels);
    }

    private static string Levels(string text) => string.Concat(Resolve(text).Levels.Select(static l => (char)('0' + l)));

    [Theory]
    [InlineData('a', nameof(BidiClass.L))]
    [InlineData('\u00E9', nameof(BidiClass.L))]
    [InlineData('\u0905', nameof(BidiClass.L))] // Devanagari letter
    [InlineData('\u096B', nameof(BidiClass.L))] // Devanagari digit: L, not EN
    [InlineData('\u05D0', nameof(BidiClass.R))]
    [InlineData('\u05BE', nameof(BidiClass.R))] // maqaf, punctuation in the Hebrew block
    [InlineData('\u0628', nameof(BidiClass.AL))]
    [InlineData('\uFE91', nameof(BidiClass.AL))] // a presentation form
    [InlineData('\u0710', nameof(BidiClass.AL))] // Syriac
    [InlineData('5', nameof(BidiClass.EN))]
    [InlineData('\u00B2', nameof(BidiClass.EN))]
    [InlineData('\u06F5', nameof(BidiClass.EN))] // extended Arabic-Indic digit
    [InlineData('\u0665', nameof(BidiClass.AN))] // Arabic-Indic digit
    [InlineData('\u0600', nameof(BidiClass.AN))]
    [InlineData('+', nameof(BidiClass.ES))]
    [InlineData('\u2212', nameof(BidiClass.ES))]
    [InlineData('$', nameof(BidiClass.ET))]
    [InlineData('\u20AC', nameof(BidiClass.ET))]
    [InlineData('\u00B0', nameof(BidiClass.ET))]
    [InlineData(',', nameof(BidiClass.CS))]
    [InlineData('\u00A0', nameof(BidiClass.CS))]
    [InlineData('\u060C', nameof(BidiClass.CS))] // Arabic comma
    [InlineData('\u0301', nameof(BidiClass.NSM))]
    [InlineData('\u064E', nameof(BidiClass.NSM))] // Arabic fatha
    [InlineData('\u05B4', nameof(BidiClass.NSM))] // Hebrew point hiriq
    [InlineData('\u200B', nameof(BidiClass.BN))]
    [InlineData('\u200D', nameof(BidiClass.BN))]
    [InlineData('\u00AD', nameof(BidiClass.BN))]
    [InlineData('\u200E', nameof(BidiClass.L))]
    [InlineData('\u200F', nameof(BidiClass.R))]
    [InlineData('\u061C', nameof(BidiClass.AL))]
    [InlineData(' ', nameof(BidiClass.WS))]
    [InlineData('\u2003', nameof(BidiClass.WS))]
    [InlineData('\t', nameof(BidiClass.S))]
    [InlineData('\u2029', nameof(BidiClass.B))]
    [InlineData('!', nameof(BidiClass.ON))]
    [InlineData('(', nameof(BidiClass.ON))]
    [InlineData('\u201C', nameof(BidiClass.ON))]
    [InlineData('\u00BD', nameof(BidiClass.ON))]
    [InlineData('\u02C6', nameof(BidiClass.ON))] // a modifier letter that Unicode types ON
    [InlineData('\u0964', nameof(BidiClass.L))] // Devanagari danda: punctuation, but L
    [InlineData('\u0CBF', nameof(BidiClass.L))] // a Kannada vowel sign: a non-spacing mark, but L
    [InlineData('\u0F0B', nameof(BidiClass.L))] // Tibetan tsheg
    [InlineData('\u2800', nameof(BidiClass.L))] // Braille
    [InlineData('\u338F', nameof(BidiClass.L))] // the squared abbreviation for kilograms
    [InlineData('\uFFFF', nameof(BidiClass.BN))] // a noncharacter
    public void Of_GivesUnicodesBidiClass(char c, string expected)
    {
        Assert.Equal(Enum.Parse<BidiClass>(expected), BidiClasses.Of(c));
    }

    [Theory]
    [InlineData("abc", 0, "000")]
    [InlineData("abc אבג def", 0, "00001110000")]
    [InlineData("אבג 123 abc", 1, "11112221222")] // numbers and Latin are set left to right inside the right-to-left paragraph
    [InlineData("אבג abc def", 1, "11112222222")] // a space between two Latin words stays with them
    [InlineData("abc 123", 0, "0000000")]
    [InlineData("123 אבג", 1, "2221111")] // the first strong character decides, not the first character
    [InlineData("אבג 1,5", 1, "1111222")] // W4: one comma inside a number
    [InlineData("אבג 1+2", 1, "1111222")] // W4: a plus sign between two European numbers
    [InlineData("אבג $12", 1, "1111222")] // W5: a currency sign before a number
    [InlineData("אבג 12%", 1, "1111222")] // W5: a percent sign after it
    [InlineData("בכם 12", 1, "111122")]
    [InlineData("بكم 12", 1, "111122")] // W2: a European number after an Arabic letter is an Arabic number (still level 2)
    [InlineData("abc بكم 12", 0, "0000111122")] // ... and in a left-to-right paragraph it is not reversed with the Arabic
    [InlineData("بكم 12%", 1, "1111221")] // ... so a percent sign after it is no terminator (W5 is for European numbers)
    [InlineData("!?", 0, "00")]
    [InlineData("\u05D0\u05B4b", 1, "112")] // W1: a mark takes its base's direction
    [InlineData("\u05D0 b\u0301", 1, "1122")] // ... a left-to-right one too
    public void ResolveLevels_FollowsTheImplicitRules(string text, byte paragraphLevel, string levels)
    {
        Assert.Equal(paragraphLevel, Resolve(text).Paragraph);
        Assert.Equal(levels, Levels(text));
    }

    [Theory]
    [InlineData("abc\nאבג", "0,4,0 4,7,1", "0000111")]
    [InlineData("אבג\nabc 1", "0,4,1 4,9,0", "111100000")] // without P1, the Latin and the number would be at level 2
    [InlineData("abc\u2029אבג", "0,4,0 4,7,1", "0000111")]
    [InlineData("אבג\u0085abc", "0,4,1 4,7,0", "1111000")]
    [InlineData("אבג\u001Cabc\u001Dאבג\u001E", "0,4,1 4,8,0 8,12,1", "111100001111")]
    [InlineData("אבג\r\nabc", "0,4,1 4,5,0 5,8,0", "11110000")] // CR and LF are two separators: the LF alone is a paragraph
    [InlineData("abc\n", "0,4,0", "0000")] // a separator at the end starts no paragraph after it
    [InlineData("\nאבג", "0,1,0 1,4,1", "0111")]
    [InlineData("", "0,0,0", "")]
    public void ResolveParagraphs_SplitsAfterEachParagraphSeparator_AndResolvesEachPartOnItsOwn(string text, string paragraphs, string levels)
    {
        var resolved = new byte[text.Length];
        var split = UnicodeBidi.ResolveParagraphs(text, resolved);
        Assert.Equal(paragraphs, string.Join(' ', split.Select(static p => $"{p.Start},{p.End},{p.Level}")));
        Assert.Equal(levels, string.Concat(resolved.Select(static l => (char)('0' + l))));
    }

    [Fact]
    public void ResolveParagraphs_PairsNoBracketsAcrossAParagraphSeparator()
    {
        // In "(a", a forced break, then "ב)": as one paragraph the brackets would pair around "a" and both be L (N0),
        // ")" at level 0; as two they are no pair, and ")" ends the Hebrew paragraph, right to left like it.
        var levels = new byte[5];
        UnicodeBidi.ResolveParagraphs("(a\nב)", levels);
        Assert.Equal("00011", string.Concat(levels.Select(static l => (char)('0' + l))));
    }

    [Fact]
    public void IsParagraphSeparator_IsExactlyTypeB()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            Assert.True(UnicodeBidi.IsParagraphSeparator((char)c) == (BidiClasses.Of(c) == BidiClass.B), $"U+{c:X4}");
        }
    }

    [Fact]
    public void ResetWhitespaceLevels_PutsTrailingSpaceAndSegmentSeparatorsAtTheParagraphLevel()
    {
        var text = "abc\tdef  ";
        var classes = new BidiClass[text.Length];
        UnicodeBidi.Classify(text, classes);
        var levels = new byte[] { 2, 2, 2, 2, 2, 2, 2, 2, 2 };
        UnicodeBidi.ResetWhitespaceLevels(classes, 1, levels);
        Assert.Equal(new byte[] { 2, 2, 2, 1, 2, 2, 2, 1, 1 }, levels);
    }

    [Fact]
    public void ResetWhitespaceLevels_GivesABoundaryNeutral_TheLevelOfTheCharacterBeforeIt_OnceReset()
    {
        // A Hebrew letter, a tab, a joiner and a Hebrew letter, all at level 1 in a left-to-right paragraph: the tab goes
        // to 0, and so does the joiner after it (UAX #9, section 5.2); a joiner first in the line takes the paragraph
        // level.
        var classes = new[] { BidiClass.R, BidiClass.S, BidiClass.BN, BidiClass.R };
        var levels = new byte[] { 1, 1, 1, 1 };
        UnicodeBidi.ResetWhitespaceLevels(classes, 0, levels);
        Assert.Equal(new byte[] { 1, 0, 0, 1 }, levels);

        levels = [1, 1];
        UnicodeBidi.ResetWhitespaceLevels([BidiClass.BN, BidiClass.R], 0, levels);
        Assert.Equal(new byte[] { 0, 1 }, levels);
    }

    [Fact]
    public void VisualOrder_ReversesFromTheHighestLevelDown()
    {
        // "אבג 123 abc" at levels 1111 222 1 222: the Latin and the number keep their order, the runs are reversed.
        var order = UnicodeBidi.VisualOrder(new byte[] { 1, 1, 1, 1, 2, 2, 2, 1, 2, 2, 2 });
        Assert.Equal([8, 9, 10, 7, 4, 5, 6, 3, 2, 1, 0], order);
    }

    [Fact]
    public void VisualOrder_IsAPermutation_OfAnyLevels()
    {
        Prop.ForAll(Gen.ArrayOf(Gen.Choose(0, 6).Select(static l => (byte)l)).ToArbitrary(), static levels =>
        {
            var order = UnicodeBidi.VisualOrder(levels);
            return order.Order().SequenceEqual(Enumerable.Range(0, levels.Length));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void VisualOrder_OfAnEvenLevelLine_IsTheIdentity_AndOfAnOddOne_TheReverse()
    {
        Prop.ForAll(Gen.Choose(0, 40).ToArbitrary(), Gen.Choose(0, 5).ToArbitrary(), static (length, level) =>
        {
            var order = UnicodeBidi.VisualOrder(Enumerable.Repeat((byte)level, length).ToArray());
            var logical = Enumerable.Range(0, length);
            return order.SequenceEqual(level % 2 == 0 ? logical : logical.Reverse());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ResolveLevels_OfLeftToRightText_IsAllZero_AndItsLineIsTheIdentity()
    {
        // Latin, digits, punctuation, symbols and spaces, with accents and a Devanagari word: nothing right to left.
        var pieces = Gen.Elements("abc", "Zoë", "12", "3,5", "+", "-", "$", "%", " ", "(", ")", "\u0301", "\u0928\u092E\u0938\u094D\u0924\u0947", "!", "\u00A0", "\u20AC");
        Prop.ForAll(Gen.ArrayOf(pieces).Select(static p => string.Concat(p)).ToArbitrary(), static text =>
        {
            var (paragraph, levels) = Resolve(text);
            return paragraph == 0 && levels.All(static l => l == 0)
                && UnicodeBidi.VisualOrder(levels).SequenceEqual(Enumerable.Range(0, text.Length));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ALineOfRightToLeftWords_IsDrawnReversed()
    {
        // Hebrew letters and the spaces between them, no numbers or other neutrals: the whole line is reversed.
        var word = Gen.ArrayOf(Gen.Elements(Hebrew.ToCharArray())).Where(static w => w.Length > 0).Select(static w => new string(w));
        Prop.ForAll(Gen.ArrayOf(word).Where(static w => w.Length > 0).Select(static w => string.Join(' ', w)).ToArbitrary(), static text =>
        {
            var (paragraph, levels) = Resolve(text);
            return paragraph == 1 && UnicodeBidi.VisualOrder(levels).SequenceEqual(Enumerable.Range(0, text.Length).Reverse());
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ALeftToRightRunInsideARightToLeftLine_KeepsItsOrder()
    {
        // Hebrew words around one Latin or number run: the run reads left to right, everything else is reversed.
        var hebrew = Gen.ArrayOf(Gen.Elements(Hebrew.ToCharArray())).Where(static w => w.Length > 0).Select(static w => new string(w));
        var latin = Gen.Elements("abc", "x", "2024", "Zoë", "AB12");
        Prop.ForAll(hebrew.ToArbitrary(), latin.ToArbitrary(), hebrew.ToArbitrary(), static (before, middle, after) =>
        {
            var text = before + " " + middle + " " + after;
            var (_, levels) = Resolve(text);
            var visual = new string(UnicodeBidi.VisualOrder(levels).Select(i => text[i]).ToArray());
            var expected = new string(after.Reverse().ToArray()) + " " + middle + " " + new string(before.Reverse().ToArray());
            return visual == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    // UAX #9's N0 examples, with Hebrew for the upper-case (right-to-left) letters. "AB(CD[&ef]!)gh": the
    // parentheses enclose right-to-left letters, so they are R; the square brackets enclose only Latin, after a
    // Hebrew letter, so they take the paragraph's direction too, and "!" between "]" and ")" is R.
    [InlineData("אב(גד[&ef]!)gh", "11111112211122")]
    // "smith (fabrikam ARABIC) HEBREW" in a right-to-left paragraph (the mark first makes it one): the bracket
    // holds Hebrew, the embedding direction, so both brackets are R although Latin is on both sides of "(".
    [InlineData("\u200Fsmith (fabrikam אבג) דהו", "1222221122222222111111111")]
    // "ARABIC book(s)": Latin inside, Latin before, so both brackets are L, and "book(s)" reads as one word.
    [InlineData("שלום book(s)", "111112222222")]
    // A Hebrew word in brackets after a Hebrew word in a Latin paragraph: the brackets go with the Hebrew.
    [InlineData("abc שלום (עולם)", "000011111111111")]
    // Numbers count as R inside a pair and before it: the brackets around "123" after Hebrew are R.
    [InlineData("abc אבג (123)", "0000111112221")]
    // No strong type inside: the pair is left to N1–N2, like any neutrals.
    [InlineData("אבג (!) abc", "11111111222")]
    [InlineData("abc (!) אבג", "00000000111")]
    [InlineData("\u200Fab (!) cd", "1222222222")] // between Latin words in a right-to-left paragraph: L, by N1
    // A pair resolved before is the strong type before the next one: "(c ד)" holds Latin, so it is L, and then
    // "[ג]" (Hebrew inside, L before it) is L too, not R as the "ד" before it would make it.
    [InlineData("\u200Eאב(c ד)[ג]", "01100010010")]
    // Nothing strong before the pair: the start of the paragraph (sos) counts, in the paragraph's direction, so the
    // brackets around an Arabic-Indic digit at the start of a Latin paragraph stay L.
    [InlineData("(\u0665) abc", "0200000")]
    // A boundary neutral (a zero-width space) is left out of the sequence the brackets are paired in, and takes the
    // level of the bracket before it.
    [InlineData("שלום book(\u200Bs)", "1111122222222")]
    // A mark right after a resolved bracket takes its direction.
    [InlineData("שלום book(s)\u0301", "1111122222222")]
    // Canonical equivalents pair: U+2329 with U+3009, U+3008 with U+232A.
    [InlineData("שלום book\u2329s\u3009", "111112222222")]
    [InlineData("שלום book\u3008s\u232A", "111112222222")]
    // Brackets that do not match are no pair: the closing one is resolved by N1–N2, at the paragraph's level.
    [InlineData("שלום book(s]", "111112222221")]
    public void ResolveLevels_GivesABracketPairOneDirection(string text, string levels)
    {
        Assert.Equal(levels, Levels(text));
    }

    [Theory]
    [InlineData("a(b)c", "1:3")]
    [InlineData("a(b[c]d)e", "1:7 3:5")]
    [InlineData("a(b[c)d]e", "1:5")] // ")" pairs with "(" and drops the "[" opened inside it; "]" then finds nothing
    [InlineData("a)b(c", "")]
    [InlineData("(]", "")]
    [InlineData("([)", "0:2")]
    [InlineData("\u2329a\u3009 \u3008b\u232A", "0:2 4:6")] // canonical equivalents
    [InlineData("\u298Da\u2990\u298Fb\u298E", "0:2 3:5")] // the ticked square brackets
    [InlineData("\u298Da\u298E", "")]
    public void PairBrackets_FindsThePairsOfBD16(string text, string expected)
    {
        Assert.Equal(expected, Pairs(text));
    }

    [Fact]
    public void PairBrackets_StopsAtTheSixtyFourthOpenBracket_KeepingThePairsFoundBefore()
    {
        // 63 nested pairs fill the stack exactly; a 64th opening bracket stops BD16 for the rest of the paragraph.
        var deepest = new string('(', 63) + "a" + new string(')', 63);
        Assert.Equal(string.Join(' ', Enumerable.Range(0, 63).Select(static i => $"{i}:{126 - i}")), Pairs(deepest));
        Assert.Equal(string.Empty, Pairs(new string('(', 64) + "a" + new string(')', 64)));
        Assert.Equal("0:2", Pairs("(a)" + new string('(', 64) + "a" + new string(')', 64)));

        // ... and N0 still resolves those: "book(s)" stays whole before 64 unpaired brackets.
        Assert.Equal("111112222222" + new string('1', 65), Levels("שלום book(s) " + new string('(', 64)));
    }

    [Fact]
    public void PairBrackets_OfWellNestedText_PairsEveryBracket_WithItsOwn()
    {
        // A random walk that opens one of three kinds of bracket, writes a letter or closes the innermost bracket,
        // then closes what is left: every opening bracket must be paired with the closing bracket written for it.
        var steps = Gen.ArrayOf(Gen.Choose(0, 4));
        Prop.ForAll(steps.ToArbitrary(), static ops =>
        {
            var text = new System.Text.StringBuilder();
            var open = new Stack<(int At, char Close)>();
            var expected = new List<string>();
            foreach (var op in ops)
            {
                if (op < 3 && open.Count < 63)
                {
                    open.Push((text.Length, ")]\u27E9"[op]));
                    text.Append("([\u27E8"[op]);
                }
                else if (op == 3 && open.Count > 0)
                {
                    var (at, close) = open.Pop();
                    expected.Add($"{at}:{text.Length}");
                    text.Append(close);
                }
                else
                {
                    text.Append('x');
                }
            }

            while (open.Count > 0)
            {
                var (at, close) = open.Pop();
                expected.Add($"{at}:{text.Length}");
                text.Append(close);
            }

            return Pairs(text.ToString()) == string.Join(' ', expected.OrderBy(static p => int.Parse(p[..p.IndexOf(':', StringComparison.Ordinal)], CultureInfo.InvariantCulture)));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void PairBrackets_OfAnyText_FindsMatchingPairs_ThatNest()
    {
        var text = Gen.ArrayOf(Gen.Elements("(", ")", "[", "]", "{", "}", "\u2329", "\u3009", "a", "א")).Select(static p => string.Concat(p));
        Prop.ForAll(text.ToArbitrary(), static text =>
        {
            var pairs = FindPairs(text);
            var nested = pairs.All(p => pairs.All(q => q.Close < p.Open || q.Open > p.Close || (q.Open <= p.Open && q.Close >= p.Close) || (q.Open > p.Open && q.Close < p.Close)));
            var matching = pairs.All(p => BidiBrackets.TryGetPair(text[p.Open], out var close, out var opening) && opening
                && BidiBrackets.Canonical(close) == BidiBrackets.Canonical(text[p.Close]));
            return nested && matching;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ResolveLevels_GivesBothBracketsOfAPair_OneLevel()
    {
        // With N0 the two brackets of a pair always come out at one level, whatever surrounds them; resolved as
        // other neutrals they do not ("שלום book(s)" would leave ")" at level 1).
        var pieces = Gen.Elements("שלום", "abc", "12", "\u0665", " ", "(", ")", "[", "]", "!", "-", "\u0301", "\u05B4", "بكم");
        Prop.ForAll(Gen.ArrayOf(pieces).Select(static p => string.Concat(p)).ToArbitrary(), static text =>
        {
            var (_, levels) = Resolve(text);
            return FindPairs(text).All(p => levels[p.Open] == levels[p.Close]);
        }).QuickCheckThrowOnFailure();
    }

    private static List<(int Open, int Close)> FindPairs(string text)
    {
        var closingOf = new int[text.Length];
        var found = UnicodeBidi.PairBrackets(text, Enumerable.Range(0, text.Length).ToArray(), closingOf);
        var pairs = new List<(int Open, int Close)>();
        for (var i = 0; i < text.Length; i++)
        {
            if (closingOf[i] >= 0)
            {
                pairs.Add((i, closingOf[i]));
            }
        }

        Assert.Equal(pairs.Count > 0, found);
        return pairs;
    }

    private static string Pairs(string text) => string.Join(' ', FindPairs(text).Select(static p => $"{p.Open}:{p.Close}"));

    /// <summary>
    /// A paragraph level set by the recipient's language (HL1) holds for every paragraph, whatever its first strong
    /// character: Latin in a right-to-left paragraph is an embedded run (level 2), Hebrew in a left-to-right one level 1.
    /// </summary>
    [Theory]
    [InlineData("IKEA 5", 1, "222222")] // W7: the digit after Latin is Latin
    [InlineData("IKEA \u05D0\u05D1", 1, "2222111")]
    [InlineData("\u05D0\u05D1 IKEA", 0, "1100000")]
    [InlineData("\u05D0\u05D1 IKEA", null, "1112222")]
    public void ResolveParagraphs_WithALevelGiven_UsesItForEveryParagraph(string text, int? given, string expected)
    {
        var levels = new byte[text.Length];
        var paragraphs = UnicodeBidi.ResolveParagraphs(text, levels, (byte?)given);

        Assert.Equal(given ?? 1, Assert.Single(paragraphs).Level);
        Assert.Equal(expected, string.Concat(levels.Select(static l => (char)('0' + l))));
    }

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public bool ResolveParagraphs_WithALevelGiven_GivesEveryParagraphThatLevel(NonNull<string> text, bool rightToLeft)
    {
        var level = rightToLeft ? (byte)1 : (byte)0;
        var levels = new byte[text.Get.Length];
        return UnicodeBidi.ResolveParagraphs(text.Get, levels, level).All(p => p.Level == level)
            && levels.All(l => l >= level);
    }
}
