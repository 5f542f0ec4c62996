using System.Text;

namespace OneToOne.Composition.Rendering;

/// <summary>Escapes recipient values for their target so that data can never become markup, headers or code.</summary>
internal static class TextEscaper
{
    /// <summary>Marks the start of a slot placeholder; never allowed through from data.</summary>
    public const char PlaceholderStart = '\uE000';

    /// <summary>Marks the end of a slot placeholder; never allowed through from data.</summary>
    public const char PlaceholderEnd = '\uE001';

    public static void Append(StringBuilder builder, string value, EscapeMode mode)
    {
        foreach (var c in value)
        {
            if (c is PlaceholderStart or PlaceholderEnd)
            {
                continue;
            }

            switch (mode)
            {
                case EscapeMode.Markdown:
                    if (char.IsControl(c))
                    {
                        builder.Append(' ');
                    }
                    else
                    {
                        if (c < 128 && (char.IsPunctuation(c) || char.IsSymbol(c)))
                        {
                            builder.Append('\\');
                        }

                        builder.Append(c);
                    }

                    break;
                case EscapeMode.Html:
                    switch (c)
                    {
                        case '<': builder.Append("&lt;"); break;
                        case '>': builder.Append("&gt;"); break;
                        case '&': builder.Append("&amp;"); break;
                        case '"': builder.Append("&quot;"); break;
                        case '\'': builder.Append("&#39;"); break;
                        default: builder.Append(c); break;
                    }

                    break;
                case EscapeMode.Line:
                    builder.Append(char.IsControl(c) ? ' ' : c);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
    }

    public static string Escape(string value, EscapeMode mode)
    {
        if (mode == EscapeMode.Url)
        {
            return Uri.EscapeDataString(Escape(value, EscapeMode.Plain));
        }

        var builder = new StringBuilder(value.Length + 8);
        Append(builder, value, mode);
        return builder.ToString();
    }
}
