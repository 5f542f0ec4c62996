namespace OneToOne.Composition.Diagnostics;

/// <content>Accessibility findings (OTO16xx, warnings found by <c>validate</c>): what a blind or low-vision recipient would lose.</content>
public static partial class DiagnosticCodes
{
    /// <summary>An image has no text alternative (Markdown <c>![](logo.png)</c>, or <c>&lt;img&gt;</c> without <c>alt</c>), or its alt text is its file name (WCAG 2.2, 1.1.1).</summary>
    public const string ImageWithoutAltText = "OTO1601";

    /// <summary>A module's <c>html:</c> links to an address its plain-text part (<c>text:</c>, else <c>content:</c>) does not give, so the email's text part is no equivalent of its HTML part.</summary>
    public const string LinkMissingFromText = "OTO1602";

    /// <summary>A link's text says nothing of where it goes (<c>click here</c>, <c>read more</c>, <c>hier</c>), which is all a screen reader user moving from link to link hears, or is only a web address, which a screen reader spells out (WCAG 2.2, 2.4.4).</summary>
    public const string VagueLinkText = "OTO1603";

    /// <summary>An email or web layout has a <c>&lt;table&gt;</c> without a <c>role</c>, which screen readers read as a data table; a layout table needs <c>role="presentation"</c>.</summary>
    public const string LayoutTableWithoutRole = "OTO1604";
}
