using System.Text;
using Scriban;
using Scriban.Runtime;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// <c>html.strip</c> in place of Scriban's, removing what Scriban's removes in time in proportion to the text. Scriban's
/// runs the pattern <c>&lt;script.*?&lt;/script&gt;|&lt;!--.*?--&gt;|&lt;style.*?&lt;/style&gt;|&lt;(?:[^&gt;=]|='[^']*'|="[^"]*"|=[^'"][^\s&gt;]*)*&gt;</c>
/// (ignoring case) on the backtracking engine, whose last alternative tries every way of splitting a run such as
/// <c>&lt;=a=a=a…</c> with no <c>&gt;</c> after it, twice as many for each <c>=a</c> more: a recipient's value of 41 characters
/// (<c>{{ bio | html.strip }}</c>) kept a worker busy for the whole regular expression timeout (the time budget, or without
/// end where the budget is unlimited) and then failed the recipient. .NET's non-backtracking engine takes the longest of
/// the ways, not the first the backtracking one finds, so it removes other text. Here the first way is found as the
/// backtracking engine finds it, with each position's outcome worked out once.
/// </summary>
internal static class HtmlStrip
{
    /// <summary>Replaces Scriban's <c>html.strip</c> in the builtins' <c>html</c> object.</summary>
    public static void Install(ScriptObject builtins)
    {
        if (builtins["html"] is ScriptObject html)
        {
            html.Remove("strip");
            html.Import("strip", new Func<TemplateContext, string?, string?>(Strip));
        }
    }

    /// <summary><c>{{ text | html.strip }}</c>: the text without its scripts, styles, comments and tags, as Scriban's removes them.</summary>
    /// <param name="context">The template context (unused: no timeout is needed).</param>
    /// <param name="text">The text.</param>
    /// <returns>The text without markup; null or empty as given.</returns>
    public static string? Strip(TemplateContext context, string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Contains('<', StringComparison.Ordinal))
        {
            return text;
        }

        var tagEnds = TagEnds(text);
        var result = new StringBuilder(text.Length);
        var copied = 0;
        int script = Unsearched, comment = Unsearched, style = Unsearched;
        for (var at = text.IndexOf('<', StringComparison.Ordinal); at >= 0 && at < text.Length; at = text.IndexOf('<', at))
        {
            var end = Closed(text, at, "<script", "</script>", ref script) ?? Closed(text, at, "<!--", "-->", ref comment) ?? Closed(text, at, "<style", "</style>", ref style) ?? tagEnds[at + 1];
            if (end < 0)
            {
                at++;
                continue;
            }

            result.Append(text, copied, at - copied);
            copied = at = end;
        }

        return copied == 0 ? text : result.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Where no <see cref="Closed"/> has looked for its closing word yet.</summary>
    private const int Unsearched = -2;

    /// <summary>
    /// <c>open.*?close</c> at <paramref name="at"/>, ignoring case (<c>.</c> matching any character: Scriban's pattern is
    /// single-line): the end of the first <paramref name="close"/> after <paramref name="open"/>; null where
    /// <paramref name="open"/> is not there or no <paramref name="close"/> follows it (the alternative fails, and the next
    /// is tried). <paramref name="next"/> keeps where <paramref name="close"/> was last found (-1: nowhere after where it
    /// was looked for), so that text with many an <paramref name="open"/> and no <paramref name="close"/>
    /// (<c>&lt;script&lt;script…</c>) is read once, not once for each: 20,000 of them took 13 s.
    /// </summary>
    private static int? Closed(string text, int at, string open, string close, ref int next)
    {
        if (!StartsWith(text, at, open))
        {
            return null;
        }

        // Each call starts further on than the last (at only grows), so a close found at or after the start still is the first.
        var from = at + open.Length;
        if (next == Unsearched || (next >= 0 && next < from))
        {
            next = -1;
            for (var i = from; i + close.Length <= text.Length; i++)
            {
                if (StartsWith(text, i, close))
                {
                    next = i;
                    break;
                }
            }
        }

        return next < 0 ? null : next + close.Length;
    }

    /// <summary>Whether <paramref name="word"/> (ASCII) stands at <paramref name="at"/>, its letters in either case, as the regular expression reads them.</summary>
    private static bool StartsWith(string text, int at, string word)
    {
        if (at + word.Length > text.Length)
        {
            return false;
        }

        for (var i = 0; i < word.Length; i++)
        {
            var c = text[at + i];
            var w = word[i];
            if (c != w && !(char.IsAsciiLetter(w) && (c | 0x20) == w) && !(w == 's' && c == '\u017F'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// For every index i, where the tag alternative's <c>(?:[^&gt;=]|='[^']*'|="[^"]*"|=[^'"][^\s&gt;]*)*&gt;</c> ends when it
    /// starts at i, or -1 where it fails: the end the backtracking engine finds first. It depends on i alone, so it is worked
    /// out once for every i, from the end of the text back: a character other than <c>&gt;</c> and <c>=</c> goes on at the next;
    /// <c>&gt;</c> ends it; <c>='…'</c> and <c>="…"</c> go on after their closing quote, else <c>=</c> and one character other than
    /// a quote go on at the longest end of the run without white space or <c>&gt;</c> after them that succeeds (the greedy
    /// <c>[^\s&gt;]*</c> tried from its longest). That longest succeeding end is kept per run, so the text is read once.
    /// </summary>
    private static int[] TagEnds(string text)
    {
        var n = text.Length;
        var ends = new int[n + 2];
        ends[n] = ends[n + 1] = -1;

        // stop[x]: the first index from x on that holds white space or '>' (n where none does), the end of x's run.
        var stop = new int[n + 2];
        stop[n] = stop[n + 1] = n;

        // best[r]: the greatest index e so far (from the end back) in the run that ends at r from which the alternative succeeds.
        var best = new int[n + 1];
        Array.Fill(best, -1);
        for (var i = n - 1; i >= 0; i--)
        {
            var c = text[i];
            stop[i] = c == '>' || char.IsWhiteSpace(c) ? i : stop[i + 1];
            var end = -1;
            if (c == '>')
            {
                end = i + 1;
            }
            else if (c != '=')
            {
                end = ends[i + 1];
            }
            else if (i + 1 < n && text[i + 1] is '\'' or '"')
            {
                var close = text.IndexOf(text[i + 1], i + 2);
                end = close < 0 ? -1 : ends[close + 1];
            }
            else if (i + 1 < n)
            {
                // '=' and the character after it, then [^\s>]* from i + 2 up to the end of the run there: its longest end that succeeds.
                var e = best[stop[i + 2]];
                end = e >= i + 2 ? ends[e] : -1;
            }

            ends[i] = end;
            if (end >= 0 && best[stop[i]] < 0)
            {
                best[stop[i]] = i;
            }
        }

        return ends;
    }
}
