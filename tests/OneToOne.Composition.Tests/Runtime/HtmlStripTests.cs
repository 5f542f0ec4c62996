using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Runtime;
using Scriban;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// <c>html.strip</c> removes what Scriban's removes, in time in proportion to the text: a recipient's value cannot make it
/// backtrack until the time budget runs out.
/// </summary>
public sealed class HtmlStripTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_HtmlStripOfAValueThatMadeScribansPatternBacktrack_GivesTheTextBack(bool compiled)
    {
        // 2^40 ways to split the attributes for Scriban's backtracking pattern: with a budget of 30 s it ran out and failed
        // the recipient ("The Regex engine has timed out …"); without a budget it never ended.
        var value = "<" + string.Concat(Enumerable.Repeat("=a", 40));
        var catalog = new CatalogLoader(CompositionOptions.Default with { UseCompiledPaths = compiled, Limits = RenderLimits.Default with { TimeBudget = TimeSpan.FromSeconds(30) } })
            .Parse("catalog: t\nmessages:\n  m:\n    body: \"[{{ bio | html.strip }}] [{{ note | html.strip }}]\"\n");

        var body = catalog.Render(catalog.Decide(Person(("id", "a"), ("bio", value), ("note", "<p class=\"x\">Hi <script>x()</script><b>there</b><!-- c --></p>")), "m"), Channel.Text).Body;

        Assert.Equal($"[{value}] [Hi there]\n", body.Replace("&lt;", "<", StringComparison.Ordinal));
    }

    [Fact]
    public void Strip_ManyUnclosedScriptsCommentsAndStyles_IsReadOnceAndKeepsThem()
    {
        // Each '<script' looked for its '</script>' to the end of the text: 20,000 of them (140,000 characters, a
        // recipient's value) took 13 s, with no regular expression timeout to stop it; this many took minutes.
        // No '>' either, so no alternative matches and the text is kept whole.
        var value = string.Concat(Enumerable.Repeat("<script<!--<style", 60_000));

        Assert.Same(value, HtmlStrip.Strip(new TemplateContext(), value));
        Assert.Equal("a-->b", HtmlStrip.Strip(new TemplateContext(), "a<!--x--><!--y-->-->b<Script>z</SCRIPT>"));
    }

    /// <summary>Text made of the pieces the pattern reads: tags, quotes, equals signs, scripts, styles and comments, in either case.</summary>
    private static Gen<string> Markupish() =>
        Gen.Elements("<", "<", ">", ">", "=", "=", "=", "'", "\"", "a", "B", " ", "\n", "\u2028", "script", "SCRIPT", "</script>", "style", "</STYLE>", "<!--", "-->", "/", "é",
            "-", "\t", "\u00A0", "\u017F", "\U0001F600", "<SCRIPT", "<!-", "-->")
            .ArrayOf().Select(static pieces => string.Concat(pieces));

    [Property(MaxTest = 2000)]
    public Property Strip_RemovesWhatScribansStripRemoves() =>
        Prop.ForAll(
            Markupish().ToArbitrary(),
            static text =>
            {
                var context = new TemplateContext { RegexTimeOut = TimeSpan.FromSeconds(30) };
                var scriban = Scriban.Functions.HtmlFunctions.Strip(context, text);
                var ours = HtmlStrip.Strip(context, text);
                return (ours == scriban).Label($"\"{text}\": Scriban's \"{scriban}\", ours \"{ours}\"");
            });
}
