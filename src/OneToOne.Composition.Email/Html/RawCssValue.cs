using AngleSharp.Css.Dom;
using AngleSharp.Css.Values;

namespace OneToOne.Composition.Email.Html;

/// <summary>A CSS value kept exactly as the author wrote it.</summary>
internal sealed class RawCssValue : ICssValue
{
    public RawCssValue(string text) => CssText = text;

    /// <inheritdoc/>
    public string CssText { get; }

    /// <inheritdoc/>
    public ICssValue Compute(ICssComputeContext context) => this;

    /// <inheritdoc/>
    public bool Equals(ICssValue? other) => other is RawCssValue raw && string.Equals(raw.CssText, CssText, StringComparison.Ordinal);
}
