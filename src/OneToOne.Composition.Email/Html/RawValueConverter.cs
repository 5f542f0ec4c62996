using System.Text;
using AngleSharp.Css;
using AngleSharp.Css.Dom;
using AngleSharp.Text;

namespace OneToOne.Composition.Email.Html;

/// <summary>Takes a declaration's value as written (after AngleSharp has split off <c>!important</c>).</summary>
internal sealed class RawValueConverter : IValueConverter
{
    public static RawValueConverter Instance { get; } = new();

    /// <inheritdoc/>
    public ICssValue Convert(StringSource source)
    {
        var text = new StringBuilder();
        while (!source.IsDone)
        {
            text.Append(source.Current);
            source.Next();
        }

        return new RawCssValue(text.ToString().Trim());
    }
}
