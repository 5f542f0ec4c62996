using OneToOne.Composition.Decisions;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Turns each decision of an email or print batch into a channel package's document (<see cref="ChannelSettings.Documents"/>).
/// The Batch package knows no email or PDF library: <c>OneToOne.Composition.Batch.Email</c> provides
/// <c>EmailBatchRenderer</c> and <c>OneToOne.Composition.Batch.Print</c> <c>PdfBatchRenderer</c>.
/// </summary>
/// <remarks>
/// <para>One renderer serves every worker of a run at once: <see cref="Render"/> must be thread-safe.</para>
/// <para>A recipient's own fault (a value the channel cannot carry) should be thrown as a <see cref="MessageRejectedException"/>
/// whose message names the recipient and the message: the record is rejected with that text at <c>render</c>. Any other
/// exception rejects the record too, reported as unexpected.</para>
/// </remarks>
public abstract class BatchDocumentRenderer
{
    /// <summary>Initialises the renderer.</summary>
    /// <param name="channel">The channel it renders for: <see cref="BatchChannel.Email"/> or <see cref="BatchChannel.Print"/>.</param>
    /// <param name="fileExtension">The extension of a record's file, with its dot (<c>.eml</c>, <c>.pdf</c>).</param>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is text or web, or <paramref name="fileExtension"/> does not start with a dot.</exception>
    protected BatchDocumentRenderer(BatchChannel channel, string fileExtension)
    {
        ArgumentNullException.ThrowIfNull(fileExtension);
        if (channel is not (BatchChannel.Email or BatchChannel.Print))
        {
            throw new ArgumentException($"A document renderer renders for email or print; {channel} is rendered by the batch itself.", nameof(channel));
        }

        if (fileExtension.Length < 2 || fileExtension[0] != '.' || fileExtension.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
        {
            throw new ArgumentException($"The file extension '{fileExtension}' is not a dot and a file name's ending, such as '.eml'.", nameof(fileExtension));
        }

        Channel = channel;
        FileExtension = fileExtension;
    }

    /// <summary>Gets the channel the renderer renders for.</summary>
    public BatchChannel Channel { get; }

    /// <summary>Gets the extension of a record's file, with its dot.</summary>
    public string FileExtension { get; }

    /// <summary>Renders one decided, unsuppressed message.</summary>
    /// <param name="catalog">The run's catalog.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="print">
    /// For <see cref="BatchChannel.Print"/>, the decision's print rendering the batch made (<see cref="BatchResult.PrintMessage"/>),
    /// so it is not rendered twice; null for email.
    /// </param>
    /// <param name="cancellationToken">The run's stop.</param>
    /// <returns>The document.</returns>
    /// <exception cref="MessageRejectedException">The recipient's data cannot be carried by the channel.</exception>
    public abstract BatchDocument Render(Catalog catalog, Decision decision, PrintContent? print, CancellationToken cancellationToken);
}
