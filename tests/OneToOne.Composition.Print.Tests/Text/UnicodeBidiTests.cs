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
        var paragraph = UnicodeBidi.ResolveLevels(text, levels);
        return (paragraph, levels);
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
}
