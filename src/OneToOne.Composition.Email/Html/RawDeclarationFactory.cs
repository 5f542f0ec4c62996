using AngleSharp.Css;

namespace OneToOne.Composition.Email.Html;

/// <summary>
/// Makes AngleSharp.Css treat every property as opaque. Its default factory understands values and
/// re-serialises them (<c>red</c> becomes <c>rgba(255, 0, 0, 1)</c>, <c>margin</c> splits into four
/// longhands), which Outlook and other email clients read worse than what the author wrote; and
/// vendor properties such as <c>mso-line-height-rule</c> must survive too. Tokenising, selectors and
/// matching still come from AngleSharp: only the value conversion is ours, and it is the identity.
/// </summary>
internal sealed class RawDeclarationFactory : IDeclarationFactory
{
    public static RawDeclarationFactory Instance { get; } = new();

    /// <inheritdoc/>
    public DeclarationInfo Create(string name) => new(name, RawValueConverter.Instance, PropertyFlags.Unknown, new RawCssValue(string.Empty), [], []);
}
