namespace OneToOne.Composition.Print.Layout;

/// <summary>What one print piece lays out: the Markdown, and the address block and image folder when it has them.</summary>
/// <param name="Title">The document title (the subject).</param>
/// <param name="Markdown">The print Markdown.</param>
/// <param name="BaseDirectory">The folder relative image paths are resolved from, or null to print every image's alt text (a <see cref="RenderedMessage"/> has no folder).</param>
/// <param name="AddressLines">The recipient's postal address lines; empty for none.</param>
/// <param name="ReturnAddress">The sender's return-address line, or null.</param>
/// <param name="Window">Where the address goes: <c>none</c> (at the top of the body), <c>din5008</c> or <c>us10</c>.</param>
/// <param name="Content">The piece the core rendered, which says which module wrote each character of the Markdown; null for a <see cref="RenderedMessage"/>.</param>
internal sealed record PrintPiece(string Title, string Markdown, string? BaseDirectory, IReadOnlyList<string> AddressLines, string? ReturnAddress, string Window, PrintContent? Content = null)
{
    /// <summary>A piece that is only Markdown: no address, no image folder.</summary>
    public static PrintPiece FromMarkdown(string title, string markdown) => new(title, markdown, null, [], null, "none");

    /// <summary>The piece the core rendered for one recipient.</summary>
    public static PrintPiece From(PrintContent content) =>
        new(content.Subject, content.Markdown, content.BaseDirectory, content.AddressLines, content.ReturnAddress, content.Window, content);

    /// <summary>
    /// Gets the direction of the body's paragraphs: the text's language's (<see cref="PrintContent.Language"/>; 1 for Hebrew or Arabic, else 0; the
    /// invariant culture's is left to right), as the email and the web page write <c>dir="rtl"</c> by it, so a Hebrew
    /// paragraph that opens with a brand name or a number is right to left on paper too, and a Hebrew quote in an
    /// English letter left to right, as in the email. Null for a <see cref="RenderedMessage"/>, which carries no language:
    /// each paragraph then takes its first strong character's (UAX #9 P2–P3). The address lines and code blocks keep
    /// their own: an address is written in its country's script, and code reads left to right.
    /// </summary>
    public byte? ParagraphLevel => Content is null ? null : IsRightToLeft(Content.Language) ? (byte)1 : (byte)0;

    private static bool IsRightToLeft(string? language)
    {
        if (language is null)
        {
            return false;
        }

        try
        {
            return System.Globalization.CultureInfo.GetCultureInfo(language).TextInfo.IsRightToLeft;
        }
        catch (System.Globalization.CultureNotFoundException)
        {
            return false;
        }
    }
}
