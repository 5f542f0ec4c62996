using System.Globalization;
using OneToOne.Composition.Print.Drawing;
using OneToOne.Composition.Print.Fonts;
using OneToOne.Composition.Print.Images;
using OneToOne.Composition.Print.Layout;
using SkiaSharp;

namespace OneToOne.Composition.Print;

/// <summary>
/// Writes many messages into one merged PDF for a print run: each message starts on a new page (an odd page with
/// duplex: a piece's <see cref="PrintContent.Duplex"/> when its catalog sets it, else <see cref="PrintOptions.Duplex"/>),
/// has its own "Page n of m" numbering and a named destination (its recipient id), and the <see cref="PrintManifest"/>
/// records where each one is. Named destinations are unique: an id given before (or one whose name is taken, such as
/// <c>record-2</c> for a record without an id and a recipient whose id is <c>record-2</c>) gets its entry's number
/// (<c>record-2-2</c>, then <c>-2</c>, <c>-3</c>… while that is taken too); a NUL in an id is written as U+2400.
/// </summary>
/// <remarks>
/// Not thread-safe: add messages from one thread, in the order they must print. A message that fails with
/// <see cref="PrintException"/> writes nothing, so the batch can reject that record and go on. Deterministic: the
/// same messages in the same order give byte-identical output. Disposing without <see cref="Complete"/> completes.
/// <para>
/// The document's language (<c>/Lang</c>) is the pieces' (<see cref="PrintContent.Language"/>; a piece without one, and
/// a <see cref="RenderedMessage"/>, are not counted): the one they all have, else the language they share (<c>de</c> for
/// <c>de-DE</c> and <c>de-AT</c>), else <c>mul</c> (BCP 47: several languages). A merged PDF is one document to a
/// screen reader: declaring one language for all would have it read the others' letters with the wrong voice, and
/// declaring none fails an accessibility preflight. Each piece's own PDF declares the piece's language.
/// </para>
/// </remarks>
public sealed class PdfBatchWriter : IDisposable
{
    private readonly PdfRenderer _renderer;
    private readonly PdfOutputStream _stream;
    private readonly ImageCache _images = new();
    private readonly SKDocument _document;
    private readonly List<PrintManifestEntry> _entries = [];
    private readonly HashSet<string> _destinations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _languages = new(StringComparer.OrdinalIgnoreCase);
    private int _pageCount;

    /// <summary>The size of the last page written: a blank page before the next piece is that page's back.</summary>
    private (float Width, float Height) _lastPage;
    private bool _completed;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="PdfBatchWriter"/> class.</summary>
    /// <param name="output">Receives the merged PDF; written while messages are added and completed by <see cref="Complete"/>.</param>
    /// <param name="options">The layout options, or null for <see cref="PrintOptions.Default"/>.</param>
    /// <exception cref="ArgumentException">The options cannot lay out a page.</exception>
    /// <exception cref="PrintException">A font file is missing or cannot be loaded.</exception>
    public PdfBatchWriter(Stream output, PrintOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        _renderer = new PdfRenderer(options ?? PrintOptions.Default);
        _stream = new PdfOutputStream(output);
        var document = SKDocument.CreatePdf(_stream, PdfPainter.Metadata(_renderer.Options, title: null));
        if (document is null)
        {
            // The wrapper holds native memory, and a writer that was never made cannot be disposed to free it.
            _stream.Dispose();
            throw new InvalidOperationException("SkiaSharp could not create a PDF document.");
        }

        _document = document;
    }

    /// <summary>Gets the manifest of the messages added so far.</summary>
    public PrintManifest Manifest => new([.. _entries], _pageCount);

    /// <summary>
    /// Appends one recipient's print piece, starting on a new page (an odd one with duplex), with its address block and
    /// its images. Page size, margins and duplex are the ones its catalog's <c>print:</c> block sets, else those of the
    /// writer's options; the catalog's font files replace the options' faces.
    /// </summary>
    /// <param name="recipientId">The recipient id recorded in the manifest and used, made unique, as the named destination.</param>
    /// <param name="content">The piece, from <see cref="Catalog.RenderPrint(Decisions.Decision, CancellationToken)"/>.</param>
    /// <returns>Where the piece is in the merged PDF.</returns>
    /// <exception cref="PrintException">
    /// The piece cannot be printed (see <see cref="PdfRenderer.Render(PrintContent, Stream)"/>); nothing of it was
    /// written. It names the piece's own recipient and message (<see cref="PrintContent.RecipientId"/>, which
    /// <paramref name="recipientId"/> need not be).
    /// </exception>
    /// <exception cref="InvalidOperationException">The writer is already completed.</exception>
    /// <exception cref="IOException">The output failed (a full disk), now or at an earlier message: the batch cannot go on.</exception>
    public PrintManifestEntry Add(string recipientId, PrintContent content)
    {
        ArgumentNullException.ThrowIfNull(recipientId);
        ArgumentNullException.ThrowIfNull(content);
        CheckOpen();
        try
        {
            var options = _renderer.OptionsFor(content);
            using var fonts = new FontCache(PdfRenderer.FontSetFor(options));
            var laidOut = MessageLayout.Layout(PrintPiece.From(content), options, fonts, _images);
            var entry = Append(recipientId, laidOut, options.Duplex, content.Arms);
            if (content.Language is { } language)
            {
                _languages.Add(language);
            }

            return entry;
        }
        catch (PrintException failure)
        {
            throw PrintException.For(content, failure);
        }
    }

    /// <summary>
    /// Appends one recipient's message, starting on a new page, with <see cref="PdfRenderer.Options"/> as they are (no
    /// address block; images print their alt text). Prefer <see cref="Add(string, PrintContent)"/>.
    /// </summary>
    /// <param name="recipientId">The recipient id recorded in the manifest and used, made unique, as the named destination.</param>
    /// <param name="message">A message rendered with <see cref="Channel.Print"/>.</param>
    /// <returns>Where the message is in the merged PDF.</returns>
    /// <exception cref="ArgumentException">The message was rendered for another channel.</exception>
    /// <exception cref="PrintException">The message cannot be printed; nothing of it was written.</exception>
    /// <exception cref="InvalidOperationException">The writer is already completed.</exception>
    /// <exception cref="IOException">The output failed (a full disk), now or at an earlier message: the batch cannot go on.</exception>
    public PrintManifestEntry Add(string recipientId, RenderedMessage message)
    {
        ArgumentNullException.ThrowIfNull(recipientId);
        PdfRenderer.CheckChannel(message);
        CheckOpen();
        using var fonts = _renderer.CreateFontCache();
        var laidOut = _renderer.Layout(message.Subject, message.Body, fonts, _images);
        return Append(recipientId, laidOut, _renderer.Options.Duplex);
    }

    private void CheckOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The batch is completed; no more messages can be added.");
        }

        _stream.ThrowIfFailed();
    }

    private PrintManifestEntry Append(string recipientId, LaidOutMessage laidOut, bool duplex, string? arms = null)
    {
        if (duplex && _pageCount % 2 == 1)
        {
            // The back of the last piece's last sheet: its size, not the next piece's (another paper, another tray).
            PdfPainter.PaintBlankPage(_document, _lastPage.Width, _lastPage.Height);
            _pageCount++;
        }

        PdfPainter.Paint(_document, laidOut, Destination(recipientId));

        // Skia writes a page's bytes when it ends the page: an output that failed (a full disk) stops the batch here.
        _stream.ThrowIfFailed();
        var entry = new PrintManifestEntry(recipientId, _pageCount + 1, laidOut.Pages.Count, arms);
        _pageCount += laidOut.Pages.Count;
        _lastPage = (laidOut.PageWidth, laidOut.PageHeight);
        _entries.Add(entry);
        return entry;
    }

    /// <summary>
    /// Gets the named destination of the next entry: its recipient id as a PDF name, made unique with the entry's
    /// number (then a counter) when another entry has that name, so the output depends only on the order of the ids.
    /// </summary>
    private string Destination(string recipientId)
    {
        var name = PdfAnnotationText.DestinationName(recipientId);
        if (name.Length == 0 || _destinations.Add(name))
        {
            return name;
        }

        var number = _entries.Count + 1;
        var unique = string.Create(CultureInfo.InvariantCulture, $"{name}-{number}");
        for (var n = 2; !_destinations.Add(unique); n++)
        {
            unique = string.Create(CultureInfo.InvariantCulture, $"{name}-{number}-{n}");
        }

        return unique;
    }

    /// <summary>Finishes the PDF (writes its trailer) and returns the manifest. An empty batch writes no bytes.</summary>
    /// <returns>The manifest of every message added.</returns>
    /// <exception cref="IOException">The output failed (a full disk): what it received is not a whole PDF.</exception>
    public PrintManifest Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_completed)
        {
            _completed = true;

            // Read back from here: SkiaSharp writes the catalog when it closes the document, after the last page.
            var language = PdfLanguage.Shared(_languages);
            if (language is not null)
            {
                _stream.StartCapture();
            }

            _document.Close();
            if (language is not null && !_stream.Failed)
            {
                var (tail, offset) = _stream.Captured;
                if (PdfLanguage.UpdateFor(tail.Span, offset, language) is { } update)
                {
                    _stream.Append(update);
                }
            }

            _stream.Flush();
        }

        _stream.ThrowIfFailed();
        return Manifest;
    }

    /// <summary>
    /// Completes the PDF if <see cref="Complete"/> was not called and the output has not failed, and releases the native
    /// document, also when completing fails.
    /// </summary>
    /// <exception cref="IOException">The output failed while the PDF was completed.</exception>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            if (!_completed && !_stream.Failed)
            {
                Complete();
            }
        }
        finally
        {
            _disposed = true;
            _document.Dispose();
            _stream.Dispose();
            _images.Dispose();
        }
    }
}
