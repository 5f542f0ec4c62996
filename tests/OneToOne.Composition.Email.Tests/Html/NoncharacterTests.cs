using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Html;

/// <summary>
/// U+FFFF in a recipient value: AngleSharp, which prepares the HTML part (CSS inlining, the preheader), took it for the
/// end of its input, and the HTML part lost everything after it.
/// </summary>
public sealed class NoncharacterTests
{
    [Theory]
    [InlineData("\uFFFF")]
    [InlineData("Ann\uFFFF")]
    [InlineData("&\uFFFF\uFFFF")]
    public void Compose_ANameWithUPlusFFFF_KeepsTheWholeHtmlPart(string name)
    {
        var html = Load(Compose(Person(name: name)).ToBytes()).HtmlBody!;
        var escaped = name.Replace("&", "&amp;", StringComparison.Ordinal);

        // Every place the name goes (the title, the preheader, the body's text), and everything after them.
        Assert.Contains($"<title>News for {escaped}</title>", html, StringComparison.Ordinal);
        Assert.Contains($">{escaped}, this month's picks</div>", html, StringComparison.Ordinal);
        Assert.Contains($"Hi <strong>{escaped}</strong>, see <a href=\"https://example.com/picks\">our picks</a>.</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p id=\"foot\" style=\"color: red\">Footer</p>\n</body></html>", html, StringComparison.Ordinal);
    }
}
