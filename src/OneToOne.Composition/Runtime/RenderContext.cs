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

    /// <summary>The longest timeout a <see cref="System.Text.RegularExpressions.Regex"/> accepts.</summary>
    private static readonly TimeSpan MaxRegexTimeout = TimeSpan.FromMilliseconds(int.MaxValue - 1);

    private readonly ScriptObject _locals = new();
    private readonly RecipientScope _scope;
    private readonly long _budgetTicks;
    private long _deadline;
    private int _nodesUntilClockCheck;
    private EscapeMode _mode;
    private List<string>? _placedSlots;
    private IReadOnlyDictionary<ScriptExpression, ValuePosition>? _positions;

    /// <summary>The expression statement just evaluated, whose value Scriban writes next; null after any other statement.</summary>
    private ScriptExpressionStatement? _written;
    private StringWriter? _urlWriter;
    private HtmlRenderer? _urlRenderer;

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
        _placedSlots = null;
        _locals.Clear();

        // Reset pops the culture and our scopes and zeroes Scriban's running output count; put the scopes back.
        Reset();
        PushGlobal(_scope);
        PushGlobal(_locals);
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

        var value = Evaluate(segment.Condition, null);
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
        var previousPositions = _positions;
        _mode = mode;
        _placedSlots = placedSlots;
        _positions = template.Positions;
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
            throw Fail(ex, template.Origin);
        }
        finally
        {
            PopOutput();
            _mode = previousMode;
            _placedSlots = previousSlots;
            _positions = previousPositions;
            ModuleId = previousModule;
        }

        return builder.ToString();
    }

    /// <summary>Fails the recipient, naming the field, when it lacks a field the template reads without a default.</summary>
    public void CheckRequiredFields(CompiledTemplate template, string? moduleId)
    {
        var state = State!;
        var fields = template.RequiredFields;
        for (var i = 0; i < fields.Length; i++)
        {
            var field = fields[i];
            if (!state.Recipient.HasField(field.Name))
            {
                throw new RecipientException(state.Recipient.Id, state.MessageId, moduleId, field.Location,
                    $"the template uses the field '{field.Name}', which the recipient does not have. Add the field to the recipient data, or write '{{{{ {field.Name} | default \"…\" }}}}' for a fallback.");
            }
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

    /// <summary>Finds the recipient field whose value is this text, for an error message (not on any hot path).</summary>
    private string? FieldHolding(string text)
    {
        var recipient = State!.Recipient;
        foreach (var name in recipient.FieldNames)
        {
            if (recipient.TryGetValue(name, out var value) && value is string found && string.Equals(found, text, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return null;
    }

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
        ModuleId = moduleId;
        try
        {
            if (compiled is null || !compiled.TryEvaluate(this, out var value))
            {
                value = base.Evaluate(expression);
            }

            return format && value is not null ? ObjectToString(value) : value;
        }
        catch (ScriptRuntimeException ex)
        {
            throw Fail(ex, template.Origin);
        }
        finally
        {
            ModuleId = previousModule;
        }
    }

    /// <summary>Evaluates an <c>if</c> condition of a precompiled template and reads it as true or false, as Scriban's <c>if</c> does.</summary>
    public bool EvaluateTruth(ScriptExpression condition, CompiledTemplate template, string? moduleId) =>
        Truth(condition, null, template.Origin, moduleId);

    /// <summary>Gets whether the message is still within its time budget (the general path checks it at every loop step and every <see cref="NodesPerClockCheck"/> nodes).</summary>
    public bool WithinTimeBudget() => Runtime.Options.TimeProvider.GetTimestamp() <= _deadline;

    /// <summary>Binds a precompiled loop's variable to the current item; it wins over recipient fields, as Scriban's loop variable does.</summary>
    public void BindLoopVariable(string name, object? item) => _locals.SetValue(name, item, readOnly: false);

    /// <summary>Unbinds a precompiled loop's variable after the loop, as Scriban does when the loop ends.</summary>
    public void UnbindLoopVariable(string name) => _locals.Remove(name);

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

    public static string Placeholder(int index) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{TextEscaper.PlaceholderStart}{index}{TextEscaper.PlaceholderEnd}");

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        if (textAsObject is PlacedText placed)
        {
            return Write(placed.Text);
        }

        if (textAsObject is string { Length: var length } oversized && LimitToString > 0 && length >= LimitToString)
        {
            // Scriban's own refusal says neither which value nor where; Scriban gives no span finer than the template here.
            var what = FieldHolding(oversized) is { } field ? $"the field '{field}'" : "a value the template writes";
            throw new ScriptRuntimeException(span, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{what} is {length:N0} characters long; a value must stay under {LimitToString:N0} characters (RenderLimits.MaxOutputLength). Shorten it in the recipient data, or raise the limit."));
        }

        var text = ObjectToString(textAsObject);
        if (text is null)
        {
            return this;
        }

        if (_positions is null || _written is not { Expression: { } expression } statement || !_positions.TryGetValue(expression, out var position))
        {
            return Write(TextEscaper.Escape(text, _mode));
        }

        // A value in a URL or in code, as the compiler found: escaped for that place too.
        var escaped = new StringBuilder(text.Length + 8);
        if (!TextEscaper.Append(escaped, text, _mode, position))
        {
            throw new ScriptRuntimeException(statement.Span, UnsafeUrl(text));
        }

        return Write(escaped.ToString());
    }

    /// <summary>Says why a value cannot start a URL, naming the field that holds it when there is one.</summary>
    private string UnsafeUrl(string text)
    {
        var what = FieldHolding(text) is { } field ? $"the field '{field}'" : "a value the template writes";
        return $"{what} starts a URL with '{TextEscaper.UnsafeScheme(text)}:', a scheme recipient data may not supply; where a value starts a link's URL it must be an http, https, mailto or tel URL, or a relative one. Correct the recipient data, or write the URL's start in the template (for example 'https://example.com/{{{{ … }}}}'), after which a value is percent-encoded.";
    }

    protected override bool OnStepLoop(ScriptLoopStatementBase loop)
    {
        CheckTimeBudget(loop.Span, "a loop runs too long. Bound the loop");
        return base.OnStepLoop(loop);
    }

    /// <summary>
    /// Evaluates every node of the template (Scriban calls it for each statement and expression). Now and then it
    /// checks the time budget: a template can spin without a loop step, as a function that calls itself twice does.
    /// And it notes which expression statement was just evaluated: Scriban writes its value next
    /// (<see cref="Write(SourceSpan, object?)"/> gets only the enclosing block's span).
    /// </summary>
    public override object? Evaluate(ScriptNode? scriptNode, bool aliasReturnedFunction)
    {
        if (scriptNode is not null && --_nodesUntilClockCheck <= 0)
        {
            _nodesUntilClockCheck = NodesPerClockCheck;
            CheckTimeBudget(scriptNode.Span, "the template does too much work, for example a function that calls itself more than once. Make it do less");
        }

        var result = base.Evaluate(scriptNode, aliasReturnedFunction);
        if (scriptNode is ScriptStatement statement)
        {
            _written = statement as ScriptExpressionStatement;
        }

        return result;
    }

    private void CheckTimeBudget(SourceSpan span, string cause)
    {
        if (!WithinTimeBudget())
        {
            throw new ScriptRuntimeException(span, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the message took longer than its time budget of {Runtime.Options.Limits.TimeBudget.TotalMilliseconds:0} ms; {cause} or raise RenderLimits.TimeBudget."));
        }
    }

    /// <summary>Evaluates a condition (its compiled form, else Scriban) in a module's name and reads it as Scriban's <c>if</c> does; a failure names the module and the place in <paramref name="origin"/>.</summary>
    private bool Truth(ScriptExpression expression, ConditionNode? compiled, TextOrigin origin, string? moduleId)
    {
        var previousModule = ModuleId;
        ModuleId = moduleId;
        try
        {
            return ToBool(expression.Span, compiled is not null ? compiled.Evaluate(this) : base.Evaluate(expression));
        }
        catch (ScriptRuntimeException ex)
        {
            throw Fail(ex, origin);
        }
        finally
        {
            ModuleId = previousModule;
        }
    }

    /// <summary>
    /// What a Scriban failure becomes: the cancellation of the call, when it is cancelled (Scriban reports a cancelled token
    /// as a failure of the template, a <see cref="ScriptAbortException"/>); else the recipient's error, naming the module
    /// and the place in <paramref name="origin"/>.
    /// </summary>
    private Exception Fail(ScriptRuntimeException ex, TextOrigin origin)
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
        return new RecipientException(state.Recipient.Id, state.MessageId, ModuleId, location, Explain(ex.OriginalMessage), ex);
    }

    /// <summary>
    /// Rewords Scriban's loop-limit error, which says neither what it counts nor which setting it is. Scriban counts the
    /// steps of a loop and of every loop nested in it together, and checks them before <see cref="OnStepLoop"/> is called,
    /// so its words are the only sign of it; its other errors are clear as they are.
    /// </summary>
    private string Explain(string message) => message.StartsWith(ScribanLoopLimit, StringComparison.Ordinal)
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"a loop ran more than {LoopLimit:N0} iterations, counting those of the loops nested inside it (RenderLimits.MaxLoopIterations). Bound the loop, or raise the limit.")
        : message;
}

/// <summary>Text a template places without escaping: slot placeholders and a layout's rendered message, never recipient data.</summary>
internal sealed record PlacedText(string Text);
