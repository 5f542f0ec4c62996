using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Properties;

/// <summary>
/// Slots of one or several modules, of one or several paragraphs (or a list), placed in every kind of line (a paragraph,
/// a heading, a link's text, emphasis, a table cell, a list item, a quote): the web output, read by a browser's parser,
/// never nests a block in an element that holds only words, and both render paths write the same web and text output
/// (or fail the recipient alike).
/// </summary>
public sealed class WebNestingProperties
{
    private static readonly string[] Places =
    [
        "{0}",
        "Try {0} today.",
        "# Offers: {0}",
        "## {0} end",
        "See [the {0} offers](https://example.com) now.",
        "*Em {0}* end",
        "Buy **{0}** now",
        "| a | b |\n|---|---|\n| x {0} | y |",
        "| a |\n|---|\n| {0} |",
        "- item {0}\n- next",
        "- {0}",
        "> Quote {0} end",
        "1. {0} first",
        "Dear {{{{ name }}}}, {0}",
    ];

    private static readonly string[] Contents =
    [
        "Beta",
        "One.\\n\\nTwo.",
        "**Bold** word {{ name }}",
        "Hi {{ name }}",
        "A\\n\\nB {{ name }}\\n\\nC",
        "- x {{ name }}\\n- y",
    ];

    /// <summary>Elements that hold only words: no block may stand in them.</summary>
    private static readonly HashSet<string> WordsOnly = ["P", "H1", "H2", "H3", "H4", "H5", "H6", "A", "EM", "STRONG"];

    private static readonly HashSet<string> BlockElements = ["P", "DIV", "UL", "OL", "TABLE", "H1", "H2", "H3", "H4", "H5", "H6", "BLOCKQUOTE", "PRE"];

    private static Arbitrary<(string[] Modules, string[] Placements)> Catalogs() =>
        (from modules in Gen.Elements(Contents).ArrayOf().Where(static m => m.Length is > 0 and <= 3)
         from placements in Gen.Elements(Places).ArrayOf().Where(static p => p.Length is > 0 and <= 3)
         select (modules, placements)).ToArbitrary();

    [Property(MaxTest = 150)]
    public Property WebOutput_NeverNestsABlockInALine_AndBothPathsAgree() =>
        Prop.ForAll(Catalogs(), static generated =>
        {
            var (modules, placements) = generated;
            var yaml = "catalog: t\nmodules:\n"
                + string.Concat(modules.Select(static (content, i) => $"  m{i}: \"{content}\"\n"))
                + $"slots:\n  s: {{ from: [{string.Join(", ", modules.Select(static (_, i) => $"m{i}"))}], pick: all }}\n"
                + "messages:\n  m:\n    body: \""
                + string.Join("\\n\\n", placements.Select(static p => string.Format(System.Globalization.CultureInfo.InvariantCulture, p, "{{ slot 's' }}").Replace("\n", "\\n", StringComparison.Ordinal)))
                + "\"\n";
            var compiled = Render(Load(true, yaml));
            var interpreted = Render(Load(false, yaml));

            // Both paths write the same, or fail the recipient with the same problem.
            Assert.Equal(interpreted, compiled);
            if (compiled.Web is { } html)
            {
                AssertNoBlockInALine(html);
            }

            return true;
        });

    private static (string? Web, string? Text, string? Print) Render(Catalog catalog)
    {
        var decision = catalog.Decide(Person(("id", "r1"), ("name", "Ann")), "m");
        var web = Try(() => catalog.Render(decision, Channel.Web).Body);
        var text = Try(() => catalog.Render(decision, Channel.Text).Body);
        var print = Try(() => catalog.RenderPrint(decision).Markdown);

        // A slot's modules that cannot stand where it is fail the recipient in every channel, with the same problem.
        Assert.Equal(web.Error, text.Error);
        Assert.Equal(web.Error, print.Error);
        return (web.Output, text.Output, print.Output);
    }

    private static (string? Output, string? Error) Try(Func<string> render)
    {
        try
        {
            return (render(), null);
        }
        catch (RecipientException ex)
        {
            return (null, ex.Problem);
        }
    }

    /// <summary>
    /// Reads the HTML as a browser does and checks that no block stands in a paragraph, heading, link or emphasis, nor in
    /// a table cell or list item beside words; and that the parser made no element the HTML did not write (a paragraph's
    /// end tag met after a block had closed the paragraph makes an empty one).
    /// </summary>
    internal static void AssertNoBlockInALine(string html)
    {
        using var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{html}</body></html>");
        var written = System.Text.RegularExpressions.Regex.Count(html, "<[a-zA-Z]");
        Assert.True(written == document.Body!.QuerySelectorAll("*").Length, $"The browser's parser made other elements than the HTML writes: {html}");
        foreach (var element in document.Body.QuerySelectorAll("*"))
        {
            if (!BlockElements.Contains(element.TagName))
            {
                continue;
            }

            for (var parent = element.ParentElement; parent is not null && parent != document.Body; parent = parent.ParentElement)
            {
                Assert.False(WordsOnly.Contains(parent.TagName), $"<{element.LocalName}> within <{parent.LocalName}>: {html}");
            }

            if (element.ParentElement is { TagName: "TD" or "TH" or "LI" } cell)
            {
                var words = cell.ChildNodes.OfType<IText>().Any(static t => !string.IsNullOrWhiteSpace(t.Data));
                Assert.False(words, $"<{element.LocalName}> beside words in <{cell.LocalName}>: {html}");
            }
        }
    }
}
