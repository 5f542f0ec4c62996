using OneToOne.Composition.Print.Drawing;
using OneToOne.Composition.Print.Fonts;
using OneToOne.Composition.Print.Images;
using OneToOne.Composition.Print.Layout;
using SkiaSharp;

namespace OneToOne.Composition.Print;

/// <summary>
/// Lays out a print piece (<see cref="Catalog.RenderPrint(Decisions.Decision, CancellationToken)"/>) or a message rendered for
/// <see cref="Channel.Print"/> as a PDF: an address block for a window envelope, headings, paragraphs with emphasis
/// and links, lists, quotes, code, rules, pipe tables and images, paginated with a "Page n of m" footer. Fonts are
/// embedded, cut down to the glyphs the message uses.
/// </summary>
/// <remarks>
/// Thread-safe: create one and share it; every call uses its own per-call state. Deterministic: the same message and
/// options always give byte-identical PDFs, in parallel or one by one. The whole message is laid out before any byte
/// is written, so a <see cref="PrintException"/> leaves the output stream untouched.
/// </remarks>
public sealed class PdfRenderer
{
    private readonly FontSet _fontSet;

    /// <summary>Initializes a new instance of the <see cref="PdfRenderer"/> class with <see cref="PrintOptions.Default"/>.</summary>
    /// <exception cref="PrintException">A font file is missing or cannot be loaded (the message names the package that provides DejaVu).</exception>
    public PdfRenderer()
        : this(PrintOptions.Default)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PdfRenderer"/> class.</summary>
    /// <param name="options">The layout options.</param>
    /// <exception cref="ArgumentException">The options cannot lay out a page.</exception>
    /// <exception cref="PrintException">A font file is missing or cannot be loaded.</exception>
    public PdfRenderer(PrintOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _fontSet = FontSet.Get(options.Fonts);
    }

    /// <summary>Gets the layout options.</summary>
    public PrintOptions Options { get; }

    /// <summary>
    /// Writes a print piece as a PDF to a stream: the catalog's <c>print:</c> settings (page size, margins, duplex,
    /// font files) in place of <see cref="Options"/>' ones, the address block at its window position on the first page,
    /// and local images from <see cref="PrintContent.BaseDirectory"/>. The document's title is the subject, and its
    /// language (<c>/Lang</c>) the recipient's (<see cref="PrintContent.Language"/>), for screen readers.
    /// </summary>
    /// <param name="content">The piece, from <see cref="Catalog.RenderPrint(Decisions.Decision, CancellationToken)"/>.</param>
    /// <param name="output">Receives the PDF; untouched when the piece cannot be printed.</param>
    /// <exception cref="PrintException">
    /// The piece cannot be printed as asked: a character no configured font has, a font file that cannot be loaded, an
    /// address that does not fit its window, an image that is missing or does not decode, margins that leave no room, or
    /// Markdown nested deeper than the Markdown reader follows. It names the piece's recipient and message
    /// (<see cref="PrintException.RecipientId"/>, <see cref="PrintException.MessageId"/>), and a character's module and
    /// slot (or the part of the piece it is in).
    /// </exception>
    /// <exception cref="IOException"><paramref name="output"/> failed (a full disk); what it received is not a whole PDF.</exception>
    public void Render(PrintContent content, Stream output)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var options = OptionsFor(content);
            using var fonts = new FontCache(FontSetFor(options));
            using var images = new ImageCache();
            var laidOut = MessageLayout.Layout(PrintPiece.From(content), options, fonts, images);
            Write(laidOut, options, fonts.FontSet, output, content.Language);
        }
        catch (PrintException failure)
        {
            throw PrintException.For(content, failure);
        }
    }

    /// <summary>Lays out a print piece as a PDF; see <see cref="Render(PrintContent, Stream)"/>.</summary>
    /// <param name="content">The piece, from <see cref="Catalog.RenderPrint(Decisions.Decision, CancellationToken)"/>.</param>
    /// <returns>The PDF bytes.</returns>
    /// <exception cref="PrintException">The piece cannot be printed as asked (see <see cref="Render(PrintContent, Stream)"/>).</exception>
    public byte[] Render(PrintContent content)
    {
        using var output = new MemoryStream();
        Render(content, output);
        return output.ToArray();
    }

    /// <summary>
    /// Writes a message as a PDF to a stream with <see cref="Options"/> as they are: no address block, and images print
    /// their alt text (a <see cref="RenderedMessage"/> carries no image folder). Prefer
    /// <see cref="Render(PrintContent, Stream)"/>, which honours the catalog's <c>print:</c> settings.
    /// </summary>
    /// <param name="message">A message rendered with <see cref="Channel.Print"/>.</param>
    /// <param name="output">Receives the PDF.</param>
    /// <exception cref="ArgumentException">The message was rendered for another channel.</exception>
    /// <exception cref="PrintException">The message has a character no configured font has, content that cannot fit a page, or Markdown nested deeper than the Markdown reader follows.</exception>
    /// <exception cref="IOException"><paramref name="output"/> failed (a full disk); what it received is not a whole PDF.</exception>
    public void Render(RenderedMessage message, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        RenderMarkdown(CheckChannel(message).Subject, message.Body, output);
    }

    /// <summary>Lays out a message as a PDF; see <see cref="Render(RenderedMessage, Stream)"/>.</summary>
    /// <param name="message">A message rendered with <see cref="Channel.Print"/>.</param>
    /// <returns>The PDF bytes.</returns>
    /// <exception cref="ArgumentException">The message was rendered for another channel.</exception>
    /// <exception cref="PrintException">The message has a character no configured font has, content that cannot fit a page, or Markdown nested deeper than the Markdown reader follows.</exception>
    public byte[] Render(RenderedMessage message)
    {
        using var output = new MemoryStream();
        Render(message, output);
        return output.ToArray();
    }

    internal static RenderedMessage CheckChannel(RenderedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Channel != Channel.Print)
        {
            throw new ArgumentException($"The message was rendered for the {message.Channel} channel; render it with Channel.Print for PDF output.", nameof(message));
        }

        return message;
    }

    /// <summary>Lays out print Markdown and writes it as a PDF.</summary>
    internal void RenderMarkdown(string title, string markdown, Stream output)
    {
        using var fonts = new FontCache(_fontSet);
        using var images = new ImageCache();
        var laidOut = MessageLayout.Layout(PrintPiece.FromMarkdown(title, markdown), Options, fonts, images);
        Write(laidOut, Options, fonts.FontSet, output, language: null);
    }

    /// <summary>Gets the options a piece is laid out with: <see cref="Options"/> with the piece's own settings.</summary>
    /// <exception cref="PrintException">The piece's settings cannot lay out a page.</exception>
    internal PrintOptions OptionsFor(PrintContent content)
    {
        var options = Options.For(content);
        try
        {
            options.Validate();
        }
        catch (ArgumentException exception)
        {
            throw new PrintException($"The message's print settings cannot lay out a page: {exception.Message}", exception);
        }

        return options;
    }

    /// <summary>Gets the loaded fonts for options (this renderer's own when the fonts are the same).</summary>
    /// <exception cref="PrintException">A font file is missing or cannot be loaded.</exception>
    internal FontSet FontSetFor(PrintOptions options) =>
        ReferenceEquals(options.Fonts, Options.Fonts) ? _fontSet : FontSet.Get(options.Fonts);

    /// <summary>Lays out print Markdown into pages without writing anything.</summary>
    internal LaidOutMessage Layout(string title, string markdown, FontCache fonts, ImageCache images) =>
        MessageLayout.Layout(PrintPiece.FromMarkdown(title, markdown), Options, fonts, images);

    /// <summary>Creates the per-call font cache for this renderer's fonts.</summary>
    internal FontCache CreateFontCache() => new(_fontSet);

    /// <summary>Writes a laid-out message as a PDF, declaring its language when known (see <see cref="PdfLanguage"/>).</summary>
    private static void Write(LaidOutMessage laidOut, PrintOptions options, FontSet fontSet, Stream output, string? language)
    {
        if (language is null)
        {
            WriteDocument(laidOut, options, fontSet, output);
            return;
        }

        using var buffer = new MemoryStream();
        WriteDocument(laidOut, options, fontSet, buffer);
        PdfLanguage.Write(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), language, output);
    }

    private static void WriteDocument(LaidOutMessage laidOut, PrintOptions options, FontSet fontSet, Stream output)
    {
        using var subsets = SubsetFonts.For(laidOut, fontSet);
        using var stream = new PdfOutputStream(output);
        using (var document = SKDocument.CreatePdf(stream, PdfPainter.Metadata(options, laidOut.Title))
            ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document."))
        {
            PdfPainter.Paint(document, laidOut, destination: null, subsets);
            document.Close();
        }

        stream.Flush();
        stream.ThrowIfFailed();
    }
}
