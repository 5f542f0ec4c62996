using System.Globalization;

namespace OneToOne.Composition.Print;

/// <summary>
/// How messages are laid out as PDF: paper, margins, fonts, header and footer. Immutable; vary
/// <see cref="Default"/> with <c>with</c>.
/// </summary>
public sealed record PrintOptions
{
    /// <summary>
    /// Gets the defaults: A4, 20 mm margins, 10.5 pt DejaVu Sans, "Page n of m" footer, link URLs printed. Each call gives
    /// an instance of its own, with fonts and address windows of its own (read it once, not per message): the
    /// configuration binder sets init-only properties through reflection, and <c>configuration.Bind(PrintOptions.Default)</c>
    /// rewrote one shared instance for every renderer in the process.
    /// </summary>
    public static PrintOptions Default => new();

    /// <summary>Initializes options equal to <see cref="Default"/>, with fonts and address windows of their own.</summary>
    public PrintOptions()
    {
    }

    // 'with' copies the fonts and the address windows too. The configuration binder binds into the instance a property
    // holds, through its init setters: options made with 'shared with { … }' and then bound would otherwise rewrite the
    // fonts and windows of 'shared' (an application's own options, kept in a field) too. Every property is copied here: a
    // new one must be added (the tests list them).
    private PrintOptions(PrintOptions original)
    {
        PageSize = original.PageSize;
        Margins = original.Margins;
        BaseFontSize = original.BaseFontSize;
        Fonts = original.Fonts is { } fonts ? fonts with { } : null!; // null is Validate's to refuse, with its name
        MaxPages = original.MaxPages;
        PageNumberFormat = original.PageNumberFormat;
        HeaderText = original.HeaderText;
        ShowLinkUrls = original.ShowLinkUrls;
        DocumentDate = original.DocumentDate;
        Duplex = original.Duplex;
        Din5008Window = original.Din5008Window is { } din ? din with { } : null!;
        Us10Window = original.Us10Window is { } us10 ? us10 with { } : null!;
        AddressFontSize = original.AddressFontSize;
        ReturnAddressFontSize = original.ReturnAddressFontSize;
    }

    /// <summary>Gets the paper size. A print piece whose catalog sets <c>page:</c> uses that instead.</summary>
    public PrintPageSize PageSize { get; init; } = PrintPageSize.A4;

    /// <summary>
    /// Gets the page margins in points. Body text stays inside them; the header and footer sit in the top and bottom
    /// margins. A print piece whose catalog sets <c>margins:</c> uses those instead.
    /// </summary>
    public PrintMargins Margins { get; init; } = PrintMargins.FromMillimetres(20, 20, 20, 20);

    /// <summary>Gets the body font size in points; headings are sized relative to it.</summary>
    public float BaseFontSize { get; init; } = 10.5f;

    // This and the address windows start as instances of their own (each Default is a new one): the configuration binder
    // (Get<PrintOptions>(), or Bind in AddPdf's step) binds into the instance a property holds.
    /// <summary>Gets the font files.</summary>
    public PrintFonts Fonts { get; init; } = PrintFonts.Default;

    /// <summary>
    /// Gets the most pages one message may run to (100 unless set): a message that runs on past them is a
    /// <see cref="PrintException"/> for its recipient, raised as the page after the last is begun, rather than a letter
    /// posted with hundreds of pages. A recipient's field holds up to a template's output limit (1 MiB), which prints as
    /// some 430 pages: one customer who types a long enough name into a profile would otherwise cost a run that many.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxPages
    {
        get;
        // Named, with how to fix it: ThrowIfLessThan named the setter's 'value', which a binding from configuration reported.
        init => field = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxPages), value,
                string.Create(CultureInfo.InvariantCulture, $"PrintOptions.MaxPages must be at least 1; it was {value}. Raise it to the most pages one message may run to."));
    } = 100;

    /// <summary>
    /// Gets the footer text, a composite format with <c>{0}</c> the page number and <c>{1}</c> the page count of the
    /// message (formatted with the invariant culture), or null for no footer.
    /// </summary>
    public string? PageNumberFormat { get; init; } = "Page {0} of {1}";

    /// <summary>Gets a line printed at the top of every page, or null for none.</summary>
    public string? HeaderText { get; init; }

    /// <summary>Gets whether a link's URL is printed in small text after its text (a printed page cannot be clicked). Links are also PDF link annotations.</summary>
    public bool ShowLinkUrls { get; init; } = true;

    /// <summary>
    /// Gets the creation and modification date written into the PDF, or null to write none. Output depends only on
    /// the input and these options, so the same message always gives the same bytes.
    /// </summary>
    public DateTimeOffset? DocumentDate { get; init; }

    /// <summary>
    /// Gets whether, in a merged batch, every message starts on an odd page (a blank page is inserted when needed) for
    /// duplex printing. A print piece whose catalog sets <c>duplex:</c> (true or false) follows that instead.
    /// </summary>
    public bool Duplex { get; init; }

    /// <summary>Gets the address box for <c>window: din5008</c> (see <see cref="AddressWindow.Din5008FormB"/>).</summary>
    public AddressWindow Din5008Window { get; init; } = AddressWindow.Din5008FormB;

    /// <summary>Gets the address box for <c>window: us10</c> (see <see cref="AddressWindow.Us10"/>).</summary>
    public AddressWindow Us10Window { get; init; } = AddressWindow.Us10;

    /// <summary>
    /// Gets the font size of the address lines in points. Lines are set 1.2 × this size apart, so 10 pt gives the nine
    /// lines of the 40 mm DIN 5008 address zone.
    /// </summary>
    public float AddressFontSize { get; init; } = 10f;

    /// <summary>Gets the font size of the return-address line in points (small type: it must fit one line of the window's return-address zone).</summary>
    public float ReturnAddressFontSize { get; init; } = 7f;

    /// <summary>
    /// Gets these options with a print piece's own settings applied: the page size, margins and duplex its catalog's
    /// <c>print:</c> block sets, and its font files, replace the ones here; what the block leaves out stays as here.
    /// </summary>
    /// <param name="content">The print piece.</param>
    /// <returns>The options to lay it out with.</returns>
    /// <exception cref="PrintException">The content names a page size this package does not know, or a font file that leads out of its folder where its files are confined.</exception>
    internal PrintOptions For(PrintContent content)
    {
        if (content.FilesConfined)
        {
            foreach (var file in content.FontFiles.Values.Concat(content.FallbackFontFiles))
            {
                // The load checked it; a symbolic link put in the font's place since (a folder a tenant uploads again) is not read.
                if (FileType.IsOutside(content.BaseDirectory, file))
                {
                    throw new PrintException($"The font file '{Path.GetFileName(file)}' leads out of the catalog's folder ({content.BaseDirectory}), by a symbolic link put in its place since the catalog loaded, and this catalog may read only files inside it (CompositionOptions.ConfineToCatalogFolder). Put the font file itself in the catalog's folder, and load the catalog again.");
                }
            }
        }

        var pageSize = content.Page switch
        {
            null => PageSize,
            var p when string.Equals(p, "A4", StringComparison.OrdinalIgnoreCase) => PrintPageSize.A4,
            var p when string.Equals(p, "Letter", StringComparison.OrdinalIgnoreCase) => PrintPageSize.Letter,
            var p => throw new PrintException($"The page size '{p}' is not supported; use A4 or Letter."),
        };
        var margins = Margins;
        if (content.MarginsMillimetres is [var top, var right, var bottom, var left])
        {
            margins = PrintMargins.FromMillimetres((float)top, (float)right, (float)bottom, (float)left);
        }

        return this with
        {
            PageSize = pageSize,
            Margins = margins,
            Duplex = content.Duplex ?? Duplex,
            Fonts = Fonts.WithCatalogFiles(content.FontFiles, content.FallbackFontFiles),
        };
    }

    /// <summary>Throws when the options cannot lay out a page.</summary>
    /// <exception cref="ArgumentException">A margin is negative, the margins leave less than one inch, or the font size is out of range.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="PageSize"/> is not one of the sizes defined.</exception>
    internal void Validate()
    {
        var margins = Margins;
        if (!(margins.Top >= 0 && margins.Right >= 0 && margins.Bottom >= 0 && margins.Left >= 0))
        {
            // Written so that NaN fails too: a NaN margin passed every comparison, and every page printed blank.
            throw new ArgumentException("Margins must be numbers, not negative.", nameof(Margins));
        }

        if (!Enum.IsDefined(PageSize))
        {
            // An undefined value was laid out as A4 without a word.
            throw new ArgumentOutOfRangeException(nameof(PageSize), PageSize, $"PageSize must be one of {string.Join(", ", Enum.GetNames<PrintPageSize>())}.");
        }

        var (width, height) = Layout.PageGeometry.PaperSize(PageSize);
        if (width - margins.Left - margins.Right < 72 || height - margins.Top - margins.Bottom < 72)
        {
            throw new ArgumentException("The margins leave less than one inch (72 points) for content; make them smaller.", nameof(Margins));
        }

        if (!(BaseFontSize >= 4 && BaseFontSize <= 72))
        {
            throw new ArgumentException("BaseFontSize must be between 4 and 72 points.", nameof(BaseFontSize));
        }

        if (!(AddressFontSize >= 4 && AddressFontSize <= 72) || !(ReturnAddressFontSize >= 4 && ReturnAddressFontSize <= 72))
        {
            throw new ArgumentException("AddressFontSize and ReturnAddressFontSize must be between 4 and 72 points.", nameof(AddressFontSize));
        }

        if (PageNumberFormat is { Length: > 0 } format)
        {
            try
            {
                _ = string.Format(CultureInfo.InvariantCulture, format, 1, 1);
            }
            catch (FormatException exception)
            {
                throw new ArgumentException($"PageNumberFormat '{format}' is not a composite format of {{0}} (the page number) and {{1}} (the page count): {exception.Message} Write a literal brace as '{{{{' or '}}}}'.", nameof(PageNumberFormat), exception);
            }
        }

        ArgumentNullException.ThrowIfNull(Fonts, nameof(Fonts));
        ArgumentNullException.ThrowIfNull(Din5008Window, nameof(Din5008Window));
        ArgumentNullException.ThrowIfNull(Us10Window, nameof(Us10Window));
        Din5008Window.Validate(nameof(Din5008Window));
        Us10Window.Validate(nameof(Us10Window));
    }
}
