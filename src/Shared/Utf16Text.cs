namespace OneToOne.Composition;

/// <summary>Checks that text is valid UTF-16, wherever a package writes text out as UTF-8 (<c>src/Shared</c>).</summary>
internal static class Utf16Text
{
    /// <summary>
    /// Finds the first unpaired surrogate in a text: half of a character outside the Basic Multilingual Plane without
    /// its other half, which no UTF-8 output (a file, a MIME part, a PDF's text) can carry.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <returns>Its index, or -1 when the text is valid UTF-16 (one vectorised scan when it has no surrogates at all).</returns>
    public static int UnpairedSurrogate(ReadOnlySpan<char> text)
    {
        var i = text.IndexOfAnyInRange('\uD800', '\uDFFF');
        if (i < 0)
        {
            return -1;
        }

        for (; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
