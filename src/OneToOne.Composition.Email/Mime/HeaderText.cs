using System.Text;

namespace OneToOne.Composition.Email.Mime;

/// <summary>
/// Makes text safe for one header line: defence in depth on top of the core's own folding, and the header's own rule for
/// invisible formatting characters (see <see cref="InvisibleText"/>).
/// </summary>
internal static class HeaderText
{
    /// <summary>
    /// Replaces control characters (CR, LF, TAB, NUL, …) and Unicode line and paragraph separators with spaces, and drops
    /// invisible formatting characters (see <see cref="InvisibleText"/>).
    /// </summary>
    /// <param name="value">The text.</param>
    /// <returns>The text on one line; the same instance when nothing needed changing.</returns>
    public static string OneLine(string value)
    {
        var visible = InvisibleText.Strip(value);
        if (!NeedsFolding(visible))
        {
            return visible;
        }

        var builder = new StringBuilder(visible.Length);
        foreach (var c in visible)
        {
            builder.Append(IsLineBreaking(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>Tells whether the text holds a character that <see cref="OneLine"/> would replace with a space.</summary>
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
