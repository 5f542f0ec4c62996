using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using OneToOne.Composition.Rendering;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// A second reading of a template's HTML for <see cref="ValuePositionAnalyzer"/>, by a complete HTML5 parser
/// (AngleSharp's, which builds the document as browsers do). Each value's token is replaced by a probe that holds the
/// characters an escaped value may still contain as they are (a space, '/', '=', a backtick, a line break); the HTML
/// is parsed and the probes are looked for in the document. Where the parser puts a value somewhere stricter than the
/// analyzer's own small tokenizer found (a script, an event handler, a URL), or splits it, the two readings disagree and
/// the value is refused, so that markup the tokenizer reads differently from a browser cannot let data become code.
/// A value the parser drops (a cell's attribute outside a table, in a module meant for one) keeps the tokenizer's reading.
/// This reading also refuses values that no tokenizer question decides: in a URL the template starts with
/// <c>javascript:</c> or <c>data:</c> (entities decoded), right before a ':' of the template's at a URL's start, and in a
/// <c>&lt;meta http-equiv="refresh"&gt;</c> redirect.
/// </summary>
internal static partial class BrowserValueCheck
{
    /// <summary>What a probe holds between a token's number and its end mark.</summary>
    private const string ProbeMiddle = " /=`\n";

    /// <summary>The rank of a place no escaping makes safe (above <see cref="ValuePosition.UrlStart"/>'s 2).</summary>
    private const int Refused = 3;

    /// <summary>The characters of a URL scheme's name.</summary>
    private static readonly SearchValues<char> SchemeCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    /// <summary>The place of a probe found in pieces: an escaped value there could add markup.</summary>
    private static readonly (int Rank, string Problem) Split =
        (Refused, Differs("in pieces, as an unquoted attribute's value or a name would be"));

    /// <summary>A parser per thread (catalogs compile on any thread; a parser's context is not documented as shareable).</summary>
    [ThreadStatic]
    private static HtmlParser? t_parser;

    /// <summary>
    /// Reports each token not in <paramref name="refused"/> that a browser reads in a stricter place than
    /// <paramref name="positions"/> says, or in a place no escaping makes safe.
    /// </summary>
    public static void Check(string html, ValuePosition?[] positions, ISet<int> refused, List<(int Token, string Problem)> problems)
    {
        if (PlainHtml.OnlyTextValues(html))
        {
            // Every value is in text a browser keeps as text: the document would show nothing stricter (its parse and its
            // nodes were 1.9 of the 4.8 GB loading a catalog of 3,000 modules in seven languages allocated).
            return;
        }

        CheckInBrowser(html, positions, refused, problems);
    }

    /// <summary>What <see cref="Check"/> does for HTML that is not <see cref="PlainHtml"/>: parses it as a browser does and reads the document.</summary>
    public static void CheckInBrowser(string html, ValuePosition?[] positions, ISet<int> refused, List<(int Token, string Problem)> problems)
    {
        var probed = WithProbes(html);
        var found = new (int Rank, string Problem)?[positions.Length];

        // Without scripting, as the analyzer reads <noscript> (after whose start it refuses every value anyway).
        t_parser ??= new HtmlParser(new HtmlParserOptions { IsScripting = false });
        using var document = t_parser.ParseDocument(probed);
        Visit(document, found);
        for (var token = 0; token < positions.Length; token++)
        {
            if (!refused.Contains(token) && found[token] is var (rank, problem) && rank > ValuePositionAnalyzer.Rank(positions[token]))
            {
                problems.Add((token, problem));
            }
        }
    }

    /// <summary>The problem of a value a browser reads elsewhere than the analyzer does, with the place a browser puts it.</summary>
    private static string Differs(string where) =>
        $"browsers read the value {where}, though the markup around it reads otherwise at first sight, and escaping cannot make data safe there. Write plain, well-formed HTML around recipient values: values in element text or in quoted attributes, none in scripts, styles, event handlers or names.";

    private static void Visit(INode node, (int Rank, string Problem)?[] found)
    {
        switch (node)
        {
            case IElement element:
                Note(element.LocalName, found, static (_, _) => (Refused, Differs("in a tag's name")));

                // Indexed, not enumerated: a document is read for every reading of every template, and an enumerator
                // (and a closure) per node added up to hundreds of megabytes on a catalog of thousands of modules.
                var attributes = element.Attributes;
                for (var i = 0; i < attributes.Length; i++)
                {
                    var attribute = attributes[i]!;
                    Note(attribute.Name, found, static (_, _) => (Refused, Differs("in an attribute's name")));
                    NoteAttribute(element, attribute, found);
                }

                if (element is IHtmlTemplateElement template)
                {
                    Visit(template.Content, found);
                }

                break;
            case IText text:
                NoteText(text, found);
                break;
            case IComment comment:
                Note(comment.Data, found, static (_, _) => (0, string.Empty));
                break;
        }

        var children = node.ChildNodes;
        for (var i = 0; i < children.Length; i++)
        {
            Visit(children[i], found);
        }
    }

    private static void NoteText(IText text, (int Rank, string Problem)?[] found)
    {
        if (HasToken(text.Data))
        {
            NoteTextWithToken(text, found);
        }
    }

    // A method of its own: the closure over the parent's name is made where the method starts, so only for a text with a token.
    private static void NoteTextWithToken(IText text, (int Rank, string Problem)?[] found)
    {
        var parent = text.ParentElement?.LocalName;
        Note(text.Data, found, parent is "script" or "style" ? (_, _) => (Refused, Differs($"inside a <{parent}> element")) : static (_, _) => (0, string.Empty));
    }

    /// <summary>Notes an attribute's value; one with no token is passed by before anything is asked of the element.</summary>
    private static void NoteAttribute(IElement element, IAttr attribute, (int Rank, string Problem)?[] found)
    {
        if (HasToken(attribute.Value))
        {
            NoteAttributeWithToken(element, attribute, found);
        }
    }

    private static void NoteAttributeWithToken(IElement element, IAttr attribute, (int Rank, string Problem)?[] found)
    {
        var name = attribute.Name;
        var value = attribute.Value;
        if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase) || name is "style" or "srcdoc")
        {
            Note(value, found, (_, _) => (Refused, Differs($"in the '{name}' attribute")));
        }
        else if (name == "content" && element.LocalName == "meta"
            && element.GetAttribute("http-equiv") is { } equiv && equiv.Trim().Equals("refresh", StringComparison.OrdinalIgnoreCase))
        {
            Note(value, found, static (_, _) => (Refused,
                "the value is in a <meta http-equiv=\"refresh\"> redirect, whose URL the browser follows as it is. Write the redirect's URL in the template, or link to it instead."));
        }
        else if (LoadedResource(element, name) is { } resource)
        {
            // The template's own text before the first value must fix the server: the values after it may be anything.
            var first = value.IndexOf('\uE002', StringComparison.Ordinal);
            var fixesServer = first < 0 || FixesServer(value.AsSpan(0, first));
            Note(value, found, (start, end) => fixesServer ? UrlPlace(name, value, start, end) : (Refused,
                $"the value is in the '{name}' attribute of a <{element.LocalName}> element before the URL's path, so it would choose the server {resource}; escaping cannot make data safe there. Write the URL in the template up to its path (https://cdn.example.com/… or /…), after which a value is percent-encoded, or leave the value out."));
        }
        else if (ValuePositionAnalyzer.IsUrlAttribute(name))
        {
            Note(value, found, (start, end) => UrlPlace(name, value, start, end));
        }
        else
        {
            Note(value, found, static (_, _) => (0, string.Empty));
        }
    }

    /// <summary>
    /// What the page loads from a URL attribute's server, for those whose server data may not choose: a script's
    /// <c>src</c> (the page runs it), a <c>&lt;link&gt;</c>'s <c>href</c> (a stylesheet, which can read and send out the
    /// page, or a script it preloads), <c>&lt;base href&gt;</c> (every relative URL of the page, scripts included), a
    /// frame's or plugin's source (a page shown as part of this one, under its address: a login form of anyone's), and a
    /// form's target (what the reader types goes there); null for other attributes. An image's or a link's URL may be
    /// chosen by data: the reader sees where a link goes, and an image runs nothing.
    /// </summary>
    private static string? LoadedResource(IElement element, string attribute) => (element.LocalName, attribute) switch
    {
        ("script", "src") => "the page loads a script from and runs",
        ("link", "href") when !OnlyNamesALink(element.GetAttribute("rel")) => "the page loads a stylesheet or another resource from",
        ("base", "href") => "every relative URL of the page, scripts included, points to",
        ("iframe" or "frame", "src") or ("embed", "src") or ("object", "data") => "the page shows a page or plugin from, as part of itself,",
        ("form", "action") or ("button" or "input", "formaction") => "the form sends what the reader types to",
        _ => null,
    };

    /// <summary>
    /// Whether a <c>&lt;link&gt;</c>'s <c>rel</c>, as the template writes it (no value in it), only names a page the
    /// link points to, which the browser does not load (<c>canonical</c>, <c>alternate</c> with <c>hreflang</c>,
    /// <c>next</c>): its <c>href</c> is then a link's URL like an <c>&lt;a href&gt;</c>. <c>alternate stylesheet</c>
    /// loads a stylesheet and is not such a rel.
    /// </summary>
    private static bool OnlyNamesALink(string? rel)
    {
        if (rel is null || rel.Any(static c => c is >= '\uE000' and <= '\uF8FF'))
        {
            return false;
        }

        var tokens = rel.Split([' ', '\t', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries);
        return tokens.Length > 0 && tokens.All(static t => t.ToLowerInvariant() is "canonical" or "alternate" or "author" or "license"
            or "help" or "next" or "prev" or "bookmark" or "me" or "shortlink" or "tag" or "external" or "nofollow" or "noopener" or "noreferrer");
    }

    /// <summary>
    /// Whether the template's text at a URL's start (entities decoded) fixes the server the URL points to, so that a
    /// value after it, percent-encoded, cannot choose another: a relative path, query or fragment, a path from the root, or
    /// a scheme and server followed by '/', '?' or '#'. Read as a browser reads a URL: leading spaces and control
    /// characters dropped, tabs and line breaks ignored, '\' as '/' (as in http and https URLs), any number of slashes
    /// after a scheme.
    /// </summary>
    private static bool FixesServer(ReadOnlySpan<char> start)
    {
        var url = new System.Text.StringBuilder(start.Length);
        foreach (var c in start)
        {
            if ((url.Length == 0 && c <= ' ') || c is '\t' or '\n' or '\r')
            {
                continue;
            }

            url.Append(c == '\\' ? '/' : c);
        }

        var text = url.ToString();
        if (text.Length == 0)
        {
            return false;
        }

        var scheme = UriScheme.Length(text);
        if (scheme == 0 && !text.StartsWith("//", StringComparison.Ordinal))
        {
            // A path (relative, or from the root), a query or a fragment: the page's own server.
            return true;
        }

        var server = text.AsSpan(scheme == 0 ? 0 : scheme + 1).TrimStart('/');
        return server.IndexOfAny("/?#") >= 0;
    }

    /// <summary>
    /// Where a value in a URL attribute stands: at the URL's start, later in it, or in a place no escaping makes safe:
    /// in a URL the template itself starts with a scheme data may not use (a browser percent-decodes a
    /// <c>javascript:</c> URL and runs it, and renders a <c>data:</c> one), or at the start right before a ':' of the
    /// template's (the value would choose the scheme).
    /// </summary>
    private static (int Rank, string Problem) UrlPlace(string name, string value, int start, int end)
    {
        var before = value.AsSpan(0, start);
        if (!before.IsWhiteSpace())
        {
            // Other values before this one may be empty: the template's text alone could start the URL. Other schemes the
            // template writes (ftp:, sms:, an app's own) are the author's choice, and a percent-encoded value is data there.
            var scheme = TextEscaper.UnsafeScheme(Probe().Replace(before.ToString(), string.Empty));
            return scheme is "javascript" or "vbscript" or "data"
                ? (Refused, $"the value is in a '{scheme}:' URL in the attribute '{name}', which the browser decodes and runs or renders as it is; escaping cannot make data safe there. Link to an http, https, mailto or tel URL instead.")
                : (1, Differs($"in the URL attribute '{name}'"));
        }

        // Other values may stand between this one and the ':' (their own text is checked when the recipient's comes).
        var after = Probe().Replace(value[end..], string.Empty);
        var colon = after.AsSpan().IndexOfAny("/?#:");
        return colon >= 0 && after[colon] == ':' && after.AsSpan(0, colon).IndexOfAnyExcept(SchemeCharacters) < 0
            ? (Refused, $"the value starts the URL in the attribute '{name}' right before the template's ':', so it would choose the URL's scheme. Write the scheme in the template (https://…) or leave the ':' to the value.")
            : (2, Differs($"at the start of the URL attribute '{name}'"));
    }

    /// <summary>
    /// Notes each probe in <paramref name="text"/>: at the place <paramref name="place"/> gives for where it stands
    /// (its start and end) when it is whole, as split when it is not; the strictest place found wins.
    /// </summary>
    private static void Note(string text, (int Rank, string Problem)?[] found, Func<int, int, (int Rank, string Problem)> place)
    {
        // Each start mark followed by the token's number (what the regular expression "\uE002([0-9]+)" matched, left to
        // right), read without a regular expression: Note runs for every text and attribute of every reading.
        for (var start = text.IndexOf('\uE002', StringComparison.Ordinal); start >= 0; start = text.IndexOf('\uE002', start + 1))
        {
            var digits = DigitsAfter(text, start);
            if (digits == 0 || !int.TryParse(text.AsSpan(start + 1, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var token) || token >= found.Length)
            {
                continue;
            }

            var end = start + 1 + digits + ProbeMiddle.Length + 1;
            var whole = text.AsSpan(start + 1 + digits).StartsWith(ProbeMiddle + "\uE003", StringComparison.Ordinal);
            var at = whole ? place(start, end) : Split;
            if (found[token] is not { } before || before.Rank < at.Rank)
            {
                found[token] = at;
            }
        }
    }

    /// <summary>Whether a text holds a start mark, and so may hold a probe.</summary>
    private static bool HasToken(string text) => text.Contains('\uE002', StringComparison.Ordinal);

    /// <summary>How many of the digits 0-9 follow the start mark at <paramref name="start"/>.</summary>
    private static int DigitsAfter(string text, int start)
    {
        var end = start + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - start - 1;
    }

    /// <summary>
    /// The HTML with <see cref="ProbeMiddle"/> written before the end mark of each token as the analyzer writes it (its
    /// number between the two marks, what the regular expression "\uE002[0-9]+\uE003" matches, left to right); the HTML
    /// itself when it has none.
    /// </summary>
    private static string WithProbes(string html)
    {
        // Counted first, then written into a string of the exact length: the HTML of every reading of every template comes here.
        var tokens = 0;
        for (var close = NextTokenEnd(html, 0); close >= 0; close = NextTokenEnd(html, close + 1))
        {
            tokens++;
        }

        return tokens == 0 ? html : string.Create(html.Length + (tokens * ProbeMiddle.Length), html, static (probed, html) =>
        {
            var copied = 0;
            for (var close = NextTokenEnd(html, 0); close >= 0; close = NextTokenEnd(html, close + 1))
            {
                html.AsSpan(copied, close - copied).CopyTo(probed);
                ProbeMiddle.AsSpan().CopyTo(probed[(close - copied)..]);
                probed = probed[(close - copied + ProbeMiddle.Length)..];
                copied = close;
            }

            html.AsSpan(copied).CopyTo(probed);
        });
    }

    /// <summary>Where the end mark of the next token from <paramref name="from"/> on is (its number between the two marks); -1 when there is none.</summary>
    private static int NextTokenEnd(string html, int from)
    {
        for (var start = html.IndexOf('\uE002', from); start >= 0; start = html.IndexOf('\uE002', start + 1))
        {
            var digits = DigitsAfter(html, start);
            var close = start + 1 + digits;
            if (digits > 0 && close < html.Length && html[close] == '\uE003')
            {
                return close;
            }
        }

        return -1;
    }

    /// <summary>A whole probe.</summary>
    [GeneratedRegex("\uE002[0-9]+" + ProbeMiddle + "\uE003", RegexOptions.CultureInvariant)]
    private static partial Regex Probe();
}
