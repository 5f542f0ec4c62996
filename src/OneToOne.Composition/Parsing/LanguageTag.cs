namespace OneToOne.Composition.Parsing;

/// <summary>
/// Reads a module's <c>lang:</c>, a BCP 47 language tag (RFC 5646: <c>de</c>, <c>de-DE</c>, <c>sr-Latn-RS</c>,
/// <c>es-419</c>), and compares two of them as HTML's <c>lang</c> does for a screen reader's voice.
/// </summary>
/// <remarks>
/// The tag's form is checked, not the IANA registry: any two or three letters are a language. A primary language of four
/// to eight letters is well-formed by the grammar, but none is registered, and <c>german</c> or <c>english</c> is the
/// mistake it would let through, so the language is two or three letters (or a private use <c>x-…</c> tag).
/// </remarks>
internal static class LanguageTag
{
    /// <summary>Returns the tag in its conventional case (<c>de-DE</c>, <c>sr-Latn-RS</c>), or null when it is no BCP 47 tag.</summary>
    /// <param name="tag">The tag as written.</param>
    public static string? Normalize(string tag)
    {
        if (tag.Length == 0 || tag.Length > 64)
        {
            return null;
        }

        var parts = tag.Split('-');
        foreach (var part in parts)
        {
            if (part.Length is 0 or > 8 || !part.All(char.IsAsciiLetterOrDigit))
            {
                return null;
            }
        }

        var i = 0;
        if (IsPrivateUse(parts, ref i))
        {
            return string.Join('-', parts);
        }

        // language: 2-3 letters, with up to three extended language subtags of three letters.
        if (!Letters(parts[i], 2, 3))
        {
            return null;
        }

        parts[i] = parts[i++].ToLowerInvariant();
        for (var extended = 0; extended < 3 && i < parts.Length && Letters(parts[i], 3, 3); extended++)
        {
            parts[i] = parts[i++].ToLowerInvariant();
        }

        if (i < parts.Length && Letters(parts[i], 4, 4))
        {
            parts[i] = char.ToUpperInvariant(parts[i][0]) + parts[i][1..].ToLowerInvariant();
            i++;
        }

        if (i < parts.Length && (Letters(parts[i], 2, 2) || (parts[i].Length == 3 && parts[i].All(char.IsAsciiDigit))))
        {
            parts[i] = parts[i++].ToUpperInvariant();
        }

        // variants: five to eight letters and digits, or a digit and three more.
        while (i < parts.Length && (parts[i].Length >= 5 || (parts[i].Length == 4 && char.IsAsciiDigit(parts[i][0]))))
        {
            parts[i] = parts[i++].ToLowerInvariant();
        }

        // extensions: a singleton other than x, then subtags of two to eight.
        while (i < parts.Length && parts[i].Length == 1 && !parts[i].Equals("x", StringComparison.OrdinalIgnoreCase))
        {
            parts[i] = parts[i++].ToLowerInvariant();
            var start = i;
            while (i < parts.Length && parts[i].Length >= 2)
            {
                parts[i] = parts[i++].ToLowerInvariant();
            }

            if (i == start)
            {
                return null;
            }
        }

        if (i < parts.Length && !IsPrivateUse(parts, ref i))
        {
            return null;
        }

        return i == parts.Length ? string.Join('-', parts) : null;
    }

    /// <summary>
    /// Whether text in language <paramref name="inner"/> needs its own <c>lang</c> within text in <paramref name="outer"/>:
    /// not when the two are the same tag, or one is the other with more subtags (<c>de</c> within <c>de-DE</c>, and
    /// <c>de-DE</c> within <c>de</c>), which a screen reader speaks with the same voice. <c>de-CH</c> within <c>de-DE</c> does.
    /// </summary>
    /// <param name="inner">The module's tag.</param>
    /// <param name="outer">The enclosing text's tag, or null when the document declares none.</param>
    public static bool Differs(string inner, string? outer) =>
        outer is null || !(Within(inner, outer) || Within(outer, inner));

    private static bool Within(string shorter, string longer) =>
        longer.StartsWith(shorter, StringComparison.OrdinalIgnoreCase) && (longer.Length == shorter.Length || longer[shorter.Length] == '-');

    private static bool IsPrivateUse(string[] parts, ref int i)
    {
        if (!parts[i].Equals("x", StringComparison.OrdinalIgnoreCase) || i + 1 >= parts.Length)
        {
            return false;
        }

        for (; i < parts.Length; i++)
        {
            parts[i] = parts[i].ToLowerInvariant();
        }

        return true;
    }

    private static bool Letters(string part, int min, int max) => part.Length >= min && part.Length <= max && part.All(char.IsAsciiLetter);
}
