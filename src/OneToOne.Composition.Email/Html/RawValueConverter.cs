using System.Text;
using AngleSharp.Css;
using AngleSharp.Css.Dom;
using AngleSharp.Text;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// Takes a declaration's value as written (after AngleSharp has split off <c>!important</c>), less its comments, which
/// AngleSharp keeps in the value: <c>padding: 0 /* sides */ 24px</c> read as three values, <c>max-width: 600px /* x */</c>
/// as no length (<see cref="CssComments"/>).
/// </summary>
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

        return new RawCssValue(CssComments.Remove(text.ToString()).Trim());
    }
}
