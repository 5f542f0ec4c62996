using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using OneToOne.Composition.Compilation;

namespace OneToOne.Composition.Tests.Properties;

/// <summary>
/// The accessibility check parses a Markdown text for its links and images only when it may hold one
/// (<c>AccessibilityCheck.MayHoldLink</c>): a text it passes over must hold none by Markdig's own reading, with the pipeline
/// the check reads with.
/// </summary>
public sealed class AccessibilityLinkFilterProperties
{
    private static readonly MarkdownPipeline PreciseLocations = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    // Pieces of link syntax, whole and broken, with the spaces, line ends, escapes and code spans that keep or break them.
    private static Gen<string> MarkdownText() =>
        from length in Gen.Choose(0, 24)
        from pieces in Gen.Elements(
                "[", "]", "(", ")", "!", ":", " ", "\n", "\n\n", "\\", "`", "<", ">", "*", "|", "- ", "> ", "    ", "#",
                "a", "here", "url", "/u", "http://x.test/y", "{{ name }}", "[en]", "[a]", "[]", "(u)", "[a] (u)", "[a]\n(u)", "]\n:",
                "[a]: /u", "[a] : /u", "[a]:/u", "![a]", "![a](", "[a](", "](", "][", "]:", "&#93;(", "\\](").ArrayOf(length)
        select string.Concat(pieces);

    [Property(MaxTest = 3000)]
    public Property TextPassedOver_HoldsNoLinkOrImage() =>
        Prop.ForAll(
            MarkdownText().ToArbitrary(),
            static text =>
            {
                var links = Markdown.Parse(text, PreciseLocations).Descendants<LinkInline>().Count();
                return (AccessibilityCheck.MayHoldLink(text) || links == 0).Label($"{links} link(s) in \"{text.Replace("\n", "\\n", StringComparison.Ordinal)}\"");
            });

    [Theory]
    [InlineData("[here](https://x.test)")]
    [InlineData("![logo](logo.png)")]
    [InlineData("[here][r]\n\n[r]: https://x.test")]
    [InlineData("[here][]\n\n[here]: https://x.test")]
    [InlineData("[here]\n\n[here]: https://x.test")]
    public void TextWithALink_IsRead(string text)
    {
        Assert.NotEmpty(Markdown.Parse(text, PreciseLocations).Descendants<LinkInline>());
        Assert.True(AccessibilityCheck.MayHoldLink(text));
    }

    [Fact]
    public void AHeadingsBracketAlone_IsPassedOver() =>
        Assert.False(AccessibilityCheck.MayHoldLink("## [en] Offer 0.0 for {{ first_name }}\nAs a **{{ tier }}** member"));
}
