using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using OneToOne.Composition.Rendering;
using OneToOne.Composition.Runtime;

namespace OneToOne.Composition;

/// <summary>
/// A validated, compiled catalog: immutable and thread-safe. Load it once with <see cref="CatalogLoader"/>
/// and share it; every <see cref="Decide(Recipient, string, CancellationToken)"/> and <see cref="Render(Decision, Channel, CancellationToken)"/>
/// call uses its own pooled per-call state.
/// </summary>
public sealed partial class Catalog
{
    private readonly CatalogRuntime _runtime;
    private readonly CompositionMetrics _metrics;
    private readonly TimeProvider _clock;

    internal Catalog(CatalogRuntime runtime, IReadOnlyList<Diagnostic> warnings)
    {
        _runtime = runtime;
        _metrics = CompositionMetrics.For(runtime.Options.MeterFactory);
        _clock = runtime.Options.TimeProvider;
        Warnings = warnings;
    }

    /// <summary>Gets the catalog's name (its <c>catalog:</c> key).</summary>
    public string Id => _runtime.Name;

    /// <summary>Gets the ids of the catalog's messages, in file order.</summary>
    public IReadOnlyList<string> MessageIds => _runtime.MessageIds;

    /// <summary>
    /// Gets a SHA-256 of the catalog's YAML sources (each file's name and text, in load order) as lowercase hex: equal for
    /// catalogs loaded from the same text, different when any template, rule or setting changed. Record it with a run's
    /// output to say which version of the catalog made it; the CLI keys its checkpoints on it.
    /// </summary>
    public string SourceHash { get => _runtime.SourceHash; internal init => _runtime.SourceHash = value; }

    /// <summary>Gets the warnings found while loading (the catalog has no errors, or it would not exist).</summary>
    public IReadOnlyList<Diagnostic> Warnings { get; }

    /// <summary>
    /// Gets whether deciding the message counts contacts against frequency caps, so it needs
    /// <see cref="CompositionOptions.ContactHistory"/>: check it before a run instead of failing every recipient.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <returns>Whether the message has caps (its own or the policy's).</returns>
    /// <exception cref="ArgumentException">The catalog has no such message.</exception>
    public bool HasFrequencyCaps(string messageId) => _runtime.GetMessage(messageId).Policy is { Caps.Length: > 0 };

    /// <summary>
    /// Gets the frequency caps deciding a message counts contacts against (its own or the policy's), each as a run's
    /// refusal names it: <c>max 1 per 7d per channel at catalog.yaml(12,7)</c>. Empty when the message has none.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <returns>One description per cap, in the order they are checked.</returns>
    /// <exception cref="ArgumentException">The catalog has no such message.</exception>
    public IReadOnlyList<string> FrequencyCaps(string messageId) =>
        Array.AsReadOnly(Array.ConvertAll(_runtime.GetMessage(messageId).Policy?.Caps ?? [], static c => $"max {c.Max} per {c.WindowText} per {c.Per} at {c.Location}"));

    /// <summary>
    /// Gets whether the catalog has a contact history to judge frequency caps against
    /// (<see cref="CompositionOptions.ContactHistory"/> was set when it was loaded). A message with caps
    /// (<see cref="HasFrequencyCaps"/>) needs one: without it, every recipient that reaches the caps (one not suppressed
    /// before they are checked) is rejected, so a batch run refuses such a message before reading a record.
    /// </summary>
    public bool HasContactHistory => _runtime.Options.ContactHistory is not null;

    /// <summary>
    /// Gets the longest window of any frequency cap in the catalog (any message's, or the policy's), or null when it has
    /// none: how far back a contact history must reach for this catalog's decisions. Contacts made longer ago than that
    /// before the next run are never counted again, so they can be pruned (storage limitation).
    /// </summary>
    public TimeSpan? LongestCapWindow =>
        _runtime.Messages.Values.SelectMany(static m => m.Policy?.Caps ?? []).Select(static c => (TimeSpan?)c.Window).Max();

    /// <summary>
    /// Gets the contact channels a message may be routed to (its <c>channels:</c>, in order), or none when it names none
    /// and renders in every channel: check it before a run, which suppresses every recipient a channel it does not name.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <returns>The channels (<c>email</c>, <c>print</c>, <c>web</c>), or an empty list.</returns>
    /// <exception cref="ArgumentException">The catalog has no such message.</exception>
    public IReadOnlyList<string> Channels(string messageId) => Array.AsReadOnly(_runtime.GetMessage(messageId).Policy?.Channels ?? []);

    /// <summary>
    /// Gets the recipient fields the conditions deciding a message read (its suppress rules, its modules' <c>when</c>, and
    /// the segments those read), each once, in that order. A condition reads a field the recipient lacks as null, which is
    /// right for a field some recipients leave out, but a name no recipient has (a misspelling) makes the condition false
    /// for everyone without an error: compare these with the recipients' fields (the batch runner reports those no record had).
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <returns>The field names (the top-level field of a member read such as <c>address.country</c>).</returns>
    /// <exception cref="ArgumentException">The catalog has no such message.</exception>
    public IReadOnlyList<string> ConditionFields(string messageId)
    {
        var message = _runtime.GetMessage(messageId);
        List<CompiledCondition?> conditions = [message.Suppress, .. message.Policy?.SuppressRules.Select(static r => r.Condition) ?? [], .. ModulesPlacedBy(message).Select(static m => m.Condition)];
        var fields = new List<string>();
        var segments = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < conditions.Count; i++)
        {
            if (conditions[i] is not { } condition)
            {
                continue;
            }

            fields.AddRange(condition.Fields.Where(f => !fields.Contains(f)));
            foreach (var segment in condition.Segments)
            {
                // A segment's condition is read once, however many conditions use it (and they may use one another).
                if (segments.Add(segment) && _runtime.Segments.TryGetValue(segment, out var compiled))
                {
                    conditions.Add(compiled.Condition);
                }
            }
        }

        return fields.AsReadOnly();
    }

    /// <summary>Decides a message for a recipient: suppression, and the module(s) for each slot, with the trace.</summary>
    /// <param name="recipient">The recipient.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Stops a long condition at its next step instead of at the end of its time budget (<see cref="RenderLimits.TimeBudget"/>).</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">The catalog has no such message.</exception>
    /// <exception cref="RecipientException">The recipient cannot be decided (a condition failed at run time, a limit was hit, an unknown locale, the score provider failed).</exception>
    /// <exception cref="InvalidOperationException">The message has frequency caps and <see cref="CompositionOptions.ContactHistory"/> is not set (see <see cref="HasFrequencyCaps"/>).</exception>
    /// <exception cref="Contacts.ContactHistoryException">The contact history cannot be read; caps are never skipped silently. Whatever the history's count throws (its own <see cref="Contacts.ContactHistoryException"/>, or a store's exception) is thrown as one naming the recipient, the message and the cap, with it as the <see cref="Exception.InnerException"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Decision Decide(Recipient recipient, string messageId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var decision = Decider.Decide(_runtime, recipient, messageId, cancellationToken);
        _metrics.Decided(decision);
        return decision;
    }

    /// <summary>Decides a message for a recipient given as a dictionary, JSON element or plain object.</summary>
    /// <param name="recipient">The recipient's data; see <see cref="Recipient.FromObject"/>.</param>
    /// <param name="messageId">The message id.</param>
    /// <param name="cancellationToken">Stops a long condition at its next step instead of at the end of its time budget (<see cref="RenderLimits.TimeBudget"/>).</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="recipient"/> or <paramref name="messageId"/> is null.</exception>
    /// <exception cref="ArgumentException">The catalog has no such message, or <paramref name="recipient"/> cannot be a recipient (text, a number, a list, a dictionary keyed by other than strings, a JSON value that is not an object).</exception>
    /// <exception cref="RecipientException">The recipient cannot be decided.</exception>
    /// <exception cref="InvalidOperationException">The message has frequency caps and <see cref="CompositionOptions.ContactHistory"/> is not set.</exception>
    /// <exception cref="Contacts.ContactHistoryException">The contact history cannot be read (naming the recipient, the message and the cap, with the history's failure as the <see cref="Exception.InnerException"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Decision Decide(object recipient, string messageId, CancellationToken cancellationToken = default) =>
        Decide(Recipient.FromArgument(recipient, "id", nameof(recipient)), messageId, cancellationToken);

    /// <summary>Renders a decision for a channel.</summary>
    /// <param name="decision">A decision made by this catalog that is not suppressed.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="cancellationToken">Stops a long template at its next loop step instead of at the end of its time budget (<see cref="RenderLimits.TimeBudget"/>).</param>
    /// <returns>The subject and the body in the channel's form.</returns>
    /// <exception cref="ArgumentException">The decision was made by another catalog, or another load of this one; or the channel is not one of <see cref="Channel"/>'s.</exception>
    /// <exception cref="InvalidOperationException">The decision is suppressed.</exception>
    /// <exception cref="RecipientException">The recipient cannot be rendered (a missing field, a template error, a limit).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public RenderedMessage Render(Decision decision, Channel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return Measured(decision, Known(channel), (decision, channel, cancellationToken),
            static (runtime, call) => MessageRenderer.Render(runtime, call.decision, call.channel, call.cancellationToken));
    }

    /// <summary>Renders each chosen module on its own, slot by slot (nested slots after their module's slot), for front ends that place modules themselves.</summary>
    /// <param name="decision">A decision made by this catalog that is not suppressed.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="cancellationToken">Stops a long template at its next loop step instead of at the end of its time budget (<see cref="RenderLimits.TimeBudget"/>).</param>
    /// <returns>The modules with their slot ids and output.</returns>
    /// <exception cref="ArgumentException">The decision was made by another catalog, or another load of this one; or the channel is not one of <see cref="Channel"/>'s.</exception>
    /// <exception cref="InvalidOperationException">The decision is suppressed.</exception>
    /// <exception cref="RecipientException">The recipient cannot be rendered.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public IReadOnlyList<RenderedModule> RenderModules(Decision decision, Channel channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return MessageRenderer.RenderModules(_runtime, decision, Known(channel), cancellationToken);
    }

    /// <summary>Renders a decision as a whole HTML page (the message's <c>web: layout</c>, or a minimal HTML5 document), for previews.</summary>
    /// <remarks>
    /// The page declares the recipient's language, and <c>dir="rtl"</c> for a right-to-left culture: a layout whose leading
    /// <c>&lt;html&gt;</c> tag has no <c>lang</c> (or no <c>dir</c>) gets the recipient's; one that writes them keeps its own.
    /// </remarks>
    /// <param name="decision">A decision made by this catalog that is not suppressed.</param>
    /// <param name="cancellationToken">Stops a long template at its next loop step instead of at the end of its time budget (<see cref="RenderLimits.TimeBudget"/>).</param>
    /// <returns>The HTML document.</returns>
    /// <exception cref="ArgumentException">The decision was made by another catalog, or another load of this one.</exception>
    /// <exception cref="InvalidOperationException">The decision is suppressed.</exception>
    /// <exception cref="RecipientException">The recipient cannot be rendered.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public string RenderPage(Decision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return MessageRenderer.RenderPage(_runtime, decision, cancellationToken);
    }

    /// <summary>Renders everything an email needs (subject, HTML in its layout, text, addresses, preheader, unsubscribe URL) from the message's <c>email:</c> settings.</summary>
    /// <param name="decision">A decision made by this catalog that is not suppressed.</param>
    /// <param name="cancellationToken">Stops a long template at its next loop step instead of at the end of its time budget (<see cref="RenderLimits.TimeBudget"/>).</param>
    /// <returns>The email's content; the Email package turns it into a MIME message.</returns>
    /// <exception cref="ArgumentException">The decision was made by another catalog, or another load of this one.</exception>
    /// <exception cref="InvalidOperationException">The decision is suppressed.</exception>
    /// <exception cref="RecipientException">The recipient cannot be rendered, or the message is routed to another channel (no consent for email, say).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public EmailContent RenderEmail(Decision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ContactChannelGuard.Check(decision, "email");
        return Measured(decision, "email", (decision, cancellationToken),
            static (runtime, call) => MessageRenderer.RenderEmail(runtime, call.decision, call.cancellationToken));
    }

    /// <summary>Renders everything a print piece needs (Markdown, page settings, postal address, fonts) from the message's <c>print:</c> settings.</summary>
    /// <param name="decision">A decision made by this catalog that is not suppressed.</param>
    /// <param name="cancellationToken">Stops a long template at its next loop step instead of at the end of its time budget (<see cref="RenderLimits.TimeBudget"/>).</param>
    /// <returns>The print content; the Print package lays it out as PDF.</returns>
    /// <exception cref="ArgumentException">The decision was made by another catalog, or another load of this one.</exception>
    /// <exception cref="InvalidOperationException">The decision is suppressed.</exception>
    /// <exception cref="RecipientException">The recipient cannot be rendered, has no postal address when the message places one, or the message is routed to another channel.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public PrintContent RenderPrint(Decision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ContactChannelGuard.Check(decision, "print");
        return Measured(decision, "print", (decision, cancellationToken),
            static (runtime, call) => MessageRenderer.RenderPrint(runtime, call.decision, call.cancellationToken));
    }

    /// <summary>
    /// Renders a decision's body for a channel into a writer, and returns the subject: the same text as
    /// <see cref="Render(Decision, Channel, CancellationToken)"/>, without making the body a string first when the message's body compiled to
    /// a plan (for a stream, or a buffer that is reused).
    /// </summary>
    /// <param name="decision">A decision made by this catalog that is not suppressed.</param>
    /// <param name="channel">The channel.</param>
    /// <param name="body">
    /// Receives the body, written only once the subject and the whole body have rendered: when rendering fails, nothing is
    /// written. It is written with synchronous <c>Write</c> calls, which an ASP.NET Core response body refuses (once a
    /// <see cref="StreamWriter"/>'s buffer fills): there, write the <see cref="RenderedMessage.Body"/> of
    /// <see cref="Render(Decision, Channel, CancellationToken)"/> with <c>WriteAsync</c>.
    /// </param>
    /// <param name="cancellationToken">Stops a long template at its next loop step instead of at the end of its time budget (<see cref="RenderLimits.TimeBudget"/>).</param>
    /// <returns>The subject.</returns>
    /// <exception cref="ArgumentException">The decision was made by another catalog, or another load of this one; or the channel is not one of <see cref="Channel"/>'s.</exception>
    /// <exception cref="InvalidOperationException">The decision is suppressed.</exception>
    /// <exception cref="RecipientException">The recipient cannot be rendered.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public string Render(Decision decision, Channel channel, TextWriter body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(body);
        return Measured(decision, Known(channel), (decision, channel, body, cancellationToken),
            static (runtime, call) => MessageRenderer.Render(runtime, call.decision, call.channel, call.body, call.cancellationToken));
    }

    /// <summary>Runs a render, recording its duration when measured (<see cref="CompositionMetrics"/>), also of one that fails.</summary>
    private TResult Measured<TCall, TResult>(Decision decision, Channel channel, TCall call, Func<CatalogRuntime, TCall, TResult> render) =>
        Measured(decision, channel switch { Channel.Text => "text", Channel.Web => "web", _ => "print" }, call, render);

    /// <inheritdoc cref="Measured{TCall, TResult}(Decision, Channel, TCall, Func{CatalogRuntime, TCall, TResult})"/>
    private TResult Measured<TCall, TResult>(Decision decision, string channel, TCall call, Func<CatalogRuntime, TCall, TResult> render)
    {
        var started = _metrics.RenderStarted(_clock);
        try
        {
            var result = render(_runtime, call);
            _metrics.RenderEnded(_clock, started, decision, channel);
            return result;
        }
        catch (Exception ex) when (_metrics.RenderEnded(_clock, started, decision, channel, ex))
        {
            // Never reached: the filter records the failed render's duration and lets the exception go on.
            throw;
        }
    }

    private static Channel Known(Channel channel) => (uint)channel <= (uint)Channel.Print
        ? channel
        : throw new ArgumentOutOfRangeException(nameof(channel), channel, "The channel is not one of Channel.Text, Channel.Web and Channel.Print.");
}
