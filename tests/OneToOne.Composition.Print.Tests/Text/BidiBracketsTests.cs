using System.Globalization;
using OneToOne.Composition.Print.Text;

namespace OneToOne.Composition.Print.Tests.Text;

public sealed class BidiBracketsTests
{
    [Theory]
    [InlineData('(', ')')]
    [InlineData('[', ']')]
    [InlineData('{', '}')]
    [InlineData('\u0F3C', '\u0F3D')] // Tibetan ang khang
    [InlineData('\u2329', '\u232A')] // angle brackets, canonically U+3008/U+3009
    [InlineData('\u298D', '\u2990')] // square brackets with a tick in the top corner: not neighbours
    [InlineData('\u298F', '\u298E')] // ... and in the bottom corner: the closing one comes first
    [InlineData('\u2E55', '\u2E56')]
    [InlineData('\u3010', '\u3011')]
    [InlineData('\uFF62', '\uFF63')] // half-width corner brackets
    public void TryGetPair_GivesTheBidiPairedBracket_BothWays(char open, char close)
    {
        Assert.True(BidiBrackets.TryGetPair(open, out var closing, out var opening));
        Assert.True(opening);
        Assert.Equal(close, closing);
        Assert.True(BidiBrackets.TryGetPair(close, out var opened, out opening));
        Assert.False(opening);
        Assert.Equal(open, opened);
    }

    [Theory]
    [InlineData('a')]
    [InlineData('<')] // a mirrored character, but no paired bracket
    [InlineData('\u201A')] // a low quotation mark: OpenPunctuation, but no bracket
    [InlineData('\u301D')] // a CJK quotation mark, likewise
    [InlineData('\uFD3E')] // ornate parenthesis: punctuation, but Unicode pairs it with nothing
    [InlineData('\uFE35')] // a vertical form: no pair either
    public void TryGetPair_OfAnythingElse_IsFalse(char c)
    {
        Assert.False(BidiBrackets.TryGetPair(c, out var pair, out _));
        Assert.Equal(c, pair);
    }

    [Fact]
    public void EveryPairedBracket_IsOpenOrClosePunctuation_OfTypeON_AndItsPairsPair()
    {
        // The table against .NET's categories: 64 pairs (BidiBrackets.txt since Unicode 14), each opening bracket Ps,
        // each closing one Pe, every bracket of bidi type ON, and the pair of a bracket's pair the bracket itself.
        var count = 0;
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            if (!BidiBrackets.TryGetPair(c, out var pair, out var opening))
            {
                continue;
            }

            count++;
            var expected = opening ? UnicodeCategory.OpenPunctuation : UnicodeCategory.ClosePunctuation;
            Assert.True(expected == CharUnicodeInfo.GetUnicodeCategory(c), $"U+{(int)c:X4} is {CharUnicodeInfo.GetUnicodeCategory(c)}");
            Assert.Equal(BidiClass.ON, BidiClasses.Of(c));
            Assert.True(BidiBrackets.TryGetPair(pair, out var back, out var pairOpening));
            Assert.Equal(c, back);
            Assert.NotEqual(opening, pairOpening);
        }

        Assert.Equal(128, count);
    }

    [Theory]
    [InlineData('\u2329', '\u3008')]
    [InlineData('\u232A', '\u3009')]
    [InlineData('\u3008', '\u3008')]
    [InlineData('(', '(')]
    public void Canonical_MapsTheAngleBracketsToTheirCjkEquivalents(char bracket, char expected)
    {
        Assert.Equal(expected, BidiBrackets.Canonical(bracket));
    }
}
