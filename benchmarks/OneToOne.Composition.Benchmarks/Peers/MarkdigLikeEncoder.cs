using System.Text;
using HandlebarsDotNet;

namespace OneToOne.Composition.Benchmarks.Peers;

/// <summary>A Handlebars.Net encoder that escapes exactly what Markdig escapes: <c>&lt; &gt; &amp; "</c>.</summary>
internal sealed class MarkdigLikeEncoder : ITextEncoder
{
    public void Encode(StringBuilder? text, TextWriter target)
    {
        if (text is not null)
        {
            HtmlText.WriteEscaped(target, text.ToString());
        }
    }

    public void Encode(string? text, TextWriter target)
    {
        if (text is not null)
        {
            HtmlText.WriteEscaped(target, text);
        }
    }

    public void Encode<T>(T? text, TextWriter target)
        where T : IEnumerator<char>
    {
        ArgumentNullException.ThrowIfNull(target);
        if (text is null)
        {
            return;
        }

        while (text.MoveNext())
        {
            var c = text.Current;
            switch (c)
            {
                case '<': target.Write("&lt;"); break;
                case '>': target.Write("&gt;"); break;
                case '&': target.Write("&amp;"); break;
                case '"': target.Write("&quot;"); break;
                default: target.Write(c); break;
            }
        }
    }
}
