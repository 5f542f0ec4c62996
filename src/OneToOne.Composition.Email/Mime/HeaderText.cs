namespace OneToOne.Composition.Email.Mime;

/// <summary>Makes text safe for one header line: defence in depth on top of the core's own folding.</summary>
internal static class HeaderText
{
    /// <summary>Replaces control characters (CR, LF, TAB, NUL, …) and Unicode line and paragraph separators with spaces.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The text on one line; the same instance when nothing needed changing.</returns>
    public static string OneLine(string value)
    {
        if (!NeedsFolding(value))
        {
            return value;
        }

        return string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = IsLineBreaking(source[i]) ? ' ' : source[i];
            }
        });
    }

    /// <summary>Tells whether the text holds a character that <see cref="OneLine"/> would replace.</summary>
    /// <param name="value">The text.</param>
    /// <returns>True when it does.</returns>
    public static bool NeedsFolding(string value)
    {
        foreach (var c in value)
        {
            if (IsLineBreaking(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLineBreaking(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
