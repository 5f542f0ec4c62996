using OneToOne.Composition.Decisions;
using OneToOne.Composition.Email;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Composes each record of an email batch as a MIME message (<see cref="EmailComposer"/>), for
/// <see cref="ChannelSettings.Documents"/>: a <see cref="DirectorySink"/> writes <c>&lt;id&gt;.eml</c>, and a sink of your
/// own reads <see cref="EmailBatchDocument.Email"/>.
/// </summary>
public sealed class EmailBatchRenderer : BatchDocumentRenderer
{
    private readonly EmailComposer _composer;

    /// <summary>Initializes the renderer.</summary>
    /// <param name="composer">The composer (its options: sender, unsubscribe, clock); null for a default <see cref="EmailComposer"/>.</param>
    public EmailBatchRenderer(EmailComposer? composer = null)
        : base(BatchChannel.Email, ".eml") => _composer = composer ?? new EmailComposer();

    /// <summary>Composes one decided message.</summary>
    /// <param name="catalog">The run's catalog.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="print">Not used (null for email).</param>
    /// <param name="cancellationToken">The run's stop.</param>
    /// <returns>An <see cref="EmailBatchDocument"/>.</returns>
    /// <exception cref="MessageRejectedException">The recipient's data cannot be carried by an email (an <see cref="EmailException"/>, such as an address that is not one).</exception>
    public override BatchDocument Render(Catalog catalog, Decision decision, PrintContent? print, CancellationToken cancellationToken)
    {
        try
        {
            return new EmailBatchDocument(_composer.Compose(catalog, decision, cancellationToken));
        }
        catch (EmailException ex)
        {
            throw new MessageRejectedException(ex.Message, ex);
        }
    }
}
