using System.Text;
using Markdig.Renderers;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;
using OneToOne.Composition.Rendering;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// The per-call state of one decide or render: a Scriban context whose global scope reads the current
/// recipient in place, escapes every value an expression writes, places slots, and enforces the limits.
/// Not thread-safe; rented from <see cref="CatalogRuntime"/> for one call and returned after.
/// </summary>
internal sealed class RenderContext : TemplateContext
{
    /// <summary>
    /// How many nodes Scriban evaluates between two looks at the clock outside loops: rare enough to cost nothing,
    /// often enough that a template without a loop (a recursive function, a long expression) overruns its time
    /// budget by microseconds, not minutes.
    /// </summary>
    private const int NodesPerClockCheck = 1024;

    /// <summary>How Scriban's error for <see cref="TemplateContext.LoopLimit"/> begins.</summary>
    private const string ScribanLoopLimit = "Exceeding number of iteration limit";

    /// <summary>How an error about a value starts when the value is no field's own (a list holding it, a function's result).</summary>
    private const string ValueWritten = "a value the template writes";

    /// <summary>
    /// What errors about the kind of a value say: Scriban's for a conversion, an operator or a function that cannot take
    /// it, and the culture functions' for text that is no number or date (<see cref="CultureFunctions"/>), which quote the
    /// value but not the field it came from.
    /// </summary>
    private static readonly string[] ScribanKindErrors = ["Unable to convert type", "is not supported between", "Must be a formattable number", CultureFunctions.NotANumber, CultureFunctions.NotADate];

    /// <summary>How Scriban's error for a list or object nested more than <see cref="TemplateContext.ObjectRecursionLimit"/> deep (or holding itself) begins.</summary>
    private const string ScribanTooDeep = "Structure is too deeply nested";

    /// <summary>How Scriban's error for reading a member of a null value begins and ends; the member expression is between.</summary>
    internal const string ScribanNullMember = "Cannot get the member ";

    /// <inheritdoc cref="ScribanNullMember"/>
    internal const string ScribanNullMemberEnd = " for a null object.";

    /// <summary>How Scriban starts its refusal to set a read-only name: inside <c>with</c>, a name is set on the object it reads.</summary>
    private const string ScribanReadOnly = "Cannot set the readonly variable `";

    /// <summary>How Scriban starts its refusal to loop over a value that is not a list (naming its .NET type).</summary>
    private const string ScribanIterator = "Unexpected type `";

    /// <summary>How Scriban starts its refusal of a value at least <see cref="TemplateContext.LimitToString"/> long, converted to text (compared with one, say).</summary>
    private const string ScribanStringLimit = "String conversion reaches LimitToString";

    /// <summary>The kinds of value (<see cref="KindOf"/>) a recipient's true/false, numbers, dates and time spans are.</summary>
    private static readonly (Type Type, string Kind)[] ScalarKinds =
    [
        (typeof(bool), "true or false"),
        (typeof(int), "a number"), (typeof(long), "a number"), (typeof(double), "a number"), (typeof(decimal), "a number"),
        (typeof(sbyte), "a number"), (typeof(byte), "a number"), (typeof(short), "a number"), (typeof(ushort), "a number"),
        (typeof(uint), "a number"), (typeof(ulong), "a number"), (typeof(float), "a number"), (typeof(System.Numerics.BigInteger), "a number"),
        (typeof(DateTime), "a date"), (typeof(DateTimeOffset), "a date"), (typeof(DateOnly), "a date"), (typeof(TimeOnly), "a date"),
        (typeof(TimeSpan), "a time span"),
    ];

    /// <summary>The longest timeout a <see cref="System.Text.RegularExpressions.Regex"/> accepts.</summary>
    private static readonly TimeSpan MaxRegexTimeout = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    private readonly ScriptObject _locals = new();
    private readonly RecipientScope _scope;
    private readonly long _budgetTicks;
    private long _deadline;
    private int _nodesUntilClockCheck;
    private EscapeMode _mode;
    private List<string>? _placedSlots;

    /// <summary>
    /// The slots whose modules a message's body wrote into its output, noted while it renders (<see cref="NoteWrittenSlots"/>),
    /// for <see cref="Decisions.SlotDecision.IsWritten"/> and required modules; null until a body is rendered. Kept between recipients to be reused.
    /// </summary>
    private HashSet<string>? _writtenSlots;
    private bool _noteWrittenSlots;

    /// <summary>
    /// The required modules whose output, written into the body, showed something (<see cref="TextEscaper.ShowsNothing"/>):
    /// a required module's text must show, not only its slot be written. Noted for the modules of <see cref="_requiredModules"/> only.
    /// </summary>
    private HashSet<string>? _modulesWithText;
    private IReadOnlySet<string>? _requiredModules;

    /// <summary>The HTML of each Markdown text this call converted on the general path (see <see cref="MarkdownToHtml"/>).</summary>
    private Dictionary<string, string>? _htmlOfMarkdown;
    private IReadOnlyDictionary<ScriptExpression, ValuePosition>? _positions;

    /// <summary>The rendering template's <see cref="CompiledTemplate.BranchReads"/>, checked as its field reads are made.</summary>
    private Dictionary<int, BranchRead>? _branchReads;

    /// <summary>The expression statement just evaluated, whose value Scriban writes next; null after any other statement.</summary>
    private ScriptExpressionStatement? _written;
    private StringWriter? _urlWriter;
    private HtmlRenderer? _urlRenderer;

    /// <summary>The expression whose value is being written as text, while it is: an error about the value names the fields it reads.</summary>
    private ScriptExpression? _writing;

    /// <summary>How deep <see cref="ObjectToString"/> is in the value it writes: 1 in the outermost call.</summary>
    private int _objectToStringDepth;

    public RenderContext(CatalogRuntime runtime)
        : base(ScriptEnvironment.Builtins)
    {
        Runtime = runtime;
        var limits = runtime.Options.Limits;
        LoopLimit = limits.MaxLoopIterations;
        RecursiveLimit = limits.MaxRecursionDepth;
        // Our LimitedOutput caps each template. Scriban's own counter runs over the context's life (until
        // Reset) and truncates silently by default, so it is set out of the way and made to throw.
        OutputLimit = int.MaxValue;
        OnOutputLimit = ScriptLimitBehavior.Throw;
        LimitToString = limits.MaxOutputLength;
        OnStringLimit = ScriptLimitBehavior.Throw;
        RegexTimeOut = limits.TimeBudget <= MaxRegexTimeout ? limits.TimeBudget : System.Text.RegularExpressions.Regex.InfiniteMatchTimeout;
        StrictVariables = false;
        EnableRelaxedMemberAccess = true;
        // Saturates: a budget of TimeSpan.MaxValue is more ticks than a long holds.
        var budgetTicks = limits.TimeBudget.TotalSeconds * runtime.Options.TimeProvider.TimestampFrequency;
        _budgetTicks = budgetTicks >= long.MaxValue ? long.MaxValue : (long)budgetTicks;
        Segments = new SegmentScope(this);
        RecipientFields = new RecipientFieldsScope(this);
        _scope = new RecipientScope(this);
        PushGlobal(_scope);
        PushGlobal(_locals);
    }

    public CatalogRuntime Runtime { get; }

    /// <summary>Gets the buffer a message's precompiled output is written into; cleared by each render that uses it.</summary>
    public StringBuilder OutputBuffer { get; } = new(4096);

    /// <summary>Gets a list the decider fills for one slot at a time (the modules it chose) and copies out.</summary>
    public List<CompiledModule> ChosenScratch { get; } = new(8);

    public DecisionState? State { get; private set; }

    public SegmentScope Segments { get; }

    public RecipientFieldsScope RecipientFields { get; }

    /// <summary>Gets <c>experiment.NAME</c>: the recipient's arm of each experiment.</summary>
    public ExperimentScope Experiments => _experiments ??= new ExperimentScope(this);

    private ExperimentScope? _experiments;

    /// <summary>The module being rendered, for error messages.</summary>
    private string? ModuleId { get; set; }

    /// <summary>
    /// Gets the culture whose language the template being rendered is written in (<see cref="CompiledTemplate.TextCulture"/>),
    /// or null when not known: the grammar of its words (<c>string.plural</c>, <c>array.to_sentence</c>) follows it.
    /// </summary>
    public System.Globalization.CultureInfo? TextCulture { get; private set; }

    /// <summary>
    /// Gets the culture the template being rendered writes numbers, amounts and dates in: the recipient's
    /// (<see cref="DecisionState.Culture"/>), or a module's in another language (<see cref="ModuleCulture"/>).
    /// </summary>
    public System.Globalization.CultureInfo WritingCulture => _writingCulture ?? State!.Culture;

    /// <summary>The culture of a module in another language being rendered (pushed onto Scriban's too), else null: the recipient's.</summary>
    private System.Globalization.CultureInfo? _writingCulture;

    /// <summary>Gets or sets whether web output marks modules in another language (a module of the catalog gives <c>lang:</c>).</summary>
    public bool MarksLanguages { get; set; }

    /// <summary>Gets or sets the language the message declares (<c>Decision.TextCulture</c>), or null when it declares none.</summary>
    public string? DocumentLanguage { get; set; }

    /// <summary>Gets or sets the language of the text a module being written stands in: the document's, or a marked module's.</summary>
    public string? EnclosingLanguage { get; set; }

    /// <summary>Starts a call for one recipient: its state, its culture, its time budget, and what cancels it.</summary>
    /// <param name="state">The recipient's decision state.</param>
    /// <param name="cancellationToken">
    /// Cancels the call: Scriban checks it at every loop step and function call (and reports it as a failure of the
    /// template, which <see cref="Fail"/> turns back into the cancellation), so a long template stops at once instead of at
    /// the end of its time budget.
    /// </param>
    public void Begin(DecisionState state, CancellationToken cancellationToken)
    {
        State = state;
        CancellationToken = cancellationToken;
        PushCulture(state.Culture);
        var now = Runtime.Options.TimeProvider.GetTimestamp();
        _deadline = now > long.MaxValue - _budgetTicks ? long.MaxValue : now + _budgetTicks;
        _nodesUntilClockCheck = NodesPerClockCheck;
    }

    /// <summary>Clears everything the call left behind, so the next recipient starts clean.</summary>
    public void End()
    {
        State = null;
        ModuleId = null;
        TextCulture = null;
        _writingCulture = null;
        MarksLanguages = false;
        DocumentLanguage = null;
        EnclosingLanguage = null;
        _placedSlots = null;
        _noteWrittenSlots = false;
        _requiredModules = null;
        _htmlOfMarkdown?.Clear();
        _locals.Clear();

        // Scriban keeps array.cycle's position in Tags, which Reset leaves: the next recipient on this context went on from
        // where this one stopped (a, then b, then c), so a message depended on who was rendered before it, and where.
        RestartCycles();

        // Reset pops the culture and our scopes and zeroes Scriban's running output count; put the scopes back.
        Reset();
        PushGlobal(_scope);
        PushGlobal(_locals);
    }

    /// <summary>
    /// Starts every <c>array.cycle</c> afresh (Scriban keeps their positions in <see cref="TemplateContext.Tags"/>): for the
    /// next recipient, and for an email's text part, which renders the body again after its HTML part and otherwise went
    /// on from where the HTML part stopped ('a' in the HTML, 'b' in the text).
    /// </summary>
    public void RestartCycles() => Tags.Clear();

    /// <summary>
    /// Converts Markdown written on the general path to HTML, once per call for the same text: an email renders its body for
    /// the HTML part and again for the text part, which finds where each slot stands in the same Markdown's HTML, so the
    /// HTML part's conversion serves both.
    /// </summary>
    /// <param name="markdown">The Markdown, as Scriban wrote it for the current recipient.</param>
    /// <returns>The HTML, as <c>Markdown.ToHtml</c> writes it with the renderer's pipeline.</returns>
    public string MarkdownToHtml(string markdown)
    {
        _htmlOfMarkdown ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (!_htmlOfMarkdown.TryGetValue(markdown, out var html))
        {
            html = Markdig.Markdown.ToHtml(markdown, MessageRenderer.Pipeline);
            _htmlOfMarkdown.Add(markdown, html);
        }

        return html;
    }

    /// <summary>Evaluates a condition for the current recipient.</summary>
    public bool Evaluate(CompiledCondition condition, string? moduleId) =>
        Truth(condition.Expression, condition.Compiled, condition.Origin, moduleId);

    /// <summary>Evaluates an expression with Scriban's interpreter (for condition shapes that are not compiled).</summary>
    public object? Interpret(ScriptExpression expression) => base.Evaluate(expression);

    /// <summary>Evaluates a segment once per recipient; later reads reuse the value.</summary>
    public bool EvaluateSegment(CompiledSegment segment)
    {
        var state = State!;
        if (state.GetSegment(segment.Index) is { } known)
        {
            return known;
        }

        // In the recipient's culture, as at decision time, wherever it is first read: within a module in another language
        // its answer ('Dezember' is not 'December') held for the rest of the message, and hung on which text read it first.
        var previousTextCulture = TextCulture;
        TextCulture = null;
        var previousWriting = EnterCulture(null);
        bool value;
        try
        {
            value = Evaluate(segment.Condition, null);
        }
        finally
        {
            TextCulture = previousTextCulture;
            LeaveLanguage(previousWriting);
        }

        state.SetSegment(segment.Index, value);
        return value;
    }

    /// <summary>Renders a template for the current recipient, escaping written values for <paramref name="mode"/>.</summary>
    /// <param name="template">The template.</param>
    /// <param name="mode">What values are escaped for.</param>
    /// <param name="placedSlots">Receives the slot ids the template places, in placeholder order.</param>
    /// <param name="moduleId">The module rendered, for errors; null for the message's own templates.</param>
    /// <param name="layout">For layouts: the rendered message, placed unescaped by <c>{{ content }}</c>, and the subject (escaped like any value).</param>
    public string Render(CompiledTemplate template, EscapeMode mode, List<string>? placedSlots, string? moduleId, (string Content, string Subject)? layout = null)
    {
        CheckRequiredFields(template, moduleId);
        if (template.StaticText is { } text)
        {
            return text;
        }

        var builder = new StringBuilder();
        var previousMode = _mode;
        var previousSlots = _placedSlots;
        var previousModule = ModuleId;
        var previousTextCulture = TextCulture;
        var previousPositions = _positions;
        var previousBranchReads = _branchReads;
        _mode = mode;
        TextCulture = template.TextCulture;
        var previousWriting = EnterLanguage(template);
        _placedSlots = placedSlots;
        _positions = template.Positions;
        _branchReads = template.BranchReads;
        _written = null;
        ModuleId = moduleId;
        _locals.Clear();
        if (layout is { } placed)
        {
            _locals.SetValue("content", new PlacedText(placed.Content), readOnly: true);
            _locals.SetValue("subject", placed.Subject, readOnly: true);
        }

        PushOutput(new LimitedOutput(builder, Runtime.Options.Limits.MaxOutputLength, this));
        try
        {
            base.Evaluate(template.Template.Page!);
        }
        catch (ScriptRuntimeException ex)
        {
            throw Fail(ex, template.Origin, template.Template.Page);
        }
        finally
        {
            PopOutput();
            _mode = previousMode;
            _placedSlots = previousSlots;
            _positions = previousPositions;
            _branchReads = previousBranchReads;
            ModuleId = previousModule;
            TextCulture = previousTextCulture;
            LeaveLanguage(previousWriting);
        }

        return builder.ToString();
    }

    /// <summary>Fails the recipient, naming the field, when it lacks a field the template reads without a default wherever it goes.</summary>
    public void CheckRequiredFields(CompiledTemplate template, string? moduleId)
    {
        var fields = template.RequiredFields;
        for (var i = 0; i < fields.Length; i++)
        {
            CheckField(fields[i], moduleId);
        }

        CheckMembers(template.RequiredMembers, moduleId);
    }

    /// <summary>
    /// Gets whether the recipient has everything the template reads only in its branches, wherever they go: when it
    /// has, the template cannot fail for a missing field (as the precompiled path, which does not run the checks of
    /// <see cref="CheckBranchRead"/>, needs); when not, only the template's run can tell.
    /// </summary>
    public bool HasBranchReads(CompiledTemplate template)
    {
        if (template.BranchReads is not { } reads)
        {
            return true;
        }

        var recipient = State!.Recipient;
        foreach (var read in reads.Values)
        {
            if (read.Field is { } field && !recipient.HasField(field.Name))
            {
                return false;
            }

            foreach (var member in read.Members)
            {
                if (MissingMember(member.Path) is not null)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Fails the recipient when the read of a field at <paramref name="span"/> is one the template makes only in a
    /// branch, and the recipient lacks the field (or a member the template reads through it): see <see cref="CompiledTemplate.BranchReads"/>.
    /// </summary>
    public void CheckBranchRead(SourceSpan span)
    {
        if (_branchReads is null || !_branchReads.TryGetValue(span.Start.Offset, out var read))
        {
            return;
        }

        if (read.Field is { } field)
        {
            CheckField(field, ModuleId);
        }

        CheckMembers(read.Members, ModuleId);
    }

    private void CheckField(RequiredField field, string? moduleId)
    {
        var state = State!;
        if (!state.Recipient.HasField(field.Name))
        {
            throw new RecipientException(state.Recipient.Id, state.MessageId, moduleId, field.Location, field.Tested
                ? $"the template tests the field '{field.Name}', which the recipient does not have.{state.Recipient.CloseField(field.Name)} Add the field to the recipient data, or write '{{{{ if {field.Name} ?? false }}}}' to take a recipient without it as false."
                : $"the template uses the field '{field.Name}', which the recipient does not have.{state.Recipient.CloseField(field.Name)} Add the field to the recipient data, or write '{{{{ {field.Name} | default \"…\" }}}}' for a fallback.");
        }
    }

    private void CheckMembers(RequiredMember[] members, string? moduleId)
    {
        for (var i = 0; i < members.Length; i++)
        {
            if (MissingMember(members[i].Path) is { } problem)
            {
                var state = State!;
                throw new RecipientException(state.Recipient.Id, state.MessageId, moduleId, members[i].Location,
                    $"the template uses '{members[i].Path.Text}', but {problem}. Add it to the recipient data, or write '{{{{ {members[i].Path.Text} | default \"…\" }}}}' for a fallback.");
            }
        }
    }

    /// <summary>
    /// Says why the recipient's data lacks a member path, or returns null when it has it, or when a value on the way is
    /// null (then reading it is Scriban's null-member error, raised only where the template does read it). A member is
    /// looked up as Scriban looks it up (a dictionary's key, an object's member, a .NET property by its snake_case name);
    /// text, numbers and true/false have none but the ones Scriban gives them (<c>size</c> of text). A loop variable's
    /// path is looked up in every item of the list the loop goes over.
    /// </summary>
    private string? MissingMember(MemberPath path)
    {
        var recipient = State!.Recipient;
        if (path.Items is not { } list)
        {
            return recipient.TryGetValue(path.Field, out var value) ? MissingMember(value, path, 0, string.Empty) : $"the recipient has no field '{path.Field}'";
        }

        // A list that is missing or null is the loop's own business, where the template reads it.
        if (list.Items is null)
        {
            return ValueAt(list) is { } listed ? MissingInItems(listed, path, string.Empty) : null;
        }

        foreach (var (listed, within) in ListsOf(list))
        {
            if (MissingInItems(listed, path, within) is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Checks a loop variable's path in every item of one list the loop goes over; <paramref name="within"/> says in which item of an outer loop's list.</summary>
    private string? MissingInItems(object listed, MemberPath path, string within)
    {
        // Text is no list of objects: Scriban goes through it character by character, none of which has a member.
        if (listed is string)
        {
            return $"'{path.Items!.Text}'{within} is text, not a list of objects with the member '{path.Members[0]}'";
        }

        if (listed is System.Collections.IList sequence)
        {
            for (var i = 0; i < sequence.Count; i++)
            {
                if (MissingMember(sequence[i], path, i + 1, within) is { } problem)
                {
                    return problem;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The lists a loop's list path comes to (not on the common path: only for a loop over a member of an outer loop's
    /// variable, <c>for i in o.items</c>): one per item of the outer list, with which item it is in.
    /// </summary>
    private IEnumerable<(object List, string Within)> ListsOf(MemberPath list)
    {
        if (list.Items is not { } outer)
        {
            if (ValueAt(list) is { } found)
            {
                yield return (found, string.Empty);
            }

            yield break;
        }

        foreach (var (outerList, within) in ListsOf(outer))
        {
            if (outerList is System.Collections.IList items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (Follow(items[i], list.Members) is { } found)
                    {
                        yield return (found, string.Create(System.Globalization.CultureInfo.InvariantCulture, $" in item {i + 1} of '{outer.Text}'{within}"));
                    }
                }
            }
        }
    }

    /// <summary>
    /// Follows a path's members from <paramref name="value"/>; <paramref name="item"/> is the item's number from 1 when
    /// the value is an item of the list the path's loop goes over (0 for a field's value), <paramref name="within"/>
    /// which item of an outer loop's list that list is in.
    /// </summary>
    private string? MissingMember(object? value, MemberPath path, int item, string within)
    {
        var members = path.Members;
        for (var i = 0; i < members.Length && value is not null; i++)
        {
            var owner = value;
            if (!TryReadMember(owner, members[i], last: i == members.Length - 1, out value))
            {
                var name = path.Qualified ? $"recipient.{path.Field}" : path.Field;
                var at = (i, item) switch
                {
                    (0, 0) => $"the field '{name}'",
                    (0, _) => $"item {item} of '{path.Items!.Text}'{within}",
                    (_, 0) => $"'{name}.{string.Join('.', members, 0, i)}'",
                    _ => $"'{name}.{string.Join('.', members, 0, i)}' of item {item} of '{path.Items!.Text}'{within}",
                };
                if (KindOf(owner) is var kind && HasNoMembers(kind))
                {
                    return $"{at} is {kind}, not an object with the member '{members[i]}'";
                }

                // A .NET object's members are read by their snake_case names, as Scriban names them.
                var renamed = StandardMemberRenamer.Rename(members[i]);
                return renamed != members[i] && TryReadMember(owner, renamed, last: true, out _)
                    ? $"{at} has no member '{members[i]}' (the members of a .NET object are read by their snake_case names: write '{renamed}')"
                    : $"{at} has no member '{members[i]}'";
            }
        }

        return null;
    }

    /// <summary>The value a field's path comes to; null when the field or a member on the way is missing, or a value on the way is null.</summary>
    private object? ValueAt(MemberPath path) => State!.Recipient.TryGetValue(path.Field, out var value) ? Follow(value, path.Members) : null;

    /// <summary>Follows members from a value as far as they go; null when one is missing or a value on the way is null.</summary>
    private object? Follow(object? value, string[] members)
    {
        for (var i = 0; i < members.Length && value is not null; i++)
        {
            if (!TryReadMember(value, members[i], last: false, out value))
            {
                return null;
            }
        }

        return value;
    }

    /// <summary>
    /// Looks a member up as a template's read does (<see cref="MemberReader"/>). For the last member of a path only
    /// whether it is there counts. A .NET property that throws counts as there and null: reading it in the template
    /// fails the recipient, saying what it threw.
    /// </summary>
    private bool TryReadMember(object owner, string member, bool last, out object? value)
    {
        try
        {
            return MemberReader.TryRead(this, owner, member, valueWanted: !last, out value);
        }
        catch (System.Reflection.TargetInvocationException)
        {
            value = null;
            return true;
        }
    }

    /// <summary>
    /// Evaluates one hole of a precompiled template (its compiled form when that can answer, else Scriban) and
    /// formats it in the recipient's culture; null writes nothing.
    /// </summary>
    public string EvaluateToText(FragmentHole hole, CompiledTemplate template, string? moduleId) =>
        EvaluateValue(hole.Expression!, template, moduleId, hole.Compiled, format: true) as string ?? string.Empty;

    /// <summary>Appends a link URL exactly as Markdig writes one into <c>href</c> (its own escaping, percent-encoded non-ASCII).</summary>
    public void AppendUrl(StringBuilder output, string url)
    {
        _urlWriter ??= new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        _urlRenderer ??= new HtmlRenderer(_urlWriter);
        var buffer = _urlWriter.GetStringBuilder().Clear();
        _urlRenderer.WriteEscapeUrl(url);
        output.Append(buffer);
    }

    /// <summary>Reads a top-level name as Scriban's scopes would: a bound loop variable first, then the recipient's field, else null.</summary>
    public object? ReadVariable(string name) =>
        _locals.TryGetValue(name, out var value) || State!.Recipient.TryGetValue(name, out value) ? value : null;

    /// <summary>
    /// Writes a value as text, as Scriban does, but fails the recipient, naming the field, where Scriban or .NET would
    /// throw no template error: Scriban refuses a list or object nested more than
    /// <see cref="TemplateContext.ObjectRecursionLimit"/> levels deep (or one that holds itself) with a bare
    /// <see cref="InvalidOperationException"/>, and .NET a date outside the recipient's calendar with an
    /// <see cref="ArgumentOutOfRangeException"/> (see <see cref="CalendarRange"/>).
    /// </summary>
    public override string? ObjectToString(object? value, bool nested = false)
    {
        if (value is string or (IConvertible and not DateTime))
        {
            // Most values (text, numbers, true or false) are neither a date nor a list, and cost nothing more here.
            return value is double number && !double.IsFinite(number) ? throw NotFinite(number) : base.ObjectToString(value, nested);
        }

        if (CalendarRange.Problem(value, CurrentCulture) is { } date)
        {
            throw new ScriptRuntimeException(CurrentSpan, $"{What(FieldHoldingObject(value))} is {date}.");
        }

        if (CultureFunctions.IsDate(value))
        {
            // One rule for a date written bare, whatever type the recipient's source gave it: as date.local writes it.
            return CultureFunctions.Written(this, value);
        }

        if (value is PlacedText)
        {
            // A slot (or a layout's message) joined to text, piped into a function or put in a list: its placeholder would be written as its number.
            throw new ScriptRuntimeException(CurrentSpan, PlacedTextAsValue);
        }

        // Scriban calls back here for each member of a list or object: only the outermost call knows the value written.
        _objectToStringDepth++;
        try
        {
            if (_objectToStringDepth == 1 && LimitToString > 0 && value is System.Collections.IEnumerable or IDictionary<string, object>
                && WrittenSize.AsText(value, LimitToString) is var size && size >= LimitToString)
            {
                // Scriban checks the limit on each member's text, not on the whole: a list holding one list many times
                // (a billion items from ten references) was cut short without a word, or ran out of memory after minutes.
                throw new ScriptRuntimeException(CurrentSpan, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{What(FieldHoldingObject(value))} would be written as at least {size:N0} characters; a value must stay under {LimitToString:N0} characters (RenderLimits.MaxOutputLength). Write the members you mean, or a smaller value (a list held in another several times is written out each time), or raise the limit."));
            }

            return base.ObjectToString(value, nested);
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith(ScribanTooDeep, StringComparison.Ordinal))
        {
            // The depth is judged here, not in the filter: filters run before the nested calls' finally blocks have counted it back down.
            if (_objectToStringDepth != 1)
            {
                throw;
            }

            var field = FieldHoldingObject(value);
            throw new ScriptRuntimeException(CurrentSpan, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{What(field)} holds lists or objects nested more than {ObjectRecursionLimit} levels deep (or one that holds itself), too deep to write as text. Write the member you mean ('{{{{ {field ?? "field"}.member }}}}'), or flatten the value in the recipient data."));
        }
        finally
        {
            _objectToStringDepth--;
        }
    }

    /// <summary>Finds the first recipient field whose value passes a test, for an error message (not on any hot path).</summary>
    private string? FirstField(Func<object?, bool> test)
    {
        var recipient = State!.Recipient;
        foreach (var name in recipient.FieldNames)
        {
            if (recipient.TryGetValue(name, out var value) && test(value))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>Finds the recipient field that holds this very list or object, or this date.</summary>
    private string? FieldHoldingObject(object? value) => FirstField(held => ReferenceEquals(held, value) || (value is ValueType && Equals(held, value)));

    /// <summary>Finds the recipient field whose value is this text.</summary>
    private string? FieldHolding(string text) => FirstField(held => held is string found && string.Equals(found, text, StringComparison.Ordinal));

    /// <summary>Gets whether a top-level name is a bound loop variable or one of the recipient's fields, which shadow Scriban's own names.</summary>
    public bool HasVariable(string name) => _locals.ContainsKey(name) || State!.Recipient.HasField(name);

    /// <summary>
    /// Evaluates an expression of a precompiled template (a hole, or a loop's list) for the current recipient: its
    /// compiled form when there is one that can answer, else Scriban; with <paramref name="format"/>, as the text Scriban
    /// would write (a null value writes nothing).
    /// </summary>
    public object? EvaluateValue(ScriptExpression expression, CompiledTemplate template, string? moduleId, HoleExpression? compiled = null, bool format = false)
    {
        var previousModule = ModuleId;
        var previousTextCulture = TextCulture;
        var previousBranchReads = EnterOtherCode();
        ModuleId = moduleId;
        TextCulture = template.TextCulture;
        var previousWriting = EnterLanguage(template);
        try
        {
            if (compiled is null || !compiled.TryEvaluate(this, out var value))
            {
                value = base.Evaluate(expression);
            }

            if (!format || value is null)
            {
                return value;
            }

            _writing = expression;
            return ObjectToString(value);
        }
        catch (ScriptRuntimeException ex)
        {
            throw Fail(ex, template.Origin, expression);
        }
        finally
        {
            ModuleId = previousModule;
            TextCulture = previousTextCulture;
            LeaveLanguage(previousWriting);
            _branchReads = previousBranchReads;
            _writing = null;
        }
    }

    /// <summary>Evaluates an <c>if</c> condition of a precompiled template and reads it as true or false, as Scriban's <c>if</c> does.</summary>
    public bool EvaluateTruth(ScriptExpression condition, CompiledTemplate template, string? moduleId)
    {
        // In the template's language, as the general path's 'if' is: a condition on 'array.to_sentence' or 'string.plural'
        // took the recipient's (or the enclosing template's) and chose the other branch than the general path did.
        var previousTextCulture = TextCulture;
        TextCulture = template.TextCulture;
        var previousWriting = EnterLanguage(template);
        try
        {
            return Truth(condition, null, template.Origin, moduleId);
        }
        finally
        {
            TextCulture = previousTextCulture;
            LeaveLanguage(previousWriting);
        }
    }

    /// <summary>
    /// Makes the template's culture the one numbers, amounts and dates are written in (<see cref="WritingCulture"/>, and
    /// Scriban's <see cref="TemplateContext.CurrentCulture"/>, which writes a bare number and <c>math.format</c>'s): a
    /// module in another language's (<see cref="CompiledTemplate.Language"/>), else the recipient's, also for a module
    /// without <c>lang:</c> placed within one in another language, which is in the message's language.
    /// </summary>
    /// <returns>The culture to restore with <see cref="LeaveLanguage"/>.</returns>
    private System.Globalization.CultureInfo? EnterLanguage(CompiledTemplate template) =>
        EnterCulture(template.Language is { } language ? ModuleCulture.For(language, State!.Culture) : null);

    /// <summary>Makes <paramref name="culture"/> (null: the recipient's) the one values are written in, as <see cref="EnterLanguage"/> does.</summary>
    /// <returns>The culture to restore with <see cref="LeaveLanguage"/>.</returns>
    private System.Globalization.CultureInfo? EnterCulture(System.Globalization.CultureInfo? culture)
    {
        var previous = _writingCulture;
        if (!ReferenceEquals(culture, previous))
        {
            _writingCulture = culture;
            PushCulture(culture ?? State!.Culture);
        }

        return previous;
    }

    /// <summary>Restores the culture <see cref="EnterLanguage"/> replaced.</summary>
    private void LeaveLanguage(System.Globalization.CultureInfo? previous)
    {
        if (!ReferenceEquals(_writingCulture, previous))
        {
            _writingCulture = previous;
            PopCulture();
        }
    }

    /// <summary>Gets whether the message is still within its time budget (the general path checks it at every loop step and every <see cref="NodesPerClockCheck"/> nodes).</summary>
    public bool WithinTimeBudget() => Runtime.Options.TimeProvider.GetTimestamp() <= _deadline;

    /// <summary>Binds a precompiled loop's variable to the current item; it wins over recipient fields, as Scriban's loop variable does.</summary>
    public void BindLoopVariable(string name, object? item) => _locals.SetValue(name, item, readOnly: false);

    /// <summary>Unbinds a precompiled loop's variable after the loop, as Scriban does when the loop ends.</summary>
    public void UnbindLoopVariable(string name) => _locals.Remove(name);

    /// <summary>
    /// Starts (or starts again) noting which slots a body writes: a decision holds every slot the message places, but the
    /// body may stand one in an <c>if</c> or a loop that does not write it for this recipient.
    /// </summary>
    /// <param name="requiredModules">The message's required modules, whose output is checked for text too (<see cref="WroteTextOf"/>), or null.</param>
    public void NoteWrittenSlots(IReadOnlySet<string>? requiredModules)
    {
        (_writtenSlots ??= new(StringComparer.Ordinal)).Clear();
        _noteWrittenSlots = true;
        _requiredModules = requiredModules;
        if (requiredModules is not null)
        {
            (_modulesWithText ??= new(StringComparer.Ordinal)).Clear();
        }
    }

    /// <summary>Gets whether a module's output is to be checked for text (a required module, written into the body: <see cref="NoteWrittenSlots"/>, not paused).</summary>
    /// <param name="moduleId">The module.</param>
    public bool NotesTextOf(string moduleId) => _noteWrittenSlots && _requiredModules?.Contains(moduleId) == true;

    /// <summary>Notes that a required module written into the body showed something, when <see cref="NotesTextOf"/>.</summary>
    /// <param name="moduleId">The module.</param>
    public void ModuleWroteText(string moduleId) => _modulesWithText!.Add(moduleId);

    /// <summary>Gets whether a required module written into the body since <see cref="NoteWrittenSlots"/> showed something.</summary>
    /// <param name="moduleId">The module.</param>
    public bool WroteTextOf(string moduleId) => _modulesWithText?.Contains(moduleId) == true;

    /// <summary>Notes that a slot's modules were written into the output, when <see cref="NoteWrittenSlots"/> asked for it.</summary>
    /// <param name="slotId">The slot.</param>
    public void SlotWritten(string slotId)
    {
        if (_noteWrittenSlots)
        {
            _writtenSlots!.Add(slotId);
        }
    }

    /// <summary>Gets whether the slots written are being noted (<see cref="NoteWrittenSlots"/>).</summary>
    public bool NotesWrittenSlots => _noteWrittenSlots;

    /// <summary>
    /// Stops noting slots written, for modules rendered for a slot whose placeholder the output left out: the slots they
    /// place are not written either. Returns whether they were noted, for <see cref="ResumeWrittenSlots"/>.
    /// </summary>
    public bool PauseWrittenSlots()
    {
        var noting = _noteWrittenSlots;
        _noteWrittenSlots = false;
        return noting;
    }

    /// <summary>Notes slots written again, if they were before <see cref="PauseWrittenSlots"/>.</summary>
    /// <param name="noting">What <see cref="PauseWrittenSlots"/> returned.</param>
    public void ResumeWrittenSlots(bool noting) => _noteWrittenSlots = noting;

    /// <summary>Gets whether a slot's modules were written since <see cref="NoteWrittenSlots"/>.</summary>
    /// <param name="slotId">The slot.</param>
    public bool WroteSlot(string slotId) => _writtenSlots?.Contains(slotId) == true;

    /// <summary>Called by the <c>slot</c> builtin: records the slot and returns its placeholder.</summary>
    public PlacedText SlotPlaceholder(string slotId)
    {
        if (_placedSlots is null)
        {
            throw new ScriptRuntimeException(CurrentSpan, "'slot' can only be used in 'body' and module content.");
        }

        _placedSlots.Add(slotId);
        return new PlacedText(Placeholder(_placedSlots.Count - 1));
    }

    /// <summary>The error of a slot's (or a layout's message's) output used as a value.</summary>
    private const string PlacedTextAsValue =
        "a slot's modules (or a layout's {{ content }}) are placed as they are where the template writes them: they cannot be captured, joined to text, piped into a function or put in a list. Write {{ slot \"…\" }} (or {{ content }}) on its own where it belongs.";

    public static string Placeholder(int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{TextEscaper.PlaceholderStart}{index}{TextEscaper.PlaceholderEnd}");

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is PlacedText placed)
        {
            if (Output is not LimitedOutput)
            {
                // Written into a 'capture': the placeholder would become text, and be written later as the slot's number.
                throw new ScriptRuntimeException(span, PlacedTextAsValue);
            }

            if (_positions is not null && _written is { Expression: { } expression } statement && _positions.TryGetValue(expression, out var position)
                && position is ValuePosition.UrlStart or ValuePosition.UrlPart)
            {
                // The compiler refuses a slot or a layout's {{ content }} written in a URL; one that reaches a URL through a
                // variable, parentheses or a function's 'ret' is refused here: its HTML would be the URL, unchecked.
                throw new ScriptRuntimeException(statement.Span,
                    "a slot's modules (or a layout's message) are written in a link's URL here, through a variable or an expression: their HTML is written as it is, so it cannot be checked as a URL. Place the slot (or {{ content }}) in text only.");
            }

            return Write(placed.Text);
        }

        _writing = _written?.Expression;
        try
        {
            return WriteValue(span, textAsObject);
        }
        finally
        {
            _writing = null;
        }
    }

    /// <summary>Writes a value as text, escaped for its target and its place in the template.</summary>
    private RenderContext WriteValue(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is string { Length: var length } oversized && LimitToString > 0 && length >= LimitToString)
        {
            // Scriban's own refusal says neither which value nor where; Scriban gives no span finer than the template here.
            throw new ScriptRuntimeException(span, Oversized(What(FieldHolding(oversized)), length));
        }

        var text = ObjectToString(textAsObject);
        if (text is null)
        {
            return this;
        }

        if (Utf16Text.UnpairedSurrogate(text) is var broken and >= 0)
        {
            throw new ScriptRuntimeException(span, NotUnicode(text, broken));
        }

        if (_positions is null || _written is not { Expression: { } expression } statement || !_positions.TryGetValue(expression, out var position))
        {
            Write(TextEscaper.Escape(text, _mode));
            return this;
        }

        // A value in a URL or in code, as the compiler found: escaped for that place too.
        var escaped = new StringBuilder(text.Length + 8);
        if (!TextEscaper.Append(escaped, text, _mode, position))
        {
            throw new ScriptRuntimeException(statement.Span, UnsafeUrl(text));
        }

        Write(escaped.ToString());
        return this;
    }

    /// <summary>
    /// Names a value in an error: the field that holds it; else, for a value made from fields (a list holding one, a
    /// function's result), the fields the expression being written reads; else "a value the template writes".
    /// </summary>
    private string What(string? field) =>
        field is not null ? $"the field '{field}'"
        : _writing is not null && FieldsRead(_writing) is { Count: > 0 } sources ? $"{ValueWritten} from {string.Join(", ", sources)}"
        : ValueWritten;

    /// <summary>Says why infinity or NaN is not written (as "∞" or "NaN" in the recipient's message), naming the field that holds it when there is one.</summary>
    public ScriptRuntimeException NotFinite(double number) => new(CurrentSpan, double.IsNaN(number)
        ? $"{What(FieldHoldingObject(number))} is not a number (NaN), which no message should show. Correct the recipient data, or the arithmetic that made it."
        : $"{What(FieldHoldingObject(number))} is a number too large to write ({(number > 0 ? "+" : "-")}infinity; a JSON or CSV number beyond ±1.8e308, such as 1e400, reads so), which no message should show as '∞'. Correct the recipient data, or the arithmetic that made it.");

    /// <summary>Says why a value that is not valid UTF-16 cannot be written, naming the field that holds it when there is one.</summary>
    private string NotUnicode(string text, int index) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{What(FieldHolding(text))} is not valid Unicode text: its character {index + 1:N0} is half of a surrogate pair without the other half (U+{(int)text[index]:X4}), which no email, web page, file or PDF can carry. Correct the recipient data; such text was usually cut in the middle of a character or decoded with the wrong encoding.");

    /// <summary>Says why a value cannot start a URL, naming the field that holds it when there is one.</summary>
    private string UnsafeUrl(string text) =>
        $"{What(FieldHolding(text))} starts a URL with '{TextEscaper.UnsafeScheme(text)}:', a scheme recipient data may not supply; where a value starts a link's URL it must be an http, https, mailto or tel URL, or a relative one. Correct the recipient data, or write the URL's start in the template (for example 'https://example.com/{{{{ … }}}}'), after which a value is percent-encoded.";

    protected override bool OnStepLoop(ScriptLoopStatementBase loop)
    {
        CheckTimeBudget(loop.Span, "a loop runs too long. Bound the loop");
        return base.OnStepLoop(loop);
    }

    /// <summary>
    /// Evaluates every node of the template (Scriban calls it for each statement and expression). Now and then it
    /// checks the time budget: a template can spin without a loop step, as a function that calls itself twice does.
    /// And it notes which expression statement was just evaluated: Scriban writes its value next
    /// (<see cref="Write(SourceSpan, object?)"/> gets only the enclosing block's span). A <c>with</c> statement over
    /// an object that is not a Scriban scope (a dictionary or .NET object of the recipient's) reads it as one.
    /// </summary>
    public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
    {
        if (scriptNode is not null && --_nodesUntilClockCheck <= 0)
        {
            _nodesUntilClockCheck = NodesPerClockCheck;
            CheckTimeBudget(scriptNode.Span, "the template does too much work, for example a function that calls itself more than once. Make it do less");
        }

        if (scriptNode is ScriptWithStatement { Name: { } name, Body: { } body })
        {
            return EvaluateWith(name, body);
        }

        if (scriptNode is ScriptBinaryExpression { Left: { } left, Right: { } right } comparison && IsComparison(comparison.Operator))
        {
            // As Scriban evaluates a comparison, but with its dates made comparable as a pair (ComparableDates).
            var (leftValue, rightValue) = ComparableDates(comparison, Evaluate(left), Evaluate(right));
            return ScriptBinaryExpression.Evaluate(this, comparison.OperatorToken?.Span ?? comparison.Span, comparison.Operator, left.Span, leftValue, right.Span, rightValue);
        }

        if (scriptNode is ScriptBinaryExpression { Operator: ScriptBinaryOperator.Subtract, Left: { } minuend, Right: { } subtrahend } difference)
        {
            // Scriban subtracts two DateTimes ('date1 - date2') but not a DateTimeOffset, which date.parse gives for an instant.
            var (leftValue, rightValue) = (Evaluate(minuend), Evaluate(subtrahend));
            return DateDifference(leftValue, rightValue)
                ?? ScriptBinaryExpression.Evaluate(this, difference.OperatorToken?.Span ?? difference.Span, difference.Operator, minuend.Span, leftValue, subtrahend.Span, rightValue);
        }

        var result = base.Evaluate(scriptNode, aliasReturnedFunction);
        if (scriptNode is ScriptStatement statement)
        {
            _written = statement as ScriptExpressionStatement;
        }
        else if (result is string text && scriptNode!.Parent is ScriptBinaryExpression binary && OrderedAgainstANumber(binary, scriptNode))
        {
            throw TextOrderedAgainstANumber(binary, text);
        }
        else if (CultureFunctions.IsDate(result) && scriptNode!.Parent is ScriptCaseStatement or ScriptWhenStatement or { Parent: ScriptWhenStatement } and not ScriptStatement)
        {
            // case/when compares its value with each when's (held in the when's list) by '==': a date there is compared as '==' compares it with text.
            return CultureFunctions.Comparable(this, result);
        }

        return result;
    }

    /// <summary>
    /// <c>a - b</c> where one of two dates is an instant (a <see cref="DateTimeOffset"/>): two instants differ by the time
    /// between them, also across a change of the recipient's clock; an instant and a plain date or time by the readings of
    /// the recipient's clock (<see cref="CultureFunctions.AsDateTime"/>). Null for any other pair, which Scriban subtracts
    /// as it does (two <see cref="DateTime"/>s) or refuses.
    /// </summary>
    private TimeSpan? DateDifference(object? left, object? right)
    {
        if (left is DateTimeOffset a && right is DateTimeOffset b)
        {
            return a - b;
        }

        return (left is DateTimeOffset || right is DateTimeOffset) && CultureFunctions.IsDate(left) && CultureFunctions.IsDate(right)
            && CultureFunctions.AsDateTime(this, left) is { } from && CultureFunctions.AsDateTime(this, right) is { } to
            ? from - to
            : null;
    }

    /// <summary>Whether an operator compares (<c>==</c>, <c>!=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>).</summary>
    internal static bool IsComparison(ScriptBinaryOperator op) => op is ScriptBinaryOperator.CompareEqual or ScriptBinaryOperator.CompareNotEqual
        or ScriptBinaryOperator.CompareLess or ScriptBinaryOperator.CompareLessOrEqual or ScriptBinaryOperator.CompareGreater or ScriptBinaryOperator.CompareGreaterOrEqual;

    /// <summary>
    /// A date or time value compared in <paramref name="comparison"/>: as ISO 8601 text on the recipient's clock
    /// (<see cref="CultureFunctions.Comparable"/>), so that <c>last_order &lt; "2026-01-01"</c> and
    /// <c>(a | date.parse) &gt; (b | date.parse)</c> decide alike whether the source gave the date as text, a
    /// <see cref="DateOnly"/>, a <see cref="DateTime"/> or a <see cref="DateTimeOffset"/> (Scriban compared a date with
    /// text as the text it writes, "06 Dec 2026", and a <see cref="DateOnly"/> with a <see cref="DateTime"/> not at all). A
    /// date ordered against a number the template writes is left to Scriban, which refuses it.
    /// </summary>
    internal object Comparable(ScriptBinaryExpression comparison, ScriptNode operand, object date) =>
        OrderedAgainstANumber(comparison, operand) ? date : CultureFunctions.Comparable(this, date);

    /// <summary>
    /// The two values of a comparison, their dates made comparable: two instants (<see cref="CultureFunctions.IsInstant"/>)
    /// as UTC text, so that they compare as instants also in the hour the recipient's clock repeats; any other date as
    /// <see cref="Comparable"/> makes it.
    /// </summary>
    internal (object? Left, object? Right) ComparableDates(ScriptBinaryExpression comparison, object? left, object? right)
    {
        if (CultureFunctions.IsInstant(left) && CultureFunctions.IsInstant(right))
        {
            return (CultureFunctions.UtcComparable(left!), CultureFunctions.UtcComparable(right!));
        }

        return (CultureFunctions.IsDate(left) ? Comparable(comparison, comparison.Left!, left) : left,
            CultureFunctions.IsDate(right) ? Comparable(comparison, comparison.Right!, right) : right);
    }

    /// <summary>
    /// Converts a value for a function's parameter as Scriban does, but gives Scriban's <c>date</c> functions (which take a
    /// <see cref="DateTime"/>) a <see cref="DateOnly"/>, a <see cref="DateTimeOffset"/> or ISO 8601 text as the date it is on
    /// the recipient's clock (<see cref="CultureFunctions.AsDateTime"/>), as <c>date.local</c> takes them: Scriban refused them.
    /// </summary>
    public override object? ToObject(SourceSpan span, object? value, Type destinationType)
    {
        if ((destinationType == typeof(DateTime) || destinationType == typeof(DateTime?)) && value is DateOnly or DateTimeOffset or string
            && CultureFunctions.AsDateTime(this, value) is { } date)
        {
            return date;
        }

        return base.ToObject(span, value, destinationType);
    }

    /// <summary>
    /// A text's <c>.size</c> counts grapheme clusters (<see cref="TextAccessor"/>), as <c>string.size</c> and
    /// <c>string.truncate</c> do; an instant's <c>.year</c>, <c>.hour</c>, … read the recipient's clock
    /// (<see cref="RecipientClockAccessor"/>); lists, objects and other .NET values keep Scriban's accessors.
    /// </summary>
    protected override IObjectAccessor? GetMemberAccessorImpl(object target) => target switch
    {
        string => TextAccessor.Default,
        DateTimeOffset or DateTime when base.GetMemberAccessorImpl(target) is { } dates => new RecipientClockAccessor(dates),
        _ => base.GetMemberAccessorImpl(target),
    };

    /// <summary>
    /// Whether <paramref name="operand"/>, not itself written in the template, is ordered (<c>&lt;</c>, <c>&lt;=</c>,
    /// <c>&gt;</c>, <c>&gt;=</c>) against a number written in it: <c>iq &gt; 93</c>, but not <c>iq &gt; limit</c> or
    /// <c>x &lt; "9"</c>.
    /// </summary>
    internal static bool OrderedAgainstANumber(ScriptBinaryExpression binary, ScriptNode operand) =>
        binary.Operator is ScriptBinaryOperator.CompareLess or ScriptBinaryOperator.CompareLessOrEqual
            or ScriptBinaryOperator.CompareGreater or ScriptBinaryOperator.CompareGreaterOrEqual
        && operand is not ScriptLiteral
        && WrittenNumber(ReferenceEquals(operand, binary.Left) ? binary.Right : binary.Left);

    /// <summary>Whether an expression is a number the template writes: <c>93</c>, and so <c>-100</c>, <c>+5</c> or <c>(93)</c>.</summary>
    private static bool WrittenNumber(ScriptExpression? expression) => expression switch
    {
        ScriptLiteral { Value: var number } => IsNumber(number),
        ScriptUnaryExpression { Operator: ScriptUnaryOperator.Negate or ScriptUnaryOperator.Plus, Right: var inner } => WrittenNumber(inner),
        ScriptNestedExpression { Expression: var inner } => WrittenNumber(inner),
        _ => false,
    };

    /// <summary>Whether a literal's value is a number (as Scriban parses them: int, long, BigInteger, double, float, decimal).</summary>
    private static bool IsNumber(object? value) =>
        value is int or long or double or float or decimal or System.Numerics.BigInteger;

    /// <summary>
    /// The error of recipient text ordered against a number the template writes (<c>iq &gt; 93</c> with "101" or "very
    /// high"). Scriban orders the two as text, in which "101" comes before "93" and "very high" after it, so the recipient
    /// would get a module, or miss one, by the spelling of the value: the recipient fails instead, naming the field.
    /// </summary>
    internal ScriptRuntimeException TextOrderedAgainstANumber(ScriptBinaryExpression binary, string text)
    {
        var shown = text.Length <= 40 && !text.Any(static c => char.IsControl(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format) ? $"the text \"{text}\"" : "text";
        return new ScriptRuntimeException(binary.Span, $"'{binary.Left} {binary.OperatorAsText} {binary.Right}' orders {What(FieldHolding(text))}, {shown}, against a number; Scriban would compare them as text (\"101\" before \"93\"), deciding by the value's spelling. Correct the recipient data: a number, written without quotes in JSON (101, not \"101\").");
    }

    /// <summary>
    /// Runs <c>with NAME</c>: a Scriban scope (a JSON object) is read as it is, a dictionary or .NET object as a scope
    /// too (Scriban's own statement refuses them); null, text, a number, true/false or a list fail the recipient naming
    /// what the value is. Returns what the body comes to, as Scriban's statement does (a <c>ret</c> inside it returns
    /// from the function around it).
    /// </summary>
    private object? EvaluateWith(ScriptExpression name, ScriptBlockStatement body)
    {
        var target = base.Evaluate(name, aliasReturnedFunction: false);
        if (target is null || KindOf(target) is var kind && (HasNoMembers(kind) || kind is "a date" or "a time span"))
        {
            throw new ScriptRuntimeException(name.Span, $"'with {name}' reads the members of an object, but '{name}' is {KindOf(target)}. Correct the recipient data, or write '{name}.member' where it is an object.");
        }

        // Evaluated once, here (a function named there runs once): a scope is pushed as Scriban would push it.
        PushGlobal(target as IScriptObject ?? new MemberScope(this, target));
        try
        {
            return Evaluate(body, aliasReturnedFunction: false);
        }
        catch (ScriptRuntimeException ex) when (ex.OriginalMessage.StartsWith(ScribanReadOnly, StringComparison.Ordinal) && ex.OriginalMessage.IndexOf('`', ScribanReadOnly.Length) > 0)
        {
            // There Scriban sets a name on the object 'with' reads, and recipient data is read-only.
            var set = ex.OriginalMessage[ScribanReadOnly.Length..ex.OriginalMessage.IndexOf('`', ScribanReadOnly.Length)];
            throw new ScriptRuntimeException(ex.Span, $"'{set}' cannot be set inside 'with': there a name is set on the object 'with' reads, and neither recipient data nor the builtins can be changed. Set '{set}' outside the 'with', or read the member where it is needed ('{name}.member').");
        }
        finally
        {
            PopGlobal();
        }
    }

    /// <summary>Fails the call, at <paramref name="span"/>, when its time budget is spent.</summary>
    /// <param name="span">Where the template was when the budget ran out.</param>
    /// <param name="cause">What likely took the time, and how to make it take less.</param>
    /// <exception cref="ScriptRuntimeException">The budget is spent.</exception>
    public void CheckTimeBudget(SourceSpan span, string cause)
    {
        if (!WithinTimeBudget())
        {
            throw new ScriptRuntimeException(span, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the message took longer than its time budget of {Runtime.Options.Limits.TimeBudget.TotalMilliseconds:0} ms; {cause} or raise RenderLimits.TimeBudget (onetoone: --time-budget)."));
        }
    }

    /// <summary>Evaluates a condition (its compiled form, else Scriban) in a module's name and reads it as Scriban's <c>if</c> does; a failure names the module and the place in <paramref name="origin"/>.</summary>
    private bool Truth(ScriptExpression expression, ConditionNode? compiled, TextOrigin origin, string? moduleId)
    {
        var previousModule = ModuleId;
        var previousBranchReads = EnterOtherCode();
        ModuleId = moduleId;
        try
        {
            return ToBool(expression.Span, compiled is not null ? compiled.Evaluate(this) : base.Evaluate(expression));
        }
        catch (ScriptRuntimeException ex)
        {
            throw Fail(ex, origin, expression);
        }
        finally
        {
            ModuleId = previousModule;
            _branchReads = previousBranchReads;
        }
    }

    /// <summary>
    /// Stops checking the reads of the template being rendered while other code runs (a condition, a segment's, or a
    /// precompiled template, whose reads were checked ahead): <see cref="CheckBranchRead"/> knows a read by its place
    /// alone, which code of another text can share. Returns what to restore.
    /// </summary>
    private Dictionary<int, BranchRead>? EnterOtherCode()
    {
        var reads = _branchReads;
        _branchReads = null;
        return reads;
    }

    /// <summary>
    /// What a Scriban failure becomes: the cancellation of the call, when it is cancelled (Scriban reports a cancelled token
    /// as a failure of the template, a <see cref="ScriptAbortException"/>); else the recipient's error, naming the module,
    /// the place in <paramref name="origin"/>, and the recipient's fields that the failing part of <paramref name="scope"/> reads.
    /// </summary>
    private Exception Fail(ScriptRuntimeException ex, TextOrigin origin, ScriptNode? scope)
    {
        if (CancellationToken.IsCancellationRequested)
        {
            return new OperationCanceledException("The render was cancelled.", ex, CancellationToken);
        }

        if (ex.InnerException is RecipientException inner)
        {
            return inner;
        }

        var state = State!;
        SourceLocation location = origin.Map(ex.Span.Start.Line, ex.Span.Start.Column);
        var problem = Explain(ex.OriginalMessage);
        for (var cause = ex.InnerException; cause is not null; cause = cause.InnerException)
        {
            if (cause is System.Reflection.TargetInvocationException { InnerException: { } thrown })
            {
                // Scriban says only that the reflection call failed: say what the recipient's own .NET object threw.
                problem = $"reading a property of the recipient's .NET object threw {thrown.GetType().Name}: {thrown.Message.TrimEnd('.')}. Correct the object the recipient is made from, or give the recipient that value another way.";
                break;
            }
        }

        if (ex.OriginalMessage.StartsWith(ScribanIterator, StringComparison.Ordinal) && scope is not null && LoopOver(scope, ex.Span) is { } iterator)
        {
            // Scriban names the .NET type it was given (one of ours for a JSON object), not the value the loop reads.
            var kind = IteratorKind(ex.OriginalMessage);
            problem = $"'{iterator}' is {(kind is null ? "not a list" : $"{kind}, not a list")}, and a loop goes over a list (or text, one character at a time). "
                + (kind == "an object" ? $"Read its members by name ('{iterator}.NAME'), or loop over a list." : "Correct the recipient data, or loop over a list.");
        }
        else if (IsKindError(problem) && scope is not null && FailingPart(scope, ex.Span) is { } part)
        {
            // Scriban says what failed (a conversion, an operator) but not which of the recipient's values made it fail.
            problem += $"{(problem.EndsWith('.') ? string.Empty : ".")} It reads {string.Join(", ", FieldsRead(part))}: correct the recipient data, or make the template handle values of that kind.";
        }

        return new RecipientException(state.Recipient.Id, state.MessageId, ModuleId, location, problem, ex);
    }

    /// <summary>
    /// The kind of value Scriban refused to loop over, told by the .NET type its refusal names: the value's own, whatever
    /// name read it (a loop variable, a function's parameter or a member 'with' reads can have a recipient field's name).
    /// Null for a type that tells no kind the recipient data gives.
    /// </summary>
    private static string? IteratorKind(string message)
    {
        var end = message.IndexOf('`', ScribanIterator.Length);
        return end < 0 ? null : message[ScribanIterator.Length..end] switch
        {
            var type when ScalarKind(null, type) is { } scalar => scalar,
            var type when type.StartsWith("System.", StringComparison.Ordinal) || type.StartsWith("Scriban.", StringComparison.Ordinal) || type == typeof(PlacedText).FullName => null,
            _ => "an object", // a JSON object's scope, or a .NET object of the recipient's
        };
    }

    /// <summary>The expression a loop (<c>for</c>, <c>tablerow</c>) goes over, found by where Scriban reports it failed to go over it.</summary>
    private static ScriptExpression? LoopOver(ScriptNode scope, SourceSpan failure)
    {
        var pending = new Stack<ScriptNode>();
        pending.Push(scope);
        while (pending.TryPop(out var node))
        {
            if (node is ScriptForStatement { Iterator: { } iterator } && iterator.Span.Start.Offset == failure.Start.Offset)
            {
                return iterator;
            }

            for (var i = 0; i < node.ChildrenCount; i++)
            {
                if (node.GetChildren(i) is { } child)
                {
                    pending.Push(child);
                }
            }
        }

        return null;
    }

    /// <summary>Whether a Scriban error is about the kind of a value: a conversion, an operator or a function given a value it cannot take.</summary>
    private static bool IsKindError(string message)
    {
        foreach (var marker in ScribanKindErrors)
        {
            if (message.Contains(marker, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Finds the innermost operation (an operator, a pipe, a function call; not a bare name) around the span Scriban
    /// reports a failure at, that reads one of the recipient's fields: the failing operation, or the pipe that gave a
    /// failing function its value. (The interpreter reports an operator's failure at the operator, the compiled
    /// conditions at the whole operation: the innermost operation around either is the same.)
    /// </summary>
    private ScriptNode? FailingPart(ScriptNode node, SourceSpan failure)
    {
        // A list of statements or arguments has no span of its own: only its items are judged.
        var start = failure.Start.Offset;
        var end = Math.Max(start, failure.End.Offset);
        if (node.Span.End.Offset > node.Span.Start.Offset && (start < node.Span.Start.Offset || end > node.Span.End.Offset))
        {
            return null;
        }

        for (var i = 0; i < node.ChildrenCount; i++)
        {
            if (node.GetChildren(i) is { } child && FailingPart(child, failure) is { } inner)
            {
                return inner;
            }
        }

        return node is ScriptExpression and not (ScriptVariable or ScriptMemberExpression or ScriptLiteral) && FieldsRead(node).Count > 0 ? node : null;
    }

    /// <summary>The recipient's fields (not loop variables, not builtins) that a part of a template reads, each with the kind of its value: <c>'iq' (a list)</c>.</summary>
    private List<string> FieldsRead(ScriptNode part)
    {
        var fields = new List<string>();
        var pending = new Stack<ScriptNode>();
        pending.Push(part);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (node is ScriptVariableGlobal { Name: var name }
                && !_locals.ContainsKey(name) && !ScriptEnvironment.IsBuiltin(name)
                && State!.Recipient.TryGetValue(name, out var value))
            {
                var described = $"'{name}' ({KindOf(value)})";
                if (!fields.Contains(described))
                {
                    fields.Add(described);
                }
            }

            if (node is ScriptMemberExpression member)
            {
                // In 'uplift.card' only 'uplift' is a field; 'card' is its member.
                if (member.Target is { } target)
                {
                    pending.Push(target);
                }

                continue;
            }

            for (var i = node.ChildrenCount - 1; i >= 0; i--)
            {
                if (node.GetChildren(i) is { } child)
                {
                    pending.Push(child);
                }
            }
        }

        return fields;
    }

    /// <summary>Gets whether a kind of value (<see cref="KindOf"/>) is one a template cannot read a member of: text, true/false, a number or a list.</summary>
    private static bool HasNoMembers(string kind) => kind is "text" or "true or false" or "a number" or "a list";

    /// <summary>Says what kind of value a recipient field holds, for an error message or a trace.</summary>
    internal static string KindOf(object? value) => value switch
    {
        null => "null",
        string => "text",
        _ when ScalarKind(value.GetType(), null) is { } scalar => scalar,
        System.Collections.IList => "a list", // before IScriptObject, which Scriban's lists are too
        IScriptObject or System.Collections.IDictionary => "an object",
        System.Collections.IEnumerable => "a list",
        _ => $"a {value.GetType().Name}",
    };

    /// <summary>The kind of a true/false, number, date or time span, by its .NET type or that type's full name; null for any other.</summary>
    private static string? ScalarKind(Type? type, string? typeName)
    {
        foreach (var (scalar, kind) in ScalarKinds)
        {
            if (scalar == type || scalar.FullName == typeName)
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>
    /// Rewords Scriban's loop-limit error, which says neither what it counts nor which setting it is (Scriban counts the
    /// steps of a loop and of every loop nested in it together, and checks them before <see cref="OnStepLoop"/> is called,
    /// so its words are the only sign of it), and its refusal of a value too long to convert to text, which names neither
    /// the value nor the setting. Its other errors say what failed; <see cref="Fail"/> adds the fields a kind error read.
    /// </summary>
    private string Explain(string message)
    {
        if (message.StartsWith(ScribanLoopLimit, StringComparison.Ordinal))
        {
            return string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"a loop ran more than {LoopLimit:N0} iterations, counting those of the loops nested inside it (RenderLimits.MaxLoopIterations). Bound the loop, or raise the limit.");
        }

        // Scriban names the member read, not the value that was null, nor how to read it safely.
        if (message.StartsWith(ScribanNullMember, StringComparison.Ordinal) && message.EndsWith(ScribanNullMemberEnd, StringComparison.Ordinal)
            && message.Length > ScribanNullMember.Length + ScribanNullMemberEnd.Length)
        {
            var read = message[ScribanNullMember.Length..^ScribanNullMemberEnd.Length];
            var dot = read.LastIndexOf('.');
            if (dot > 0)
            {
                var target = read[..dot];
                if (target is "for" or "while" or "tablerow" && !State!.Recipient.HasField(target) && !_locals.ContainsKey(target))
                {
                    return $"'{read}' is read outside a '{target}' loop, and '{target}' (the loop's index, first, last…) exists only inside one. Move it into the loop.";
                }

                var what = State!.Recipient.HasField(target) && !_locals.ContainsKey(target) ? $"the field '{target}'" : $"'{target}'";
                return $"{what} is null, so '{read}' cannot be read. Correct the recipient data, or write '{target}?.{read[(dot + 1)..]}', which is null (and writes nothing) while '{target}' is null; pipe it to 'default' for a fallback.";
            }
        }

        // A value too long to convert to text where a condition or a function reads it, rather than where it is written.
        return message.StartsWith(ScribanStringLimit, StringComparison.Ordinal) && LongField() is { } field
            ? Oversized($"the field '{field.Name}'", field.Length)
            : message;
    }

    /// <summary>Says that a value is too long, and how to fix it.</summary>
    private string Oversized(string what, int length) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{what} is {length:N0} characters long; a value must stay under {LimitToString:N0} characters (RenderLimits.MaxOutputLength). Shorten it in the recipient data, or raise the limit.");

    /// <summary>Finds the recipient's first text field at least <see cref="TemplateContext.LimitToString"/> long, and its length.</summary>
    private (string Name, int Length)? LongField() =>
        FirstField(held => held is string text && text.Length >= LimitToString) is { } name && State!.Recipient.TryGetValue(name, out var value)
            ? (name, ((string)value!).Length)
            : null;
}

/// <summary>Text a template places without escaping: slot placeholders and a layout's rendered message, never recipient data.</summary>
internal sealed record PlacedText(string Text);
