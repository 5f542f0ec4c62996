namespace OneToOne.Composition.Diagnostics;

/// <content>Accessibility findings (OTO16xx, warnings found by <c>validate</c>): what a blind or low-vision recipient would lose.</content>
public static partial class DiagnosticCodes
{
    /// <summary>An image has no text alternative (Markdown <c>![](logo.png)</c>, or <c>&lt;img&gt;</c> without <c>alt</c>), or its alt text is its file name (WCAG 2.2, 1.1.1).</summary>
    public const string ImageWithoutAltText = "OTO1601";

    /// <summary>A module's <c>html:</c> links to an address its plain-text part (<c>text:</c>, else <c>content:</c>) does not give, so the email's text part is no equivalent of its HTML part.</summary>
    public const string LinkMissingFromText = "OTO1602";
}
