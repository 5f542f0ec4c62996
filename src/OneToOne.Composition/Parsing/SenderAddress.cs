using System.Buffers;
using System.Text;

namespace OneToOne.Composition.Parsing;

/// <summary>
/// Checks a sender address written in the catalog (<c>email: from</c>, <c>reply-to</c>) for what an ASCII message
/// cannot carry. The core has no MIME parser, so this only finds each address's local part (the text before an
/// <c>@</c> outside a quoted string); the email package parses the whole address when it composes.
/// </summary>
internal static class SenderAddress
{
    private static readonly SearchValues<char> AddressEnd = SearchValues.Create("<>,; \t\r\n");

    /// <summary>Finds the first address whose local part has non-ASCII characters.</summary>
    /// <param name="text">The address or address list as written, e.g. <c>Zoë &lt;zoe@example.com&gt;</c>.</param>
    /// <returns>That address (local part, @ and domain), or null when every local part is ASCII.</returns>
    public static string? FindNonAsciiLocalPart(string text)
    {
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\' when quoted: i++; break;
                case '"': quoted = !quoted; break;
                case '@' when !quoted:
                    var start = LocalPartStart(text, i);
                    if (!Ascii.IsValid(text.AsSpan(start, i - start)))
                    {
                        var end = text.AsSpan(i).IndexOfAny(AddressEnd);
                        return text[start..(end < 0 ? text.Length : i + end)];
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>The index where the local part ending just before <paramref name="at"/> starts: a quoted string or a dot-atom.</summary>
    private static int LocalPartStart(string text, int at)
    {
        if (at > 0 && text[at - 1] == '"')
        {
            var open = text.LastIndexOf('"', Math.Max(at - 2, 0));
            return open < 0 ? 0 : open;
        }

        var start = at;
        while (start > 0 && text[start - 1] is not ('<' or '>' or ',' or ';' or ':' or '(' or ')' or '"') && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        return start;
    }
}
