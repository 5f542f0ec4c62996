using OneToOne.Composition.Print.Fonts;

namespace OneToOne.Composition.Print;

/// <summary>
/// The font files print output uses, resolved explicitly by path so that output never depends on whatever font a
/// system would pick. Every font used is embedded in the PDF.
/// </summary>
/// <remarks>
/// <see cref="Default"/> is DejaVu Sans and DejaVu Sans Mono found by file in the system font folders
/// (<c>/usr/share/fonts/truetype/dejavu/</c> on Debian and Ubuntu: package <c>fonts-dejavu-core</c>, and
/// <c>fonts-dejavu-extra</c> for real italics), with Noto Color Emoji (package <c>fonts-noto-color-emoji</c>) as the
/// fallback for emoji when it is installed. A face left null is synthesised: italic is slanted from the regular
/// face, bold is emboldened (a colour font's emoji never are).
/// </remarks>
public sealed record PrintFonts
{
    // The font folders are searched once; each Default is a copy of what was found.
    private static readonly PrintFonts SystemFonts = DefaultFontFiles.Create();

    /// <summary>
    /// Gets DejaVu Sans and DejaVu Sans Mono from the system font folders (searched once), and Noto Color Emoji as the
    /// fallback when installed. Each call gives an instance of its own: the configuration binder sets init-only properties
    /// through reflection, and <c>configuration.Bind(PrintFonts.Default)</c> rewrote one shared instance for every renderer
    /// in the process.
    /// </summary>
    public static PrintFonts Default => SystemFonts with { };

    /// <summary>Gets the regular body face (required).</summary>
    public required string Regular { get; init; }

    /// <summary>Gets the bold face, or null to embolden the regular face.</summary>
    public string? Bold { get; init; }

    /// <summary>Gets the italic face, or null to slant the regular face.</summary>
    public string? Italic { get; init; }

    /// <summary>Gets the bold italic face, or null to slant the bold face.</summary>
    public string? BoldItalic { get; init; }

    /// <summary>Gets the monospace face for code, or null to use the regular face.</summary>
    public string? Monospace { get; init; }

    /// <summary>Gets the bold monospace face, or null to embolden the monospace face.</summary>
    public string? MonospaceBold { get; init; }

    /// <summary>
    /// Gets font files tried in order for a character the face in use lacks (after the regular face). A character
    /// none of them has is a <see cref="PrintException"/>, never blank or wrong text.
    /// </summary>
    public IReadOnlyList<string> Fallbacks { get; init; } = [];

    /// <summary>
    /// Gets these fonts with the files a catalog names (<c>print: fonts:</c>, by face: <c>regular</c>, <c>bold</c>,
    /// <c>italic</c>, <c>bold-italic</c>, <c>mono</c>) in place of the configured ones. When the catalog names its own
    /// regular face, the styled faces it does not name are synthesised from that face rather than taken from another
    /// family, so one letter never mixes two typefaces; the monospace face and the fallbacks stay.
    /// </summary>
    /// <param name="files">Face name → absolute path; empty to keep these fonts.</param>
    /// <param name="fallbacks">The catalog's fallback fonts, in order, before the configured ones (<c>files</c>' <c>fallback</c> is the first of them).</param>
    /// <returns>The fonts to use.</returns>
    internal PrintFonts WithCatalogFiles(IReadOnlyDictionary<string, string> files, IReadOnlyList<string> fallbacks)
    {
        if (files.Count == 0)
        {
            return this;
        }

        var fonts = files.TryGetValue("regular", out var regular)
            ? this with { Regular = regular, Bold = null, Italic = null, BoldItalic = null }
            : this;
        foreach (var (face, path) in files)
        {
            fonts = face switch
            {
                "regular" => fonts,
                "bold" => fonts with { Bold = path },
                "italic" => fonts with { Italic = path },
                "bold-italic" => fonts with { BoldItalic = path },
                "mono" => fonts with { Monospace = path, MonospaceBold = null },
                "fallback" => fonts with { Fallbacks = fallbacks.Count > 0 ? [.. fallbacks, .. fonts.Fallbacks] : [path, .. fonts.Fallbacks] },
                _ => throw new PrintException($"The font face '{face}' is not one of regular, bold, italic, bold-italic, mono, fallback."),
            };
        }

        return fonts;
    }

    /// <summary>Gets every configured path, in a fixed order; a key for caching loaded fonts.</summary>
    internal string CacheKey =>
        string.Join('\n', Regular, Bold, Italic, BoldItalic, Monospace, MonospaceBold, string.Join('\n', Fallbacks));
}
