using System.Globalization;
using OneToOne.Composition.Email.Html;

namespace OneToOne.Composition.Email.Tests.Html;

public sealed class StyleSheetCacheTests
{
    // Two layouts whose style sheets are the same length and differ only in values and a media query: a cache keyed by
    // anything less than the exact text (its length, a hash, the first sheet seen) gives one layout's rules to the other.
    private const string LayoutA = "<style>p { color: red } .n { margin: 0 }</style><style>@media (max-width: 100px) { p { color: red } }</style>";
    private const string LayoutB = "<style>p { color: tan } .n { margin: 9 }</style><style>@media (max-width: 200px) { p { color: tan } }</style>";

    private static string Compose(string layoutStyles, int recipient) =>
        HtmlPreparer.Prepare(
            $"<!DOCTYPE html><html><head>{layoutStyles}</head><body><p class=\"n\" style=\"padding: {recipient}px\">Reader {recipient}</p></body></html>",
            isDocument: true,
            "s",
            preheader: null,
            inlineCss: true);

    [Fact]
    public void TwoLayouts_ComposedAlternatelyOnSeveralThreads_EachGetsItsOwnRules_AsComposedAlone()
    {
        const int Recipients = 40;
        var alone = new string[2, Recipients];
        for (var i = 0; i < Recipients; i++)
        {
            alone[0, i] = Compose(LayoutA, i);
            alone[1, i] = Compose(LayoutB, i);
        }

        Assert.Contains("<p class=\"n\" style=\"color: red; margin: 0; padding: 7px\">Reader 7</p>", alone[0, 7], StringComparison.Ordinal);
        Assert.Contains("@media (max-width: 100px)", alone[0, 7], StringComparison.Ordinal);
        Assert.Contains("<p class=\"n\" style=\"color: tan; margin: 9; padding: 7px\">Reader 7</p>", alone[1, 7], StringComparison.Ordinal);
        Assert.Contains("@media (max-width: 200px)", alone[1, 7], StringComparison.Ordinal);

        var mismatches = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8 * Recipients, new ParallelOptions { MaxDegreeOfParallelism = 4 }, n =>
        {
            var layout = n % 2;
            var recipient = n / 2 % Recipients;
            var html = Compose(layout == 0 ? LayoutA : LayoutB, recipient);
            if (html != alone[layout, recipient])
            {
                mismatches.Add($"layout {(layout == 0 ? 'A' : 'B')}, recipient {recipient}: {html}");
            }
        });

        Assert.Empty(mismatches);
    }

    [Fact]
    public void MoreDistinctSheetsThanItKeeps_AreEachStillInlinedRightly_AndTheCacheStaysBounded()
    {
        for (var k = 0; k < StyleSheetCache.SheetCapacity + 50; k++)
        {
            var width = k.ToString(CultureInfo.InvariantCulture);
            var html = HtmlPreparer.Prepare(
                $"<!DOCTYPE html><html><head><style>p {{ width: {width}px }}</style></head><body><p>x</p></body></html>", true, "s", null, true);

            Assert.Contains($"<p style=\"width: {width}px\">x</p>", html, StringComparison.Ordinal);
        }

        Assert.Equal(StyleSheetCache.SheetCapacity, StyleSheetCache.Current.SheetCount);
    }

    [Fact]
    public void OwnStyleAttributes_DifferingPerRecipient_AreEachReadAsWritten()
    {
        var first = Compose(LayoutA, 1);
        var second = Compose(LayoutA, 2);

        Assert.Contains("style=\"color: red; margin: 0; padding: 1px\"", first, StringComparison.Ordinal);
        Assert.Contains("style=\"color: red; margin: 0; padding: 2px\"", second, StringComparison.Ordinal);
    }
}
