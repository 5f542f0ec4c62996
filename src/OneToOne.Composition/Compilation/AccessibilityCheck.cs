using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Warns, at load, of what a blind recipient would lose in a catalog's own content: an image with no text alternative
/// (WCAG 2.2 success criterion 1.1.1), link text that says nothing of where it goes (2.4.4), a layout table a screen
/// reader would read as data (1.3.1), and a link of a module's HTML that its plain-text part leaves out. Warnings, not
/// errors, so that existing catalogs still load; each names the file, line and column and says what to write instead.
/// </summary>
/// <remarks>
/// Reads the catalog's text as written: Markdown (<c>content</c>, <c>print</c>, a message's <c>body</c>) for its
/// images, and HTML (<c>html</c>, the email and web layouts, and HTML written inside Markdown) for its
/// <c>&lt;img&gt;</c> tags. A value written by an expression (<c>alt="{{ product.name }}"</c>) counts as alt text.
/// </remarks>
internal static partial class AccessibilityCheck
{
    /// <summary>Link texts that say nothing of where a link goes, in the languages catalogs are most often written in.</summary>
    private static readonly HashSet<string> VagueLinkTexts = new(StringComparer.OrdinalIgnoreCase)
    {
        "click here", "click", "here", "this link", "link", "this", "more", "read more", "learn more", "more info", "more information", "details",
        "hier", "hier klicken", "klicken sie hier", "mehr", "weiterlesen", "mehr erfahren", "mehr lesen",
        "cliquez ici", "ici", "en savoir plus", "lire la suite", "plus",
        "haga clic aquí", "haz clic aquí", "aquí", "leer más", "más",
        "klik hier", "lees meer", "clicca qui", "qui", "leggi di più",
    };

    private static readonly Markdig.MarkdownPipeline PreciseLocations =
        Markdig.MarkdownExtensions.UsePreciseSourceLocation(new Markdig.MarkdownPipelineBuilder()).Build();

    /// <summary>Reports every finding in the catalog's modules (and their locale variants) and messages.</summary>
    public static void Check(CatalogDocument document, DiagnosticBag diagnostics)
    {
        foreach (var module in document.Modules.Concat(document.LocaleVariantModules()))
        {
            var what = $"Module '{module.Id}'";
            Markdown(module.Content, what, diagnostics);
            Markdown(module.Print, what, diagnostics);
            Html(module.Html, what, diagnostics);
            LinksInText(module, diagnostics);
        }

        foreach (var message in document.Messages)
        {
            Markdown(message.Body, $"The body of message '{message.Id}'", diagnostics);
            Layout(message.Email?.Layout, $"The email: layout of message '{message.Id}'", diagnostics);
            Layout(message.WebLayout, $"The web: layout of message '{message.Id}'", diagnostics);
        }
    }

    /// <summary>An email or web layout: its images and links, and its tables, which in a layout lay out rather than hold data.</summary>
    private static void Layout(SourceText? source, string what, DiagnosticBag diagnostics)
    {
        if (source is null)
        {
            return;
        }

        Html(source, what, diagnostics);
        foreach (Match table in TableTag().Matches(source.Text))
        {
            if (!RoleAttribute().IsMatch(table.Groups["attributes"].Value))
            {
                var (line, column) = LineAndColumn(source.Text, table.Index);
                diagnostics.Warning(DiagnosticCodes.LayoutTableWithoutRole, source.Origin.Map(line, column),
                    $"{what} has a <table> without a role, so a screen reader announces a table of rows and columns and reads the message as its cells. "
                    + "Add role=\"presentation\" to a table that only lays the message out.");
            }
        }
    }

    private static void Markdown(SourceText? source, string what, DiagnosticBag diagnostics)
    {
        if (source is null)
        {
            return;
        }

        Html(source, what, diagnostics);
        if (!MayHoldLink(source.Text))
        {
            return;
        }

        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(source.Text, PreciseLocations);
        }
        catch (ArgumentException)
        {
            // Markdown nested deeper than Markdig reads: the template's compile reported it.
            return;
        }

        foreach (var image in document.Descendants<LinkInline>())
        {
            if (!image.IsImage)
            {
                if (!image.Descendants<LinkInline>().Any(static i => i.IsImage))
                {
                    VagueLink(AltText(image), what, source.Origin.Map(image.Line, image.Column), diagnostics);
                }

                continue;
            }

            var alt = AltText(image).Trim();
            var url = image.Url ?? string.Empty;
            if (alt.Length == 0)
            {
                diagnostics.Warning(DiagnosticCodes.ImageWithoutAltText, source.Origin.Map(image.Line, image.Column),
                    $"{what} shows the image '{url}' without alt text, so a screen reader says nothing of it and an email client that blocks images shows nothing in its place. "
                    + $"Write what the image tells the reader between the brackets: '![Our savings rate: 3.1% a year]({url})'. An image that is only decoration belongs in an html: override or a layout as <img src=\"…\" alt=\"\">.");
            }
            else if (IsFileName(alt, url))
            {
                diagnostics.Warning(DiagnosticCodes.ImageWithoutAltText, source.Origin.Map(image.Line, image.Column),
                    $"{what} shows the image '{url}' with its file name as alt text ('{alt}'), which a screen reader reads out instead of what the image shows. "
                    + $"Write what the image tells the reader between the brackets: '![Our savings rate: 3.1% a year]({url})'.");
            }
        }
    }

    /// <summary>
    /// Whether Markdown text may hold a link or an image, so that reading it for them is worth a Markdown parse (the
    /// compile has parsed it once already, for its depth, with the renderer's pipeline; see the remarks).
    /// </summary>
    /// <remarks>
    /// In CommonMark, which this check's pipeline reads, a link's text is followed immediately by its destination
    /// (<c>](</c>), a label (<c>][</c>), or nothing, when a definition (<c>[label]: url</c>) gives its label; an image is a
    /// link after a <c>!</c>. Text with none of the three pairs holds neither: a module whose only bracket is in its heading
    /// (<c>## [en] Offer</c>) is not parsed a second time. Sharing the compile's parse instead would change what this
    /// reads: that one uses the renderer's pipeline (pipe tables, which split a line at each <c>|</c>) without precise
    /// source locations, and it is done template by template, long before this runs, so keeping its documents until now
    /// would hold every module's syntax tree at once.
    /// </remarks>
    internal static bool MayHoldLink(string markdown) =>
        markdown.Contains("](", StringComparison.Ordinal) || markdown.Contains("][", StringComparison.Ordinal) || markdown.Contains("]:", StringComparison.Ordinal);

    private static void Html(SourceText? source, string what, DiagnosticBag diagnostics)
    {
        if (source is null)
        {
            return;
        }

        foreach (Match link in LinkElement().Matches(source.Text))
        {
            var inner = link.Groups["text"].Value;
            if (!AriaLabel().IsMatch(link.Groups["attributes"].Value) && inner.IndexOf("<img", StringComparison.OrdinalIgnoreCase) < 0)
            {
                var (line, column) = LineAndColumn(source.Text, link.Index);
                VagueLink(System.Net.WebUtility.HtmlDecode(Tag().Replace(inner, string.Empty)), what, source.Origin.Map(line, column), diagnostics);
            }
        }

        if (source.Text.IndexOf("<img", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return;
        }

        foreach (Match tag in ImageTag().Matches(source.Text))
        {
            var attributes = tag.Groups["attributes"].Value;
            var alt = AltAttribute().Match(attributes);
            var src = SrcAttribute().Match(attributes) is { Success: true } s ? s.Groups["value"].Value : string.Empty;
            var (line, column) = LineAndColumn(source.Text, tag.Index);
            if (!alt.Success)
            {
                diagnostics.Warning(DiagnosticCodes.ImageWithoutAltText, source.Origin.Map(line, column),
                    $"{what} has an <img> without an alt attribute ('{src}'), so a screen reader reads out its file name or address, or nothing. "
                    + "Add alt=\"what the image tells the reader\", or alt=\"\" when the image is only decoration.");
            }
            else if (IsFileName(alt.Groups["value"].Value.Trim(), src))
            {
                diagnostics.Warning(DiagnosticCodes.ImageWithoutAltText, source.Origin.Map(line, column),
                    $"{what} has an <img> whose alt text is its file name ('{alt.Groups["value"].Value.Trim()}'), which a screen reader reads out instead of what the image shows. "
                    + "Write alt=\"what the image tells the reader\", or alt=\"\" when the image is only decoration.");
            }
        }
    }

    /// <summary>
    /// Warns of each link of a module's <c>html:</c> that its text part (<c>text:</c>, else <c>content:</c>) lacks: the
    /// plain-text part of an email is the whole message for a reader whose client or screen reader shows only text, and
    /// a link left out of it is an action they cannot take.
    /// </summary>
    private static void LinksInText(ModuleDefinition module, DiagnosticBag diagnostics)
    {
        if (module.Html is not { } html || (module.Text ?? module.Content) is not { } text || html.Text.IndexOf("href", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return;
        }

        var plain = Squeeze(System.Net.WebUtility.HtmlDecode(text.Text));
        foreach (Match link in LinkTarget().Matches(html.Text))
        {
            var url = link.Groups["value"].Value;
            var target = Squeeze(System.Net.WebUtility.HtmlDecode(url));
            if (target.Length == 0 || target[0] == '#' || plain.Contains(target, StringComparison.Ordinal))
            {
                continue;
            }

            var (line, column) = LineAndColumn(html.Text, link.Index);
            var part = module.Text is null ? "content:" : "text:";
            diagnostics.Warning(DiagnosticCodes.LinkMissingFromText, html.Origin.Map(line, column),
                $"Module '{module.Id}' links to '{url}' in its html:, but its text part ({part}) does not, so a reader of the plain-text email (a text-only client, a braille display) cannot follow it. "
                + (module.Text is null
                    ? $"Add the link to content: as '[what it does]({url})', or write a text: override that gives the address."
                    : $"Add the address to text:, as 'What it does: {url}'."));
        }
    }

    /// <summary>Warns of link text that says nothing of where the link goes ("click here", "read more").</summary>
    private static void VagueLink(string text, string what, SourceLocation location, DiagnosticBag diagnostics)
    {
        var words = WhiteSpace().Replace(text, " ").Trim().TrimEnd('.', ':', '!', '…', '»', '›', '→', ' ').TrimStart('«', '‹', ' ');
        if (words.Length == 0 || words.Contains("{{", StringComparison.Ordinal))
        {
            return;
        }

        if (IsBareAddress(words))
        {
            diagnostics.Warning(DiagnosticCodes.VagueLinkText, location,
                $"{what} has a link whose text is the address '{words}', which a screen reader spells out character by character and which says nothing of what the link does (WCAG 2.2, 2.4.4). "
                + "Write link text that says what the link does, such as 'Compare our savings accounts'; the plain-text part lists the address after it.");
            return;
        }

        if (!VagueLinkTexts.Contains(words))
        {
            return;
        }

        diagnostics.Warning(DiagnosticCodes.VagueLinkText, location,
            $"{what} has a link whose text is '{words}', which says nothing of where it goes: screen reader users move from link to link and hear only '{words}'. "
            + "Write link text that says what the link does, such as 'Compare our savings accounts' or 'Manage your preferences'.");
    }

    /// <summary>Whether link text is a web address alone (<c>https://example.com/rates</c>, <c>www.example.com</c>).</summary>
    private static bool IsBareAddress(string words) =>
        words.IndexOf(' ', StringComparison.Ordinal) < 0
        && (words.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || words.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || words.StartsWith("www.", StringComparison.OrdinalIgnoreCase));

    /// <summary>A text without white space, so that <c>{{ id }}</c> and <c>{{id}}</c> compare equal.</summary>
    private static string Squeeze(string text) => WhiteSpace().Replace(text, string.Empty);

    /// <summary>Whether alt text is no more than the image's file name ('logo.png', or the URL itself).</summary>
    private static bool IsFileName(string alt, string url)
    {
        if (alt.Length == 0 || alt.Contains("{{", StringComparison.Ordinal))
        {
            return false;
        }

        var path = url.Split('?', '#')[0];
        var name = path[(path.LastIndexOf('/') + 1)..];
        return alt.Equals(url, StringComparison.OrdinalIgnoreCase)
            || (name.Length > 0 && alt.Equals(name, StringComparison.OrdinalIgnoreCase))
            || ImageFileName().IsMatch(alt);
    }

    /// <summary>The text of an image's alt (its inlines, as Markdig writes them into <c>alt</c>).</summary>
    private static string AltText(ContainerInline image)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var inline in image.Descendants<Inline>())
        {
            switch (inline)
            {
                case LiteralInline literal:
                    builder.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    builder.Append(code.Content);
                    break;
                case HtmlEntityInline entity:
                    builder.Append(entity.Transcoded.AsSpan());
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>The 0-based line and column of an index in a text.</summary>
    private static (int Line, int Column) LineAndColumn(string text, int index)
    {
        var line = 0;
        var start = 0;
        for (var i = 0; i < index; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                start = i + 1;
            }
        }

        return (line, index - start);
    }

    /// <summary>
    /// An <c>&lt;img&gt;</c> start tag; an expression inside it (<c>{{ a > b }}</c>) does not end it. Each expression or
    /// character is matched once (an atomic group), as in the other tag patterns: otherwise a tag left unclosed before
    /// many expressions (<c>&lt;a href="…"&gt;</c> without <c>&lt;/a&gt;</c>) is retried every way of pairing its
    /// braces, and 70 expressions held a load for minutes.
    /// </summary>
    [GeneratedRegex(@"<img(?=[\s/>])(?<attributes>(?>\{\{.*?\}\}|[^>])*)>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ImageTag();

    /// <summary>An <c>alt</c> attribute and its value; <c>alt</c> alone (an empty value, as HTML reads it) counts.</summary>
    [GeneratedRegex(@"(?:^|\s)alt(?=[\s/=]|$)(?:\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s>]*)))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AltAttribute();

    [GeneratedRegex(@"(?:^|\s)src\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s>]*))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SrcAttribute();

    /// <summary>An <c>&lt;a&gt;</c> element: its attributes and its content.</summary>
    [GeneratedRegex(@"<a(?=[\s>])(?<attributes>(?>\{\{.*?\}\}|[^>])*)>(?<text>.*?)</a\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex LinkElement();

    [GeneratedRegex(@"(?:^|\s)aria-label(?:ledby)?\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AriaLabel();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    /// <summary>A <c>&lt;table&gt;</c> start tag.</summary>
    [GeneratedRegex(@"<table(?=[\s/>])(?<attributes>(?>\{\{.*?\}\}|[^>])*)>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex TableTag();

    [GeneratedRegex(@"(?:^|\s)role\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RoleAttribute();

    /// <summary>The <c>href</c> of an <c>&lt;a&gt;</c> or <c>&lt;area&gt;</c> start tag.</summary>
    [GeneratedRegex(@"<(?:a|area)\s(?>\{\{.*?\}\}|[^>])*?\bhref\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)')", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex WhiteSpace();

    [GeneratedRegex(@"^[^\s]+\.(?:png|jpe?g|gif|webp|svg|bmp|tiff?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ImageFileName();
}
