using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// One version's outcome for a recipient and a message: the decision, or why a run would reject the recipient; and what a
/// run would send — the subject and each rendered form (text, HTML, print Markdown, …), labelled. Each module's own text
/// is rendered only when asked for (<see cref="ModuleText"/>): the diff asks only about recipients it lists, so an
/// unchanged recipient costs no more than before.
/// </summary>
internal sealed class DiffOutcome
{
    private readonly Catalog? _catalog;
    private Dictionary<string, List<(string Form, string[] Lines)>>? _moduleTexts;

    /// <summary>Initializes an outcome.</summary>
    /// <param name="catalog">The version that decided, to render modules with (null for a rejected recipient).</param>
    /// <param name="decision">The decision, or null when the recipient is rejected.</param>
    /// <param name="error">Why the recipient is rejected, or null.</param>
    /// <param name="subject">The subject a run would send, or null.</param>
    /// <param name="forms">The forms a run would send, labelled.</param>
    public DiffOutcome(Catalog? catalog, Decision? decision, string? error, string? subject, IReadOnlyList<(string Form, string Text)> forms)
    {
        _catalog = catalog;
        Decision = decision;
        Error = error;
        Subject = subject;
        Forms = forms;
        Modules = decision is null || decision.IsSuppressed
            ? []
            : [.. decision.Slots.SelectMany(static s => s.ModuleIds).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Gets the decision, or null when the recipient is rejected.</summary>
    public Decision? Decision { get; }

    /// <summary>Gets why a run would reject the recipient, or null.</summary>
    public string? Error { get; }

    /// <summary>Gets the subject a run would send, or null.</summary>
    public string? Subject { get; }

    /// <summary>Gets each form a run would send, labelled.</summary>
    public IReadOnlyList<(string Form, string Text)> Forms { get; }

    /// <summary>Gets the modules the recipient is sent, in ordinal order: none when suppressed or rejected.</summary>
    public IReadOnlyList<string> Modules { get; }

    /// <summary>
    /// What a listed change keeps of this outcome until it is written in input order: the decision, the error and the
    /// subject, which the output reads, without the rendered forms and module texts, which only the comparison reads (a
    /// chunk of changed recipients held each version's whole email HTML and module lines until written).
    /// </summary>
    /// <returns>The outcome without <see cref="Forms"/>, and without a catalog to render <see cref="ModuleText"/> with.</returns>
    public DiffOutcome WithoutTexts() => new(null, Decision, Error, Subject, []);

    /// <summary>
    /// A module's own rendered text in each channel form the decision is sent in, as lines (trimmed, blank ones left
    /// out, as the message's forms are compared), or empty when the module is not sent.
    /// </summary>
    /// <param name="moduleId">The module's id.</param>
    /// <returns>The channels (<c>text</c>, <c>web</c>, <c>print</c>) with the module's lines in each.</returns>
    public IReadOnlyList<(string Form, string[] Lines)> ModuleText(string moduleId)
    {
        _moduleTexts ??= RenderModules();
        return _moduleTexts.TryGetValue(moduleId, out var texts) ? texts : [];
    }

    private Dictionary<string, List<(string Form, string[] Lines)>> RenderModules()
    {
        var texts = new Dictionary<string, List<(string Form, string[] Lines)>>(StringComparer.Ordinal);
        if (_catalog is null || Decision is null || Decision.IsSuppressed)
        {
            return texts;
        }

        // The channels of the forms a run sends: an email's text and HTML parts, a print piece, a web fragment.
        Channel[] channels = Decision.Channel switch
        {
            "email" => [Channel.Text, Channel.Web],
            "print" => [Channel.Print],
            "web" => [Channel.Web],
            _ => [Channel.Text, Channel.Web, Channel.Print],
        };
        foreach (var channel in channels)
        {
            IReadOnlyList<RenderedModule> modules;
            try
            {
                modules = _catalog.RenderModules(Decision, channel);
            }
            catch (RecipientException)
            {
                // The whole message rendered, so this is not expected; a module that cannot be told apart is no change.
                continue;
            }

            var form = channel.ToString().ToLowerInvariant();
            foreach (var group in modules.GroupBy(static m => m.ModuleId, StringComparer.Ordinal))
            {
                if (!texts.TryGetValue(group.Key, out var list))
                {
                    texts[group.Key] = list = [];
                }

                list.Add((form, DiffText.Lines(string.Join('\n', group.Select(static m => m.Body)))));
            }
        }

        return texts;
    }
}
