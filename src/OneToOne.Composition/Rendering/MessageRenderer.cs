using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Markdig;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Runtime;

namespace OneToOne.Composition.Rendering;

/// <summary>
/// Renders a decided message for a channel. The hot path fills precompiled plans (<see cref="FragmentPlan"/>):
/// output converted once at compile time, with holes for values, slots and loop items, written into one buffer;
/// an <c>if</c> chain picks one plan per branch. Modules that read no recipient data were rendered whole at
/// compile time. Templates no plan covers, and any recipient a plan cannot promise the same result for, take the
/// general path: Scriban renders Markdown with slot placeholders, Markdig converts it, and each placeholder is
/// replaced by the chosen modules. Both paths give the same output (property tests hold them to it).
/// </summary>
internal static class MessageRenderer
{
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder().UsePipeTables().Build();

    public static RenderedMessage Render(CatalogRuntime runtime, Decision decision, Channel channel, CancellationToken cancellationToken)
    {
        var (message, context) = Begin(runtime, decision, cancellationToken);
        try
        {
            // The subject first, as every rendering path does, so a recipient both fail for gets the same error from each.
            var subject = Subject(context, message);
            context.NoteWrittenSlots(message.RequiredModuleIds);
            var rendered = RenderMarkdownUnit(context, decision.State, message.Body, channel, null);
            CheckSlots(context, decision, message, channel);
            return new RenderedMessage(channel, subject, rendered);
        }
        finally
        {
            End(runtime, context);
        }
    }

    /// <summary>
    /// Renders the subject, then the body into a writer (a plan's output goes there without becoming a string first).
    /// Both are complete before the first character is written, so on an exception the writer holds nothing of this message.
    /// </summary>
    public static string Render(CatalogRuntime runtime, Decision decision, Channel channel, TextWriter body, CancellationToken cancellationToken)
    {
        var (message, context) = Begin(runtime, decision, cancellationToken);
        try
        {
            // The subject first: the body plan's output is the context's buffer, which the subject's plan would reuse.
            var subject = Subject(context, message);
            context.NoteWrittenSlots(message.RequiredModuleIds);
            if (WrittenPlan(context, decision.State, message.Body, channel, null) is { } output)
            {
                CheckSlots(context, decision, message, channel);
                if (channel == Channel.Web)
                {
                    body.Write(output);
                }
                else
                {
                    PlainTextRenderer.Normalize(output, body);
                }
            }
            else
            {
                var rendered = RenderMarkdownUnit(context, decision.State, message.Body, channel, null, tryPlan: false);
                CheckSlots(context, decision, message, channel);
                body.Write(rendered);
            }

            return subject;
        }
        finally
        {
            End(runtime, context);
        }
    }

    /// <summary>Renders each chosen module on its own, slot by slot, in the decision's order.</summary>
    public static IReadOnlyList<RenderedModule> RenderModules(CatalogRuntime runtime, Decision decision, Channel channel, CancellationToken cancellationToken)
    {
        var (_, context) = Begin(runtime, decision, cancellationToken);
        try
        {
            var modules = new List<RenderedModule>();
            foreach (var slot in decision.Slots)
            {
                foreach (var module in decision.State.Chosen[slot.SlotId])
                {
                    var output = new StringBuilder();
                    WriteMarkedModule(context, decision.State, module, channel, output, block: true);
                    var body = channel == Channel.Text ? PlainTextRenderer.Normalize(output) : output.Append('\n').ToString();
                    modules.Add(new RenderedModule(slot.SlotId, module.Id, body));
                }
            }

            return modules;
        }
        finally
        {
            End(runtime, context);
        }
    }

    /// <summary>Renders the message as a whole HTML page: its <c>web: layout</c>, or a minimal HTML5 document.</summary>
    public static string RenderPage(CatalogRuntime runtime, Decision decision, CancellationToken cancellationToken)
    {
        var (message, context) = Begin(runtime, decision, cancellationToken);
        try
        {
            var subject = Subject(context, message);
            context.NoteWrittenSlots(message.RequiredModuleIds);
            var fragment = RenderMarkdownUnit(context, decision.State, message.Body, Channel.Web, null);
            CheckSlots(context, decision, message, Channel.Web);
            // The language the text is written in (Decision.TextCulture), not the recipient's when the catalog has none of that.
            var language = decision.TextCulture;
            var name = language.Name.Length == 0 ? "en" : language.Name;

            // The page's title, as the email's Subject: without the invisible characters that make a label read as another.
            var title = InvisibleText.Strip(subject);
            if (message.WebLayout is { } layout)
            {
                return PageLanguage.Label(context.Render(layout, EscapeMode.Html, null, null, (fragment, title)), language, name);
            }

            return $"<!DOCTYPE html>\n<html{HtmlLanguage.Attributes(language, name)}>\n<head>\n<meta charset=\"utf-8\">\n<title>{TextEscaper.Escape(title, EscapeMode.Html)}</title>\n</head>\n<body>\n{fragment}</body>\n</html>\n";
        }
        finally
        {
            End(runtime, context);
        }
    }

    /// <summary>Renders everything an email needs from the message and its <c>email:</c> settings.</summary>
    public static EmailContent RenderEmail(CatalogRuntime runtime, Decision decision, CancellationToken cancellationToken)
    {
        var (message, context) = Begin(runtime, decision, cancellationToken);
        try
        {
            var state = decision.State;
            var email = message.Email;
            var subject = Subject(context, message);
            context.NoteWrittenSlots(message.RequiredModuleIds);
            context.RestartCycles();
            var html = RenderMarkdownUnit(context, state, message.Body, Channel.Web, null);
            CheckSlots(context, decision, message, Channel.Web);
            context.NoteWrittenSlots(message.RequiredModuleIds);
            context.RestartCycles();
            var text = RenderMarkdownUnit(context, state, message.Body, Channel.Text, null);
            CheckSlots(context, decision, message, Channel.Text, alsoWritten: true);
            if (email?.Layout is { } layout)
            {
                html = context.Render(layout, EscapeMode.Html, null, null, (html, InvisibleText.Strip(subject)));
            }

            var toField = email?.ToField ?? "email";
            var to = FieldPath.TryRead(context, state.Recipient, toField, out var address) && address is not null
                ? Convert.ToString(address, CultureInfo.InvariantCulture)
                : null;
            if (address is System.Collections.IEnumerable and not string)
            {
                // A list (or an object) was written as its .NET type's name, then refused as "'Scriban.Runtime.ScriptArray' is not a valid address".
                throw new RecipientException(state.Recipient.Id, state.MessageId, null, null,
                    $"the field '{toField}' (the message's email: to-field) holds {RenderContext.KindOf(address)}; it must be one email address as text, such as \"ann@example.com\".");
            }

            return new EmailContent(
                decision.RecipientId,
                decision.MessageId,
                subject,
                html,
                text,
                email?.From,
                email?.ReplyTo,
                toField,
                string.IsNullOrWhiteSpace(to) ? null : to.Trim(),
                OneLine(context, email?.ToName, EscapeMode.Line),
                OneLine(context, message.PreheaderFor(context.State!.Culture), EscapeMode.Line),
                OneLine(context, email?.Unsubscribe, EscapeMode.Url));
        }
        finally
        {
            End(runtime, context);
        }
    }

    /// <summary>Renders everything a print piece needs from the message and its <c>print:</c> settings.</summary>
    public static PrintContent RenderPrint(CatalogRuntime runtime, Decision decision, CancellationToken cancellationToken)
    {
        var (message, context) = Begin(runtime, decision, cancellationToken);
        try
        {
            var subject = Subject(context, message);
            context.NoteWrittenSlots(message.RequiredModuleIds);
            var (markdown, modules) = RenderPrintMarkdown(context, decision.State, message.Body, null);
            CheckSlots(context, decision, message, Channel.Print);
            var print = message.Print;
            var lines = new List<string>();
            if (print?.Address is { } address)
            {
                // Values fold to one line each; only the template's own line breaks make address lines. Invisible
                // formatting characters go, as from an email header: an address that reads other than it sorts and
                // matches (a postcode with U+200B, a name turned round by U+202E) is a letter sent back.
                foreach (var line in context.Render(address, EscapeMode.Line, null, null).Split('\n'))
                {
                    var clean = InvisibleText.Strip(line).Trim();
                    if (clean.Length > 0)
                    {
                        lines.Add(clean);
                    }
                }

                if (lines.Count == 0)
                {
                    throw new RecipientException(decision.RecipientId, decision.MessageId, null, address.Origin.Map(0, 0),
                        "the recipient has no postal address: the message's 'print: address' renders no lines. Add the address fields to the recipient data.");
                }
            }

            var definition = print?.Definition;
            return new PrintContent(
                decision.RecipientId,
                decision.MessageId,
                subject,
                markdown,
                definition?.Page,
                definition?.Margins,
                definition?.Duplex,
                definition?.Window ?? "none",
                lines.AsReadOnly(),
                definition?.ReturnAddress,
                definition?.Fonts ?? FrozenDictionary<string, string>.Empty,
                definition?.FallbackFonts ?? [],
                message.BaseDirectory,
                Array.ConvertAll(modules, static m => new PrintModuleRange(m.SlotId, m.ModuleId, m.Start, m.Length))) { Arms = decision.ArmsText, Language = decision.TextCulture.Name.Length == 0 ? null : decision.TextCulture.Name, FilesConfined = runtime.Options.ConfineToCatalogFolder };
        }
        finally
        {
            End(runtime, context);
        }
    }

    private static (CompiledMessage Message, RenderContext Context) Begin(CatalogRuntime runtime, Decision decision, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (decision.IsSuppressed)
        {
            throw new InvalidOperationException(
                $"Recipient '{decision.RecipientId}' is suppressed for message '{decision.MessageId}' ({decision.SuppressionReason}); a suppressed message has nothing to render. Check Decision.IsSuppressed first.");
        }

        if (!ReferenceEquals(decision.State.Runtime, runtime))
        {
            throw new ArgumentException(
                decision.CatalogId != runtime.Name
                    ? $"The decision was made by catalog '{decision.CatalogId}', not '{runtime.Name}'."
                    : $"The decision was made by another load of catalog '{runtime.Name}' (loaded again, after an edit perhaps): its modules and slots may not be this one's. Decide again with the catalog that renders.",
                nameof(decision));
        }

        var message = runtime.GetMessage(decision.MessageId);
        var context = runtime.Rent();
        context.Begin(decision.State, cancellationToken);
        if (runtime.HasModuleLanguages)
        {
            // The language every HTML output declares: the page's and the email's <html lang>, the fragment's decision JSON.
            var language = decision.TextCulture.Name;
            context.MarksLanguages = true;
            context.DocumentLanguage = context.EnclosingLanguage = language.Length == 0 ? null : language;
        }

        return (message, context);
    }

    private static void End(CatalogRuntime runtime, RenderContext context)
    {
        context.End();
        runtime.Return(context);
    }

    /// <summary>
    /// Marks each decided slot written or not (<see cref="SlotDecision.IsWritten"/>), so counts of modules sent leave out
    /// those of a slot in a branch not taken; fails the recipient when the body did not write a required module its decision holds.
    /// <c>alsoWritten</c>: a slot marked written stays so (an email's text part, after its HTML part: the recipient sees a slot either part holds).
    /// </summary>
    private static void CheckSlots(RenderContext context, Decision decision, CompiledMessage message, Channel channel, bool alsoWritten = false)
    {
        var slots = decision.Slots;
        for (var s = 0; s < slots.Count; s++)
        {
            slots[s].IsWritten = (alsoWritten && slots[s].IsWritten) || context.WroteSlot(slots[s].SlotId);
        }

        if (message.Required.Count > 0)
        {
            GovernanceRules.CheckWritten(context, decision, message, channel);
        }
    }

    private static string Subject(RenderContext context, CompiledMessage message) => OneLine(context, message.SubjectFor(context.State!.Culture), EscapeMode.Line) ?? string.Empty;

    private static string? OneLine(RenderContext context, CompiledTemplate? template, EscapeMode mode)
    {
        if (template is null)
        {
            return null;
        }

        var text = mode == EscapeMode.Line && template.LinePlan is { } plan && TryWritePlan(context, context.State!, template, plan, Channel.Text, null, context.OutputBuffer.Clear())
            ? context.OutputBuffer.ToString()
            : context.Render(template, mode, null, null);

        // Line breaks the template itself writes fold too: a header is one line.
        return TextEscaper.Escape(text, EscapeMode.Line).Trim();
    }

    /// <summary>Does at compile time what does not depend on the recipient: static modules, and fragment plans.</summary>
    public static void Precompile(CompiledCatalogModel model, bool compile)
    {
        foreach (var module in model.Modules.Concat(model.Modules.SelectMany(static m => m.LocaleVariants.Values)))
        {
            PrecomputeStatic(module);
            if (!compile)
            {
                continue;
            }

            if (module.Content is { HasCode: true } content)
            {
                (content.WebPlan, content.TextPlan) = FragmentCompiler.Compile(content, Pipeline);
            }

            if (module.Html is { HasCode: true } html)
            {
                html.WebPlan = FragmentCompiler.CompileVerbatim(html, EscapeMode.Html, web: true);
            }

            if (module.Text is { HasCode: true } text)
            {
                text.TextPlan = FragmentCompiler.CompileVerbatim(text, EscapeMode.Plain, web: false);
            }
        }

        foreach (var message in compile ? model.Messages : [])
        {
            (message.Body.WebPlan, message.Body.TextPlan) = FragmentCompiler.Compile(message.Body, Pipeline);
            CompileLine(message.Subject);
            CompileLine(message.Email?.ToName);
            CompileLine(message.Email?.Preheader);
            foreach (var variant in message.LocaleTemplates)
            {
                CompileLine(variant);
            }
        }
    }

    /// <summary>Plans a one-line template; one that places a slot is left to the general path, which refuses it there.</summary>
    private static void CompileLine(CompiledTemplate? template)
    {
        if (template is { HasCode: true } && FragmentCompiler.CompileVerbatim(template, EscapeMode.Line, web: false) is { } plan && !PlacesSlot(plan))
        {
            template.LinePlan = plan;
        }
    }

    private static bool PlacesSlot(FragmentPlan? plan)
    {
        if (plan is null)
        {
            return false;
        }

        foreach (var hole in plan.Holes)
        {
            if (hole.SlotId is not null)
            {
                return true;
            }
        }

        foreach (var branch in plan.Branches?.Plans ?? [])
        {
            if (PlacesSlot(branch))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Renders a module once, with no recipient, when none of its templates has code.</summary>
    private static void PrecomputeStatic(CompiledModule module)
    {
        if (module.Html is { HasCode: false } html)
        {
            module.StaticHtml = html.StaticText;
        }
        else if (module.Html is null && module.Content is { HasCode: false } content)
        {
            module.StaticHtml = Markdown.ToHtml(content.StaticText!, Pipeline);
        }

        if (module.Text is { HasCode: false } text)
        {
            module.StaticText = PlainTextRenderer.Normalize(new StringBuilder(text.StaticText));
        }
        else if (module.Text is null && module.Content is { HasCode: false } content)
        {
            module.StaticText = PlainTextRenderer.Render(content.StaticText!, Pipeline);
        }
    }

    // tryPlan is false when the caller already tried the template's plan and it bailed out.
    private static string RenderMarkdownUnit(RenderContext context, DecisionState state, CompiledTemplate template, Channel channel, string? moduleId, bool tryPlan = true)
    {
        if (tryPlan && WrittenPlan(context, state, template, channel, moduleId) is { } output)
        {
            return channel == Channel.Web ? output.ToString() : PlainTextRenderer.Normalize(output);
        }

        if (channel == Channel.Print)
        {
            return RenderPrintMarkdown(context, state, template, moduleId).Markdown;
        }

        var placed = new List<string>();
        var markdown = context.Render(template, EscapeMode.Markdown, placed, moduleId);
        string converted;
        try
        {
            converted = channel == Channel.Web ? context.MarkdownToHtml(markdown) : PlainTextRenderer.Render(markdown, Pipeline);
        }
        catch (ArgumentException ex)
        {
            // Markdig refuses Markdown nested hundreds of levels deep. The catalog's own text was checked when it loaded,
            // so a loop wrote these levels: it fails this recipient, as any other limit does.
            throw new RecipientException(state.Recipient.Id, state.MessageId, moduleId, template.Origin.Map(0, 0),
                "the Markdown written for this recipient nests lists, block quotes or emphasis deeper than the Markdown reader follows (a loop that writes '* ' or '> ' at the start of a line adds a level each time round). Write fewer levels.", ex);
        }

        // Text has no markup to tell where a slot stands: the same Markdown as HTML does (a heading, a link, a table cell).
        return Substitute(context, state, template, moduleId, converted, placed, channel, markdown: true, channel == Channel.Text && placed.Count > 0 ? context.MarkdownToHtml(markdown) : null);
    }

    /// <summary>The output of the template's plan for the channel (not yet normalised), or null when it has none or it bailed out.</summary>
    private static StringBuilder? WrittenPlan(RenderContext context, DecisionState state, CompiledTemplate template, Channel channel, string? moduleId)
    {
        if (PlanFor(template, channel) is not { } plan)
        {
            return null;
        }

        // Only the outermost plan uses the context's buffer; nested templates write into it directly.
        var output = moduleId is null ? context.OutputBuffer.Clear() : new StringBuilder();
        return TryWritePlan(context, state, template, plan, channel, moduleId, output) ? output : null;
    }

    private static FragmentPlan? PlanFor(CompiledTemplate template, Channel channel) => channel switch
    {
        Channel.Web => template.WebPlan,
        Channel.Text => template.TextPlan,
        _ => null,
    };

    /// <summary>
    /// Writes a precompiled plan into <paramref name="output"/>. Returns false, with the output as it was,
    /// whenever the plan cannot promise the general path's result: a value would make the Markdown mean
    /// something else than its tokens did (an empty value alone in a paragraph, punctuation against emphasis),
    /// a loop's list is not a plain list or is longer than the loop limit, the time budget ran out, the
    /// template's own output could pass the output limit, or an expression failed. Then the general path
    /// renders the template, so the output, and any error with its location, is always what Scriban and the
    /// Markdown would give.
    /// </summary>
    private static bool TryWritePlan(RenderContext context, DecisionState state, CompiledTemplate template, FragmentPlan plan, Channel channel, string? moduleId, StringBuilder output)
    {
        context.CheckRequiredFields(template, moduleId);
        if (!context.HasBranchReads(template))
        {
            // A field read only in a branch is missing: only the general path knows whether the branch is taken.
            return false;
        }

        var start = output.Length;
        try
        {
            if (WritePlan(context, state, template, plan, channel, moduleId, output))
            {
                return true;
            }
        }
        catch (RecipientException)
        {
            // The general path evaluates in source order and reports the first failure it meets: let it.
        }

        output.Length = start;
        return false;
    }

    private static bool WritePlan(RenderContext context, DecisionState state, CompiledTemplate template, FragmentPlan plan, Channel channel, string? moduleId, StringBuilder output)
    {
        if (plan.Branches is { } branches)
        {
            // As Scriban's 'if': the first true condition's branch, else the last (the 'else', or nothing).
            var taken = 0;
            while (taken < branches.Conditions.Length && !context.EvaluateTruth(branches.Conditions[taken], template, moduleId))
            {
                taken++;
            }

            if (branches.Plans[taken] is not { } branch)
            {
                return false;
            }

            plan = branch;
        }

        IList? items = null;
        if (plan.Loop is { } loop)
        {
            // As Scriban's 'for': null or an empty list writes no item; only plain lists within the loop limit are planned.
            var list = context.EvaluateValue(loop.Statement.Iterator!, template, moduleId);
            if (list is null or IList { Count: 0 })
            {
                if (plan.WhenEmpty is not { } empty)
                {
                    return false;
                }

                plan = empty;
            }
            else if (list is IList found and not IQueryable && (context.LoopLimit == 0 || found.Count <= context.LoopLimit))
            {
                items = found;
            }
            else
            {
                return false;
            }
        }

        // An upper bound of what the general path writes for this template, checked against its output limit.
        var written = (long)plan.SourceLength;
        for (var i = 0; i < plan.Holes.Length; i++)
        {
            output.Append(plan.Literals[i]);
            var hole = plan.Holes[i];
            if (hole.Loop is { } itemLoop)
            {
                if (!TryWriteItems(context, template, itemLoop, items!, moduleId, output, ref written))
                {
                    return false;
                }
            }
            else if (hole.Expression is null)
            {
                context.SlotWritten(hole.SlotId!);
                var modules = state.Chosen[hole.SlotId!];
                var start = output.Length;
                for (var m = 0; m < modules.Length; m++)
                {
                    if (m > 0)
                    {
                        output.Append(channel == Channel.Web ? "\n" : "\n\n");
                    }

                    WriteMarkedModule(context, state, modules[m], channel, output, hole.Block);
                }

                if (channel == Channel.Web && !hole.Block)
                {
                    if (!InlineSlot.Fit(output, start, hole.Place, modules.Length == 1))
                    {
                        // A list or table within a line: the general path fails the recipient, saying where.
                        return false;
                    }
                }
                else if (channel == Channel.Text && hole.Place == SlotPlace.Inline)
                {
                    if (!FitInLine(context, state, modules))
                    {
                        return false;
                    }

                    var joined = InlineSlot.JoinText([output.ToString(start, output.Length - start)]);
                    output.Length = start;
                    output.Append(joined);
                }
                else if (channel == Channel.Text && ContinuationBefore(output, start) is { } continuation)
                {
                    var (continued, _) = InlineSlot.Continue(output.ToString(start, output.Length - start), continuation, dropBlank: true);
                    output.Length = start;
                    output.Append(continued);
                }
            }
            else if (!TryWriteValue(context, template, plan, hole, moduleId, output, ref written))
            {
                return false;
            }
        }

        output.Append(plan.Literals[^1]);
        return written <= context.Runtime.Options.Limits.MaxOutputLength;
    }

    private static bool TryWriteItems(RenderContext context, CompiledTemplate template, FragmentLoop loop, IList items, string? moduleId, StringBuilder output, ref long written)
    {
        var item = loop.Item;
        try
        {
            for (var n = 0; n < items.Count; n++)
            {
                // The general path checks the time budget at every step; past it, it fails the recipient.
                if (!context.WithinTimeBudget())
                {
                    return false;
                }

                if (n > 0)
                {
                    output.Append(loop.Separator);
                }

                context.BindLoopVariable(loop.Variable, items[n]);
                written += item.SourceLength;
                for (var j = 0; j < item.Holes.Length; j++)
                {
                    output.Append(item.Literals[j]);
                    if (!TryWriteValue(context, template, item, item.Holes[j], moduleId, output, ref written))
                    {
                        return false;
                    }
                }

                output.Append(item.Literals[^1]);
            }
        }
        finally
        {
            context.UnbindLoopVariable(loop.Variable);
        }

        return true;
    }

    private static bool TryWriteValue(RenderContext context, CompiledTemplate template, FragmentPlan plan, FragmentHole hole, string? moduleId, StringBuilder output, ref long written)
    {
        // Judge the value as it will be written: the reserved placeholder characters never are. One with half of a
        // surrogate pair is left to the general path, which fails the recipient saying why.
        if (TextEscaper.WithoutPlaceholdersIfWhole(context.EvaluateToText(hole, template, moduleId)) is not { } value || !IsPlainTextSafe(value, hole))
        {
            return false;
        }

        written += (long)value.Length * TextEscaper.MaxExpansion(plan.SourceMode, hole.Position);
        if (hole.Url && hole.Position == ValuePosition.UrlPart && plan.ValueMode == EscapeMode.HtmlText)
        {
            // Percent-encoded, as the general path writes it into the Markdown; web output then writes it as Markdig writes a URL.
            context.AppendUrl(output, TextEscaper.Escape(value, EscapeMode.Url));
            return true;
        }

        if (hole.Url && hole.Position != ValuePosition.UrlPart)
        {
            // The Markdown gives Markdig's link the value itself (its entities decoded), unless white space or a
            // control character ends the URL early; then it is no link, and the general path must say so. A scheme
            // data may not supply fails the recipient there too.
            if (HasSpaceOrControl(value) || TextEscaper.UnsafeScheme(value) is not null)
            {
                return false;
            }

            // Web output writes the URL as Markdig's HTML renderer does; text output writes it as it is.
            if (plan.ValueMode == EscapeMode.HtmlText)
            {
                context.AppendUrl(output, value);
            }
            else
            {
                output.Append(value);
            }

            return true;
        }

        // Elsewhere (text output of a URL's part, an html override's URL attributes), the value is escaped for its place as the general path does.
        return TextEscaper.Append(output, value, plan.ValueMode, hole.Position);
    }

    private static bool IsPlainTextSafe(string value, FragmentHole hole)
    {
        if (!hole.EmptySensitive && !hole.EdgeSensitive)
        {
            return true;
        }

        // A value of only white space (control characters are written as spaces) can leave a line blank,
        // which the text output reads as a paragraph break: where an empty value matters, so does it.
        if (IsBlank(value))
        {
            return !hole.EmptySensitive;
        }

        return !hole.EdgeSensitive || (char.IsLetterOrDigit(value[0]) && char.IsLetterOrDigit(value[^1]));
    }

    private static bool HasSpaceOrControl(string value)
    {
        foreach (var c in value)
        {
            if (TextEscaper.IsEdgeSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsBlank(string value)
    {
        foreach (var c in value)
        {
            if (!TextEscaper.IsEdgeSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Writes a module's output for the channel as <see cref="WriteModule"/> does; web output in another language than the
    /// text it stands in is marked so (<see cref="ModuleLanguage"/>), as a block of its own or within a line.
    /// </summary>
    private static void WriteMarkedModule(RenderContext context, DecisionState state, CompiledModule module, Channel channel, StringBuilder output, bool block)
    {
        if (channel != Channel.Web || !context.MarksLanguages || ModuleLanguage.ToMark(module, context.DocumentLanguage, context.EnclosingLanguage) is not { } language)
        {
            WriteModule(context, state, module, channel, output);
            return;
        }

        var start = output.Length;
        var enclosing = context.EnclosingLanguage;
        context.EnclosingLanguage = language;
        try
        {
            WriteModule(context, state, module, channel, output);
        }
        finally
        {
            context.EnclosingLanguage = enclosing;
        }

        if (block)
        {
            ModuleLanguage.MarkBlock(output, start, language);
        }
        else
        {
            ModuleLanguage.MarkInline(output, start, language);
        }
    }

    /// <summary>Writes a module's output for the channel, without trailing line breaks.</summary>
    private static void WriteModule(RenderContext context, DecisionState state, CompiledModule module, Channel channel, StringBuilder output)
    {
        var start = output.Length;
        var (template, plan) = channel switch
        {
            Channel.Web when module.StaticHtml is not null => (null, null),
            Channel.Web when module.Html is { } html => (html, html.WebPlan),
            Channel.Text when module.StaticText is not null => (null, null),
            Channel.Text when module.Text is { } text => (text, text.TextPlan),
            Channel.Web or Channel.Text => (module.Content, PlanFor(module.Content!, channel)),
            _ => (null, null),
        };

        if (template is null || plan is null || !TryWritePlan(context, state, template, plan, channel, module.Id, output))
        {
            // Any plan was tried just now: go straight to the general path rather than trying it again.
            output.Append(RenderModule(context, state, module, channel, tryPlan: false));
        }

        while (output.Length > start && output[^1] == '\n')
        {
            output.Length--;
        }

        if (context.NotesTextOf(module.Id) && !TextEscaper.ShowsNothing(output.ToString(start, output.Length - start), markup: channel != Channel.Text))
        {
            context.ModuleWroteText(module.Id);
        }
    }

    /// <summary>
    /// Renders a module for the channel by the general path (statics, overrides, then content); the content's
    /// precompiled plan is tried first unless <c>tryPlan</c> says the caller already tried it.
    /// </summary>
    private static string RenderModule(RenderContext context, DecisionState state, CompiledModule module, Channel channel, bool tryPlan = true)
    {
        if (channel == Channel.Print)
        {
            return RenderPrintMarkdown(context, state, module.Print ?? module.Content!, module.Id).Markdown;
        }

        if (channel == Channel.Web)
        {
            if (module.StaticHtml is { } staticHtml)
            {
                return staticHtml;
            }

            if (module.Html is { } html)
            {
                var placed = new List<string>();
                return Substitute(context, state, html, module.Id, context.Render(html, EscapeMode.Html, placed, module.Id), placed, channel, markdown: false, null);
            }
        }
        else
        {
            if (module.StaticText is { } staticText)
            {
                return staticText;
            }

            if (module.Text is { } text)
            {
                var placed = new List<string>();
                return Substitute(context, state, text, module.Id, context.Render(text, EscapeMode.Plain, placed, module.Id), placed, channel, markdown: false, null);
            }
        }

        // The loader guarantees every module has 'content'.
        return RenderMarkdownUnit(context, state, module.Content!, channel, module.Id, tryPlan);
    }

    /// <summary>
    /// Renders print Markdown (the message's body, or a module's <c>print</c> override, else its content): Markdown stays
    /// Markdown, as the print layout reads it whole, and each placed slot's modules are written in where the slot stands,
    /// as <see cref="Substitute"/> does for the other channels. Records where each module's output lands, so a print error
    /// can name the module that wrote a character (<see cref="PrintContent.ModuleAt(int)"/>): only print pays for it.
    /// </summary>
    /// <returns>The Markdown, and each module's range in it: those of the modules a module places before its own.</returns>
    private static (string Markdown, ModuleRange[] Modules) RenderPrintMarkdown(RenderContext context, DecisionState state, CompiledTemplate template, string? moduleId)
    {
        var placed = new List<string>();
        var markdown = context.Render(template, EscapeMode.Markdown, placed, moduleId);
        if (placed.Count == 0)
        {
            return (markdown, []);
        }

        // Every slot's modules first, in placeholder order, as the other channels render them: a recipient whose modules
        // fail gets the same error from each channel. Each slot's modules are joined by a blank line.
        var slots = new (string Markdown, List<ModuleRange> Modules)[placed.Count];
        for (var i = 0; i < placed.Count; i++)
        {
            var modules = state.Chosen[placed[i]];
            var joined = new StringBuilder();
            var ranges = new List<ModuleRange>();

            // A slot placed (in a variable) but not written: the slots its modules place are not written either.
            var noting = context.NotesWrittenSlots && !markdown.Contains(RenderContext.Placeholder(i), StringComparison.Ordinal) && context.PauseWrittenSlots();
            try
            {
                for (var m = 0; m < modules.Length; m++)
                {
                    if (m > 0)
                    {
                        joined.Append("\n\n");
                    }

                    var (output, inner) = RenderPrintMarkdown(context, state, modules[m].Print ?? modules[m].Content!, modules[m].Id);
                    var length = output.AsSpan().TrimEnd('\n').Length;
                    if (context.NotesTextOf(modules[m].Id) && !TextEscaper.ShowsNothing(output.AsSpan(0, length), markup: true))
                    {
                        context.ModuleWroteText(modules[m].Id);
                    }

                    var start = joined.Length;
                    joined.Append(output, 0, length);
                    foreach (var range in inner)
                    {
                        ranges.Add(range with { Start = range.Start + start });
                    }

                    ranges.Add(new ModuleRange(placed[i], modules[m].Id, start, length));
                }
            }
            finally
            {
                if (noting)
                {
                    context.ResumeWrittenSlots(noting);
                }
            }

            slots[i] = (joined.ToString(), ranges);
        }

        // Then each placeholder is replaced by its slot's modules (data never holds a placeholder's reserved marks).
        var builder = new StringBuilder(markdown.Length);
        var all = new List<ModuleRange>();
        var at = 0;
        string? html = null;
        var inHtml = 0;
        while (markdown.IndexOf(TextEscaper.PlaceholderStart, at) is var mark and >= 0)
        {
            var end = markdown.IndexOf(TextEscaper.PlaceholderEnd, mark);
            if (end < 0 || !int.TryParse(markdown.AsSpan(mark + 1, end - mark - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= slots.Length)
            {
                // Not one of this template's placeholders: written as it is, as the other channels leave it.
                builder.Append(markdown, at, mark + 1 - at);
                at = mark + 1;
                continue;
            }

            builder.Append(markdown, at, mark - at);
            context.SlotWritten(placed[index]);
            var offset = builder.Length;
            var place = SlotPlace.Flow;
            var token = markdown.Substring(mark, end + 1 - mark);
            if (inHtml >= 0 && (inHtml = (html ??= context.MarkdownToHtml(markdown)).IndexOf(token, inHtml, StringComparison.Ordinal)) >= 0)
            {
                place = InlineSlot.PlaceOf(html, inHtml, inHtml + token.Length, markdown: true);
                inHtml += token.Length;
            }

            if (place == SlotPlace.Inline && !FitInLine(context, state, state.Chosen[placed[index]]))
            {
                throw NoBlockInLine(state, template, moduleId, placed[index]);
            }

            // Within a line (a heading, a table cell), the modules' paragraphs are its words, as in web and text: each run of
            // white space with a line break becomes one space. Within a list item or a quote, the modules' lines after the
            // first go on within it, as web shows them. Each module's range moves with its text, through the map of its positions.
            var written = slots[index].Markdown;
            var (text, map) = place == SlotPlace.Inline ? JoinPrintLine(written)
                : ContinuationBefore(builder, offset) is { } continuation ? InlineSlot.Continue(written, continuation, dropBlank: false)
                : (written, (int[]?)null);
            builder.Append(text);
            foreach (var range in slots[index].Modules)
            {
                all.Add(map is null
                    ? range with { Start = range.Start + offset }
                    : range with { Start = offset + map[range.Start], Length = map[range.Start + range.Length] - map[range.Start] });
            }

            at = end + 1;
        }

        builder.Append(markdown, at, markdown.Length - at);
        return (builder.ToString(), [.. all]);
    }

    /// <summary>What the lines after the first of what is written at <paramref name="at"/> begin with, within the list item or quote its line starts (see <see cref="InlineSlot.ContinuationOf"/>).</summary>
    private static string? ContinuationBefore(StringBuilder output, int at)
    {
        var lineStart = at;
        while (lineStart > 0 && output[lineStart - 1] != '\n')
        {
            lineStart--;
        }

        return lineStart == at ? null : InlineSlot.ContinuationOf(output.ToString(lineStart, at - lineStart));
    }

    /// <summary>
    /// Writes modules' print Markdown as words within a line: each run of white space holding a line break becomes one
    /// space (leading and trailing ones go). Returns also where each position of <paramref name="markdown"/> (and its end) lands.
    /// </summary>
    private static (string Joined, int[] Map) JoinPrintLine(string markdown)
    {
        var map = new int[markdown.Length + 1];
        var joined = new StringBuilder(markdown.Length);
        var i = 0;
        while (i < markdown.Length)
        {
            if (char.IsWhiteSpace(markdown[i]))
            {
                var j = i;
                var lineBreak = false;
                while (j < markdown.Length && char.IsWhiteSpace(markdown[j]))
                {
                    lineBreak |= markdown[j] is '\n' or '\r';
                    j++;
                }

                var edge = i == 0 || j == markdown.Length;
                for (var k = i; k < j; k++)
                {
                    map[k] = joined.Length;
                }

                if (!lineBreak)
                {
                    for (var k = i; k < j; k++)
                    {
                        map[k] = joined.Length;
                        joined.Append(markdown[k]);
                    }
                }
                else if (!edge)
                {
                    joined.Append(' ');
                }

                i = j;
            }
            else
            {
                map[i++] = joined.Length;
                joined.Append(markdown[i - 1]);
            }
        }

        map[markdown.Length] = joined.Length;
        return (joined.ToString(), map);
    }

    /// <summary>
    /// Replaces each slot's placeholder in <paramref name="converted"/> (web HTML or text) by its modules, fitted to where
    /// the placeholder stands (<see cref="InlineSlot"/>); for text, <paramref name="html"/> is the same Markdown as HTML,
    /// which says where (null: every slot stands where blocks may). <paramref name="markdown"/>: whether the template is Markdown.
    /// </summary>
    private static string Substitute(RenderContext context, DecisionState state, CompiledTemplate template, string? moduleId, string converted, List<string> placed, Channel channel, bool markdown, string? html)
    {
        if (placed.Count == 0)
        {
            return converted;
        }

        var builder = new StringBuilder(converted);
        for (var i = 0; i < placed.Count; i++)
        {
            var modules = state.Chosen[placed[i]];
            var parts = new string[modules.Length];
            var languages = channel == Channel.Web && context.MarksLanguages ? new string?[modules.Length] : null;
            var token = RenderContext.Placeholder(i);

            // A slot placed (in a variable) but not written: its modules still render, for the same errors, but the slots
            // they place are not written either.
            var isWritten = context.NotesWrittenSlots && converted.Contains(token, StringComparison.Ordinal);
            var noting = context.NotesWrittenSlots && !isWritten && context.PauseWrittenSlots();
            try
            {
                for (var m = 0; m < modules.Length; m++)
                {
                    var enclosing = context.EnclosingLanguage;
                    if (languages is not null && (languages[m] = ModuleLanguage.ToMark(modules[m], context.DocumentLanguage, enclosing)) is { } language)
                    {
                        context.EnclosingLanguage = language;
                    }

                    try
                    {
                        parts[m] = RenderModule(context, state, modules[m], channel).TrimEnd('\n');
                    }
                    finally
                    {
                        context.EnclosingLanguage = enclosing;
                    }

                    if (context.NotesTextOf(modules[m].Id) && !TextEscaper.ShowsNothing(parts[m], markup: channel != Channel.Text))
                    {
                        context.ModuleWroteText(modules[m].Id);
                    }
                }
            }
            finally
            {
                if (noting)
                {
                    context.ResumeWrittenSlots(noting);
                }
            }

            if (isWritten)
            {
                context.SlotWritten(placed[i]);
            }

            if (channel == Channel.Web)
            {
                // Data can never hold a placeholder, so the converted text says where each one stands: alone in a
                // paragraph, or within a line. One slot written twice through a variable may stand at both.
                var content = string.Join("\n", Marked(parts, languages, block: true));
                builder.Replace($"<p>{token}</p>", content);
                content = string.Join("\n", Marked(parts, languages, block: false));
                var written = builder.ToString();
                builder.Clear();
                var at = 0;
                for (var found = written.IndexOf(token, StringComparison.Ordinal); found >= 0; found = written.IndexOf(token, at, StringComparison.Ordinal))
                {
                    builder.Append(written, at, found - at);
                    var start = builder.Length;
                    builder.Append(content);
                    at = found + token.Length;
                    if (!InlineSlot.Fit(builder, start, InlineSlot.PlaceOf(written, found, at, markdown), parts.Length == 1))
                    {
                        throw NoBlockInLine(state, template, moduleId, placed[i]);
                    }
                }

                builder.Append(written, at, written.Length - at);
            }
            else
            {
                var written = builder.ToString();
                builder.Clear();
                var at = 0;
                var inHtml = 0;
                for (var found = written.IndexOf(token, StringComparison.Ordinal); found >= 0; found = written.IndexOf(token, at, StringComparison.Ordinal))
                {
                    builder.Append(written, at, found - at);
                    at = found + token.Length;
                    var place = SlotPlace.Flow;
                    if (html is not null && inHtml >= 0 && (inHtml = html.IndexOf(token, inHtml, StringComparison.Ordinal)) >= 0)
                    {
                        place = InlineSlot.PlaceOf(html, inHtml, inHtml + token.Length, markdown: true);
                        inHtml += token.Length;
                    }

                    if (place == SlotPlace.Inline && !FitInLine(context, state, modules))
                    {
                        throw NoBlockInLine(state, template, moduleId, placed[i]);
                    }

                    if (place == SlotPlace.Inline)
                    {
                        builder.Append(InlineSlot.JoinText(parts));
                    }
                    else if (ContinuationBefore(builder, builder.Length) is { } continuation)
                    {
                        // Within a list item or a quote, the modules' lines after the first go on within it.
                        builder.Append(InlineSlot.Continue(string.Join("\n\n", parts), continuation, dropBlank: true).Text);
                    }
                    else
                    {
                        builder.Append(string.Join("\n\n", parts));
                    }
                }

                builder.Append(written, at, written.Length - at);
            }
        }

        return channel == Channel.Text ? PlainTextRenderer.Normalize(builder) : builder.ToString();
    }

    /// <summary>Each module's web HTML marked with its language where it differs (<see cref="ModuleLanguage"/>): as a block of its own, or within a line.</summary>
    private static string[] Marked(string[] parts, string?[]? languages, bool block)
    {
        if (languages is null || Array.TrueForAll(languages, static l => l is null))
        {
            return parts;
        }

        var marked = new string[parts.Length];
        for (var m = 0; m < parts.Length; m++)
        {
            if (languages[m] is not { } language)
            {
                marked[m] = parts[m];
                continue;
            }

            var output = new StringBuilder(parts[m]);
            if (block)
            {
                ModuleLanguage.MarkBlock(output, 0, language);
            }
            else
            {
                ModuleLanguage.MarkInline(output, 0, language);
            }

            marked[m] = output.ToString();
        }

        return marked;
    }

    /// <summary>
    /// Whether the modules can be written within a line, as web output writes them there: their HTML holds paragraphs and
    /// words only, no list, table or heading (text and print, which cannot tell from their own output, fail the recipient
    /// as web does).
    /// </summary>
    private static bool FitInLine(RenderContext context, DecisionState state, CompiledModule[] modules)
    {
        // Only judged by the HTML: the slots its modules' html overrides place are not written into text or print.
        var noting = context.PauseWrittenSlots();
        try
        {
            foreach (var module in modules)
            {
                var html = new StringBuilder();
                WriteModule(context, state, module, Channel.Web, html);
                if (InlineSlot.JoinInline(html.ToString()) is null)
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            context.ResumeWrittenSlots(noting);
        }
    }

    /// <summary>The failure of a slot whose modules hold a list, a table or another block where it stands within a line.</summary>
    private static RecipientException NoBlockInLine(DecisionState state, CompiledTemplate template, string? moduleId, string slotId) =>
        new(state.Recipient.Id, state.MessageId, moduleId, Array.Find(template.Slots, s => s.Id == slotId)?.Location ?? template.Origin.Map(0, 0),
            $"slot '{slotId}' stands within a line (a heading, a link's text, emphasis, or a table cell or list item shared with other text), where its modules' paragraphs are written as words, but a module chosen for it writes a list, a table, a heading or another block, which cannot stand within a line. Place the slot on a line of its own, or give the module a one-paragraph 'html' override.");

    /// <summary>Where a module's output stands in print Markdown.</summary>
    private readonly record struct ModuleRange(string SlotId, string ModuleId, int Start, int Length);
}
