namespace OneToOne.Composition;

/// <summary>
/// Everything a print piece needs, rendered for one recipient from the message and its <c>print:</c>
/// settings. The Print package lays it out as PDF; the core stays free of PDF dependencies.
/// </summary>
public sealed class PrintContent
{
    private readonly IReadOnlyList<PrintModuleRange> _modules;

    internal PrintContent(string? recipientId, string messageId, string subject, string markdown, string? page, IReadOnlyList<double>? marginsMillimetres, bool? duplex, string window, IReadOnlyList<string> addressLines, string? returnAddress, IReadOnlyDictionary<string, string> fontFiles, IReadOnlyList<string> fallbackFontFiles, string baseDirectory, IReadOnlyList<PrintModuleRange> modules)
    {
        _modules = modules;
        RecipientId = recipientId;
        MessageId = messageId;
        Subject = subject;
        Markdown = markdown;
        Page = page;
        MarginsMillimetres = marginsMillimetres;
        Duplex = duplex;
        Window = window;
        AddressLines = addressLines;
        ReturnAddress = returnAddress;
        FontFiles = fontFiles;
        FallbackFontFiles = fallbackFontFiles;
        BaseDirectory = baseDirectory;
    }

    /// <summary>Gets the id of the recipient the piece is for, or null when the recipient has none.</summary>
    public string? RecipientId { get; }

    /// <summary>Gets the id of the message the piece is of.</summary>
    public string MessageId { get; }

    /// <summary>Gets the subject, one line.</summary>
    public string Subject { get; }

    /// <summary>Gets the message as Markdown (each module's <c>print</c> override, else its content); <see cref="ModuleAt(int)"/> says which module wrote a character.</summary>
    public string Markdown { get; }

    /// <summary>
    /// Gets the page size the catalog sets, <c>A4</c> or <c>Letter</c>, or null when it sets none: the print
    /// renderer's own page size applies then (A4 unless it is configured otherwise).
    /// </summary>
    public string? Page { get; }

    /// <summary>
    /// Gets the margins the catalog sets, in millimetres: top, right, bottom, left; or null when it sets none: the
    /// print renderer's own margins apply then (20 mm unless it is configured otherwise).
    /// </summary>
    public IReadOnlyList<double>? MarginsMillimetres { get; }

    /// <summary>
    /// Gets whether the catalog has each recipient's pages start on an odd page in a merged run, or null when it does
    /// not say: the print renderer's own duplex setting applies then (off unless it is configured otherwise).
    /// </summary>
    public bool? Duplex { get; }

    /// <summary>Gets where the address block goes: <c>none</c>, <c>din5008</c> or <c>us10</c> (window envelope positions).</summary>
    public string Window { get; }

    /// <summary>Gets the recipient's postal address lines (empty when the message has no <c>address</c>).</summary>
    public IReadOnlyList<string> AddressLines { get; }

    /// <summary>Gets the sender's return address line, or null.</summary>
    public string? ReturnAddress { get; }

    /// <summary>
    /// Gets the font files named in the catalog by face (<c>regular</c>, <c>bold</c>, <c>italic</c>, <c>bold-italic</c>,
    /// <c>mono</c>, and <c>fallback</c>: a font for the characters the faces lack, the first when the catalog lists
    /// several), as absolute paths.
    /// </summary>
    public IReadOnlyDictionary<string, string> FontFiles { get; }

    /// <summary>
    /// Gets the catalog's fallback font files (<c>fallback:</c>, one or a list), in order, as absolute paths: a
    /// character the faces lack comes from the first that has it (empty when the catalog names none).
    /// </summary>
    public IReadOnlyList<string> FallbackFontFiles { get; }

    /// <summary>Gets the folder relative image paths in the Markdown are resolved from.</summary>
    public string BaseDirectory { get; }

    /// <summary>
    /// Gets the language the piece's text is written in (<see cref="Decisions.Decision.TextCulture"/>: the recipient's, unless the
    /// catalog has no text in it and falls back to its <c>locale:</c>), as a culture name such as <c>de-DE</c>, which a PDF
    /// declares so that a screen reader reads it with the right voice; null when that culture is the invariant one.
    /// </summary>
    public string? Language { get; internal init; }

    /// <summary>Gets the recipient's experiment arms as <c>experiment=arm</c> pairs joined by commas, or null when no experiment applies (for the print manifest).</summary>
    public string? Arms { get; internal init; }

    /// <summary>
    /// Gets whether the files the piece reads, its font files as well as its images, must lie inside
    /// <see cref="BaseDirectory"/> with their symbolic links followed when it is printed: the catalog was loaded with
    /// <see cref="CompositionOptions.ConfineToCatalogFolder"/>, which checked them then, and a link put in a font's place
    /// since is refused too.
    /// </summary>
    public bool FilesConfined { get; internal init; }

    /// <summary>
    /// Gets the module whose output holds a character of <see cref="Markdown"/>: the innermost one when a module places
    /// a slot of its own, or null when the character is the message's own body text (between and around its slots).
    /// Use it to say which module wrote a character the print layout cannot print.
    /// </summary>
    /// <param name="index">The offset of the character in <see cref="Markdown"/>.</param>
    /// <returns>The module, its slot and where its output stands; or null for the message's own text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not an offset in <see cref="Markdown"/>.</exception>
    public PrintModuleRange? ModuleAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Markdown.Length);

        // A module's range holds those of the modules placed within it: the shortest range that holds the index is the innermost.
        PrintModuleRange? found = null;
        foreach (var range in _modules)
        {
            if (index >= range.Start && index - range.Start < range.Length && (found is null || range.Length < found.Length))
            {
                found = range;
            }
        }

        return found;
    }
}
