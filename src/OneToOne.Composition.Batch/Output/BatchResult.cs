using System.Globalization;
using OneToOne.Composition.Decisions;

namespace OneToOne.Composition.Batch;

/// <summary>
/// What became of one input record — rendered, suppressed or rejected — with the rendered output of a rendered record.
/// A sink receives it in input order; it is valid until the sink's call returns (copy what you keep).
/// </summary>
public sealed class BatchResult
{
    /// <summary>
    /// The reason of a record whose id an earlier record had. It names no record number: the summary counts suppressions by
    /// reason, and one key per first occurrence would make as many keys as duplicates.
    /// </summary>
    internal const string DuplicateReason = "duplicate id: an earlier record in the input has the same id";

    /// <summary>
    /// The reason of a record whose id an earlier record had written with other code points: the same letters, one composed
    /// ('é', U+00E9) and one decomposed ('e' + U+0301), which look alike wherever the two are shown.
    /// </summary>
    internal const string DuplicateWrittenOtherWayReason = "duplicate id: an earlier record in the input has the same id written another way (the same letters as composed and as decomposed Unicode, such as 'é' and 'e' + U+0301); write the ids in one form (NFC) in the export";

    private string? _body;

    /// <summary>The decision a rendered record was rendered from, whose <see cref="Decision.TextCulture"/> is <see cref="Culture"/>.</summary>
    private Decision? _renderedFrom;

    /// <summary>The body rendered into pooled characters (only for sinks that read it during their call), until released.</summary>
    private PooledText? _text;

    private BatchResult(long number, string? id, BatchStatus status)
    {
        Number = number;
        Id = id;
        Status = status;
    }

    /// <summary>Gets the 1-based number of the record in the input (the same in a sharded or resumed run).</summary>
    public long Number { get; }

    /// <summary>Gets the recipient's id, or null when the record has none (or could not be read).</summary>
    public string? Id { get; }

    /// <summary>Gets how the record ended.</summary>
    public BatchStatus Status { get; private set; }

    /// <summary>Gets where a rejected record failed; null unless <see cref="Status"/> is <see cref="BatchStatus.Rejected"/>.</summary>
    public RejectStage? Stage { get; private set; }

    /// <summary>Gets the decision, when the message was decided (rendered and suppressed records, and records rejected while rendering).</summary>
    public Decision? Decision { get; private init; }

    /// <summary>Gets the decided slots of a rendered record; null for the others.</summary>
    public IReadOnlyList<SlotDecision>? Slots => Status == BatchStatus.Rendered ? Decision?.Slots : null;

    /// <summary>Gets each chosen module's own output (web decision JSON), or null.</summary>
    public IReadOnlyList<RenderedModule>? Modules { get; private set; }

    /// <summary>Gets the subject of a rendered record.</summary>
    public string? Subject { get; private set; }

    /// <summary>Gets the text or HTML body of a record rendered for text or web; null for email and print.</summary>
    public string? Body => _body ??= _text?.ToString();

    /// <summary>Gets the body as characters, without making it a string when it was rendered into pooled characters.</summary>
    internal ReadOnlySpan<char> BodyText => _body is not null ? _body : _text is not null ? _text.Text : default;

    /// <summary>Gets whether the record has a body (<see cref="Body"/> is not null).</summary>
    internal bool HasBody => _body is not null || _text is not null;

    /// <summary>Gets whether <see cref="Body"/> is a whole HTML document (a <c>web: layout</c> page), not a fragment to wrap.</summary>
    public bool BodyIsDocument { get; private init; }

    /// <summary>
    /// Gets the document a channel package made of a rendered email or print record (<see cref="ChannelSettings.Documents"/>):
    /// an <c>EmailBatchDocument</c> with its MIME message, a <c>PdfBatchDocument</c> with its PDF; null for text and web,
    /// and for print without a renderer.
    /// </summary>
    public BatchDocument? Document { get; private set; }

    /// <summary>Gets the print rendering (Markdown for the PDF layout) of a record rendered for print.</summary>
    public PrintContent? PrintMessage { get; private set; }

    /// <summary>Gets the culture the record's text is written in (<see cref="Decision.TextCulture"/>), for the HTML <c>lang</c> and <c>dir</c>.</summary>
    /// <remarks>Worked out when first asked for (by a sink wrapping a web page), not for every record of a run.</remarks>
    public CultureInfo? Culture => _renderedFrom?.TextCulture;

    /// <summary>Gets why a suppressed record is suppressed.</summary>
    public string? Reason { get; private set; }

    /// <summary>
    /// Gets why a suppressed record is suppressed in a short, stable word for counting (a metric's tag): the decision's
    /// <see cref="Decision.SuppressedBy"/>, or <c>duplicate</c> or <c>routed</c>; null unless suppressed.
    /// </summary>
    internal string? SuppressionCode { get; private set; }

    /// <summary>
    /// Gets why a rejected record was rejected, naming the recipient (or line) and how to fix it, on one line: control and
    /// bidirectional formatting characters it quotes from the data are written as escapes such as <c>\u001B</c>.
    /// </summary>
    public string? Error { get; private set; }

    /// <summary>Gets the file a <see cref="DirectorySink"/> wrote the record to, relative to its folder, once written.</summary>
    public string? File { get; internal set; }

    /// <summary>Creates the result of a record rendered as text or web HTML.</summary>
    internal static BatchResult Rendered(long number, Decision decision, RenderedMessage message, string? page = null, IReadOnlyList<RenderedModule>? modules = null) =>
        new(number, decision.RecipientId, BatchStatus.Rendered)
        {
            Decision = decision,
            Modules = modules,
            Subject = message.Subject,
            _body = page ?? message.Body,
            BodyIsDocument = page is not null,
            _renderedFrom = decision,
        };

    /// <summary>Creates the result of a record rendered as text or web HTML into pooled characters, which it owns until <see cref="ReleaseText"/>.</summary>
    internal static BatchResult Rendered(long number, Decision decision, string subject, PooledText body) =>
        new(number, decision.RecipientId, BatchStatus.Rendered)
        {
            Decision = decision,
            Subject = subject,
            _text = body,
            _renderedFrom = decision,
        };

    /// <summary>Creates the result of a record rendered for email or print: its document, and for print its print rendering.</summary>
    internal static BatchResult Documented(long number, Decision decision, PrintContent? print, BatchDocument? document) =>
        new(number, decision.RecipientId, BatchStatus.Rendered)
        {
            Decision = decision,
            Subject = print?.Subject ?? document?.Subject,
            PrintMessage = print,
            Document = document,
            _renderedFrom = decision,
        };

    /// <summary>Creates the result of a suppressed record.</summary>
    /// <param name="number">The record's number.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="reason">Why, when not the decision's own reason.</param>
    /// <param name="code">The short word for <paramref name="reason"/> (see <see cref="SuppressionCode"/>), when it is given.</param>
    internal static BatchResult Suppressed(long number, Decision decision, string? reason = null, string? code = null) =>
        new(number, decision.RecipientId, BatchStatus.Suppressed)
        {
            Decision = decision,
            Reason = reason ?? decision.SuppressionReason ?? "suppressed",
            SuppressionCode = code ?? decision.SuppressedBy ?? "suppress",
        };

    /// <summary>Creates the result of a record suppressed, undecided, because an earlier record of the run had the same id (<paramref name="writtenOtherWay"/>: canonically equal, not the same code points).</summary>
    internal static BatchResult Duplicate(long number, string id, bool writtenOtherWay) =>
        new(number, id, BatchStatus.Suppressed) { Reason = writtenOtherWay ? DuplicateWrittenOtherWayReason : DuplicateReason, SuppressionCode = "duplicate" };

    /// <summary>Creates the result of a rejected record.</summary>
    internal static BatchResult Rejected(long number, string? id, RejectStage stage, string error, Decision? decision = null) =>
        new(number, id, BatchStatus.Rejected) { Stage = stage, Error = OneLineText.Escape(error), Decision = decision };

    /// <summary>Hands pooled body characters back once every sink has written the record; the body is gone afterwards.</summary>
    internal void ReleaseText()
    {
        _text?.Release();
        _text = null;
    }

    /// <summary>Rejects this record after all, dropping its output: a sink could not take it.</summary>
    /// <param name="stage">Where it failed.</param>
    /// <param name="error">Why.</param>
    internal void Reject(RejectStage stage, string error)
    {
        Status = BatchStatus.Rejected;
        Stage = stage;
        Error = OneLineText.Escape(error);

        // A suppressed record a sink refused is rejected, no longer suppressed for its reason.
        Reason = null;
        SuppressionCode = null;
        Modules = null;
        Subject = null;
        _body = null;
        ReleaseText();
        Document = null;
        PrintMessage = null;
        File = null;
    }
}
