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
    /// <summary>The largest buffer a thread keeps between PDFs (<see cref="RentBuffer"/>).</summary>
    private const int KeptBufferCapacity = 4 << 20;

    [ThreadStatic]
    private static MemoryStream? _buffer;

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
        // Loaded now, so missing fonts fail here; each render asks again, as a font file replaced since is read again.
        _ = FontSet.Get(options.Fonts);
    }

    /// <summary>Gets the layout options.</summary>
    public PrintOptions Options { get; }

    /// <summary>
    /// Writes a print piece as a PDF to a stream: the catalog's <c>print:</c> settings (page size, margins, duplex,
    /// font files) in place of <see cref="Options"/>' ones, the address block at its window position on the first page,
    /// and local images from <see cref="PrintContent.BaseDirectory"/>. The document's title is the subject, and its
    /// language (<c>/Lang</c>) the text's (<see cref="PrintContent.Language"/>), for screen readers.
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
        if (content.Language is null)
        {
            WritePiece(content, output);
            return;
        }

        // The language is declared after the document (see PdfLanguage), which is read back to find its catalog.
        var buffer = RentBuffer();
        try
        {
            WritePiece(content, buffer);
            PdfLanguage.Write(Written(buffer), content.Language, output);
        }
        finally
        {
            ReturnBuffer(buffer);
        }
    }

    /// <summary>Lays out a print piece as a PDF; see <see cref="Render(PrintContent, Stream)"/>.</summary>
    /// <param name="content">The piece, from <see cref="Catalog.RenderPrint(Decisions.Decision, CancellationToken)"/>.</param>
    /// <returns>The PDF bytes.</returns>
    /// <exception cref="PrintException">The piece cannot be printed as asked (see <see cref="Render(PrintContent, Stream)"/>).</exception>
    public byte[] Render(PrintContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var buffer = RentBuffer();
        try
        {
            WritePiece(content, buffer);
            var pdf = Written(buffer);
            var update = PdfLanguage.UpdateFor(pdf, content.Language);
            var bytes = new byte[pdf.Length + (update?.Length ?? 0)];
            pdf.CopyTo(bytes);
            update?.CopyTo(bytes.AsSpan(pdf.Length));
            return bytes;
        }
        finally
        {
            ReturnBuffer(buffer);
        }
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
        CheckChannel(message);
        var buffer = RentBuffer();
        try
        {
            RenderMarkdown(message.Subject, message.Body, buffer);
            return Written(buffer).ToArray();
        }
        finally
        {
            ReturnBuffer(buffer);
        }
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
        using var fonts = new FontCache(FontSet.Get(Options.Fonts));
        using var images = new ImageCache();
        var laidOut = MessageLayout.Layout(PrintPiece.FromMarkdown(title, markdown), Options, fonts, images);
        WriteDocument(laidOut, Options, fonts.FontSet, output);
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

    /// <summary>Gets the loaded fonts for options: the process's set for them, read again when a file was replaced since.</summary>
    /// <exception cref="PrintException">A font file is missing or cannot be loaded.</exception>
    internal static FontSet FontSetFor(PrintOptions options) => FontSet.Get(options.Fonts);

    /// <summary>Lays out print Markdown into pages without writing anything.</summary>
    internal LaidOutMessage Layout(string title, string markdown, FontCache fonts, ImageCache images) =>
        MessageLayout.Layout(PrintPiece.FromMarkdown(title, markdown), Options, fonts, images);

    /// <summary>Creates the per-call font cache for this renderer's fonts.</summary>
    internal FontCache CreateFontCache() => new(FontSet.Get(Options.Fonts));

    /// <summary>Lays out a print piece and writes it as a PDF, without its language.</summary>
    /// <exception cref="PrintException">The piece cannot be printed; it names the piece's recipient and message.</exception>
    private void WritePiece(PrintContent content, Stream output)
    {
        try
        {
            var options = OptionsFor(content);
            using var fonts = new FontCache(FontSetFor(options));
            using var images = new ImageCache();
            var laidOut = MessageLayout.Layout(PrintPiece.From(content), options, fonts, images);
            WriteDocument(laidOut, options, fonts.FontSet, output);
        }
        catch (PrintException failure)
        {
            throw PrintException.For(content, failure);
        }
    }

    /// <summary>
    /// Takes the calling thread's buffer for a PDF that is read back or copied once written (emptied; a new one when the
    /// thread's is in use). A run writes millions of PDFs of a few hundred kilobytes each on a few threads: a buffer grown
    /// anew for each, and copied into another grown anew, was most of what printing a letter allocated.
    /// </summary>
    private static MemoryStream RentBuffer()
    {
        var buffer = _buffer ?? new MemoryStream();
        _buffer = null;
        buffer.SetLength(0);
        return buffer;
    }

    /// <summary>Gives a buffer back to the calling thread, unless it grew past <see cref="KeptBufferCapacity"/> (a PDF with large images).</summary>
    private static void ReturnBuffer(MemoryStream buffer)
    {
        if (buffer.Capacity <= KeptBufferCapacity)
        {
            _buffer = buffer;
        }
    }

    /// <summary>The bytes written to a buffer.</summary>
    private static ReadOnlySpan<byte> Written(MemoryStream buffer) => buffer.GetBuffer().AsSpan(0, (int)buffer.Length);

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
