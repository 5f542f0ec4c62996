using OneToOne.Composition.Print.Drawing;
using OneToOne.Composition.Print.Fonts;
using OneToOne.Composition.Print.Layout;
using SkiaSharp;

namespace OneToOne.Composition.Print;

/// <summary>
/// Lays out a message rendered for <see cref="Channel.Print"/> as a PDF: headings, paragraphs with emphasis and
/// links, lists, quotes, code, rules and pipe tables, paginated with a "Page n of m" footer. Fonts are embedded.
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

    /// <summary>Writes a message as a PDF to a stream.</summary>
    /// <param name="message">A message rendered with <see cref="Channel.Print"/>.</param>
    /// <param name="output">Receives the PDF.</param>
    /// <exception cref="ArgumentException">The message was rendered for another channel.</exception>
    /// <exception cref="PrintException">The message has a character no configured font has, or content that cannot fit a page.</exception>
    public void Render(RenderedMessage message, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        RenderMarkdown(CheckChannel(message).Subject, message.Body, output);
    }

    /// <summary>Lays out a message as a PDF.</summary>
    /// <param name="message">A message rendered with <see cref="Channel.Print"/>.</param>
    /// <returns>The PDF bytes.</returns>
    /// <exception cref="ArgumentException">The message was rendered for another channel.</exception>
    /// <exception cref="PrintException">The message has a character no configured font has, or content that cannot fit a page.</exception>
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
        var laidOut = Layout(title, markdown, fonts);
        var page = PageGeometry.From(Options);
        using var stream = new SKManagedWStream(output);
        using (var document = SKDocument.CreatePdf(stream, PdfPainter.Metadata(Options, title))
            ?? throw new InvalidOperationException("SkiaSharp could not create a PDF document."))
        {
            PdfPainter.Paint(document, laidOut, page.Width, page.Height, destination: null);
            document.Close();
        }

        stream.Flush();
    }

    /// <summary>Lays out print Markdown into pages without writing anything.</summary>
    internal LaidOutMessage Layout(string title, string markdown, FontCache fonts) =>
        MessageLayout.Layout(title, markdown, Options, fonts);

    /// <summary>Creates the per-call font cache for this renderer's fonts.</summary>
    internal FontCache CreateFontCache() => new(_fontSet);
}
