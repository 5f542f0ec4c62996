using System.Text;
using FsCheck;
using FsCheck.Xunit;

namespace OneToOne.Composition.Batch.Tests.Running;

public sealed class SeenIdsTests
{
    [Fact]
    public void Add_TellsEveryIdSeenBefore_AcrossTheTablesGrowth()
    {
        var seen = new SeenIds();
        var ids = Enumerable.Range(0, 20_000).Select(static i => $"c{i:0000000}").Append(string.Empty).Append("Zoë ✉").ToArray();

        Assert.All(ids, id => Assert.True(seen.Add(id, out _), $"'{id}' was new"));
        Assert.All(ids, id =>
        {
            Assert.False(seen.Add(id, out var otherWay), $"'{id}' was seen");
            Assert.False(otherWay, $"'{id}' was seen written the same way");
        });
        Assert.True(seen.Add("c0020000", out _));
    }

    [Theory]
    [InlineData("Jos\u00E9", "Jose\u0301")] // composed first, then decomposed (a macOS export)
    [InlineData("Jose\u0301", "Jos\u00E9")] // decomposed first
    [InlineData("\uD55C", "\u1112\u1161\u11AB")] // a Hangul syllable and its jamo
    [InlineData("\u212A-100", "K-100")] // the Kelvin sign is canonically 'K'
    [InlineData("a\u0323\u0307", "a\u0307\u0323")] // two decomposed forms, marks in other orders, neither composed
    public void Add_CanonicallyEqualIds_AreOneId_WrittenAnotherWay(string first, string second)
    {
        var seen = new SeenIds();

        Assert.True(seen.Add(first, out _));
        Assert.False(seen.Add(second, out var otherWay));
        Assert.True(otherWay);
        Assert.False(seen.Add(first, out otherWay));
        Assert.False(otherWay);
    }

    [Theory]
    [InlineData("Jose", "Jos\u00E9")] // an accent is another letter, not another way of writing it
    [InlineData("\uFB01le", "file")] // the ligature is only compatibility-equal (NFKC), so another id
    public void Add_IdsNotCanonicallyEqual_AreTwoIds(string first, string second)
    {
        var seen = new SeenIds();

        Assert.True(seen.Add(first, out _));
        Assert.True(seen.Add(second, out var otherWay));
        Assert.False(otherWay);
    }

    [Fact]
    public void Add_LoneSurrogates_CannotBeNormalised_AreComparedAsTheyAre()
    {
        // Built here, not in InlineData: xunit hands a lone surrogate over as U+FFFD.
        var seen = new SeenIds();

        Assert.True(seen.Add("x" + '\uD800', out _));
        Assert.True(seen.Add("x" + '\uDC00', out _));
        Assert.False(seen.Add("x" + '\uD800', out var otherWay));
        Assert.False(otherWay);
    }

    private static readonly string[] Pieces = ["a", "e", "\u00E9", "e\u0301", "n\u0303", "\u00F1", "\uD55C", "\u1112\u1161\u11AB", "\u0323", "\u0307", "K", "\u212A", "-", "7"];

    [Property(MaxTest = 300)]
    public bool Add_AnyIdDecomposed_IsADuplicateOfItComposed(NonEmptyArray<byte> picks)
    {
        // Ids from pieces that compose, decompose and reorder (marks, jamo, the Kelvin sign), so most have two forms.
        var id = string.Concat(picks.Get.Select(static p => Pieces[p % Pieces.Length]));
        var seen = new SeenIds();
        var composed = id.Normalize(NormalizationForm.FormC);
        var decomposed = id.Normalize(NormalizationForm.FormD);
        return seen.Add(composed, out _)
            && !seen.Add(decomposed, out var otherWay) && otherWay == (composed != decomposed)
            && !seen.Add(id, out otherWay) && otherWay == (id != composed);
    }
}
