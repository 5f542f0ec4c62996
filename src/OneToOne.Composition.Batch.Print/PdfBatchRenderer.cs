using OneToOne.Composition.Decisions;
using OneToOne.Composition.Print;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Lays each record of a print batch out as its own PDF (<see cref="PdfRenderer"/>), for
/// <see cref="ChannelSettings.Documents"/>: a <see cref="DirectorySink"/> writes <c>&lt;id&gt;.pdf</c>. A merged PDF of
/// the whole run needs no renderer: see <see cref="MergedPdfSink"/>.
/// </summary>
public sealed class PdfBatchRenderer : BatchDocumentRenderer
{
    private readonly PdfRenderer _renderer;

    /// <summary>Initializes the renderer.</summary>
    /// <param name="renderer">The PDF renderer (its print options: fonts, defaults); null for one with <see cref="PrintOptions.Default"/>.</param>
    public PdfBatchRenderer(PdfRenderer? renderer = null)
        : base(BatchChannel.Print, ".pdf") => _renderer = renderer ?? new PdfRenderer(PrintOptions.Default);

    /// <summary>Lays one decided message's print rendering out as a PDF.</summary>
    /// <param name="catalog">The run's catalog.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="print">The decision's print rendering; when null (a caller of its own), it is rendered here.</param>
    /// <param name="cancellationToken">The run's stop.</param>
    /// <returns>A <see cref="PdfBatchDocument"/>.</returns>
    /// <exception cref="MessageRejectedException">The message cannot be printed (a <see cref="PrintException"/>, such as a character no font has).</exception>
    public override BatchDocument Render(Catalog catalog, Decision decision, PrintContent? print, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        print ??= catalog.RenderPrint(decision, cancellationToken);
        try
        {
            return new PdfBatchDocument(print.Subject, _renderer.Render(print));
        }
        catch (PrintException ex)
        {
            throw new MessageRejectedException(ex.Message, ex);
        }
    }
}
