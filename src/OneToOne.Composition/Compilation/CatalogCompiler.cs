using Markdig.Syntax;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Validates a <see cref="CatalogDocument"/> as a whole (references, cycles, templates, conditions) and
/// compiles it. Reports every problem; produces a model only when there is no error.
/// </summary>
internal sealed partial class CatalogCompiler(DiagnosticBag diagnostics, bool compileConditions)
{
    private static readonly Markdig.MarkdownPipeline PreciseLocations = Markdig.MarkdownExtensions.UsePreciseSourceLocation(new Markdig.MarkdownPipelineBuilder()).Build();

    private readonly ScriptCompiler _scripts = new(diagnostics);

    public CompiledCatalogModel? Compile(CatalogDocument document)
    {
        if (document.Name is null && !diagnostics.IdsUnknown)
        {
            var file = document.Files.Count > 0 ? document.Files[0] : "catalog.yaml";
            diagnostics.Error(DiagnosticCodes.MissingKey, new SourceLocation(file, 1, 1),
                "The catalog has no name. Add 'catalog: my-campaign' at the top of one of its files.");
        }

        _scripts.DefaultLocale = document.Locale;
        var segments = CompileSegments(document.Segments);
        var modules = CompileModules(document.Modules);
        var slots = CompileSlots(document.Slots, modules);
        var messages = CompileMessages(document.Messages);
        var decisioning = CompileDecisioning(document, segments, modules, slots, messages);
        new GovernanceCompiler(diagnostics, _scripts).Compile(document, modules, messages);

        CheckSlotUses(modules.Values, messages, slots);
        CheckImages([.. document.Modules, .. document.LocaleVariantModules()], document.NamedFiles);
        AccessibilityCheck.Check(document, diagnostics);
        CheckSegmentReferences(segments, document.Segments);
        CheckSlotCycles(slots);
        CheckSegmentCycles(segments);

        if (diagnostics.HasErrors)
        {
            return null;
        }

        var fields = new FieldTable();
        var conditions = segments.Values.Select(static s => s.Condition)
            .Concat(modules.Values.Select(static m => m.Condition))
            .Concat(messages.Select(static m => m.Suppress));
        foreach (var condition in conditions)
        {
            if (compileConditions && condition is not null)
            {
                condition.Compiled = ConditionNode.Compile(condition.Expression, segments, fields);
            }
        }

        CompileDecisioningConditions(decisioning, segments, fields);
        if (compileConditions)
        {
            foreach (var slot in slots.Values)
            {
                slot.EqualityRuns = EqualityRun.Find(slot, slot.Pick == SlotPick.Best ? slot.Ranked : null);
            }
        }

        return new CompiledCatalogModel(document.Name!, document.Locale, segments, [.. modules.Values], slots, messages, fields) { Experiments = decisioning.Experiments };
    }

    private Dictionary<string, CompiledSegment> CompileSegments(List<SegmentDefinition> definitions)
    {
        var segments = new Dictionary<string, CompiledSegment>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (definition.Id.Contains('-', StringComparison.Ordinal))
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, definition.Location,
                    $"The segment id '{definition.Id}' contains '-', which a condition would read as a minus in 'segment.{definition.Id}'. Use '_' instead: '{definition.Id.Replace('-', '_')}'.");
                continue;
            }

            if (_scripts.CompileCondition(definition.Condition, $"segment '{definition.Id}'") is { } condition)
            {
                segments.Add(definition.Id, new CompiledSegment(definition.Id, segments.Count, condition));
            }
        }

        return segments;
    }

    private Dictionary<string, CompiledModule> CompileModules(List<ModuleDefinition> definitions)
    {
        var modules = new Dictionary<string, CompiledModule>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var what = $"module '{definition.Id}'";
            var condition = definition.When is null ? null : _scripts.CompileCondition(definition.When, $"'when' of {what}");
            modules.Add(definition.Id, new CompiledModule
            {
                Id = definition.Id,
                Index = modules.Count,
                Location = definition.Location,
                Condition = condition,
                Content = Template(definition.Content, $"'content' of {what}", TemplateMarkup.Markdown, definition.Language),
                Html = Template(definition.Html, $"'html' of {what}", TemplateMarkup.Html, definition.Language),
                Text = Template(definition.Text, $"'text' of {what}", TemplateMarkup.Text, definition.Language),
                Print = Template(definition.Print, $"'print' of {what}", TemplateMarkup.Markdown, definition.Language),
                Tags = definition.Tags,
                Priority = definition.Priority,
                Language = definition.Language,
            });
        }

        return modules;
    }

    private Dictionary<string, CompiledSlot> CompileSlots(List<SlotDefinition> definitions, Dictionary<string, CompiledModule> modules)
    {
        var slots = new Dictionary<string, CompiledSlot>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var candidates = new List<CompiledModule>();
            foreach (var reference in definition.From)
            {
                if (ResolveModule(reference, modules, $"slot '{definition.Id}'") is { } module)
                {
                    if (candidates.Contains(module))
                    {
                        diagnostics.Error(DiagnosticCodes.DuplicateId, reference.Location,
                            $"Module '{reference.Id}' is listed twice in the 'from' of slot '{definition.Id}'. Remove one of them.");
                        continue;
                    }

                    candidates.Add(module);
                }
            }

            if (definition.Tag is { } tag)
            {
                foreach (var module in modules.Values)
                {
                    if (module.Tags.Contains(tag.Id, StringComparer.Ordinal))
                    {
                        candidates.Add(module);
                    }
                }

                if (candidates.Count == 0 && !diagnostics.IdsUnknown)
                {
                    var allTags = modules.Values.SelectMany(static m => m.Tags).Distinct(StringComparer.Ordinal);
                    diagnostics.Warning(DiagnosticCodes.EmptyTagQuery, tag.Location,
                        $"No module has the tag '{tag.Id}', so slot '{definition.Id}' can only use its fallback.{Suggest.DidYouMean(tag.Id, allTags)}");
                }
            }

            var fallback = definition.Fallback is { } f ? ResolveModule(f, modules, $"the fallback of slot '{definition.Id}'") : null;
            slots.Add(definition.Id, new CompiledSlot
            {
                Id = definition.Id,
                Pick = definition.Pick,
                Count = definition.Pick == SlotPick.All ? definition.Count ?? int.MaxValue : definition.Count ?? 1,
                Candidates = [.. candidates],
                Fallback = fallback,
            });
        }

        return slots;
    }

    private List<CompiledMessage> CompileMessages(List<MessageDefinition> definitions)
    {
        var messages = new List<CompiledMessage>();
        foreach (var definition in definitions)
        {
            var what = $"message '{definition.Id}'";
            var subject = Template(definition.Subject, $"'subject' of {what}");
            var body = Template(definition.Body, $"'body' of {what}", TemplateMarkup.Markdown);
            var suppress = definition.SuppressWhen is null ? null : _scripts.CompileCondition(definition.SuppressWhen, $"'suppress' condition of {what}");
            var email = definition.Email is { } e ? new CompiledEmail
            {
                From = e.From,
                ReplyTo = e.ReplyTo,
                ToField = e.ToField,
                ToName = Template(e.ToName, $"'email: to-name' of {what}"),
                Preheader = Template(e.Preheader, $"'email: preheader' of {what}"),
                Layout = e.Layout is null ? null : _scripts.CompileTemplate(e.Layout, $"'email: layout' of {what}", "content", TemplateMarkup.Html),
                Unsubscribe = Template(e.Unsubscribe, $"'email: unsubscribe' of {what}"),
            } : null;
            var webLayout = definition.WebLayout is null ? null : _scripts.CompileTemplate(definition.WebLayout, $"'web: layout' of {what}", "content", TemplateMarkup.Html);
            var print = definition.Print is { } p ? new CompiledPrint { Definition = p, Address = Template(p.Address, $"'print: address' of {what}") } : null;
            if (body is not null)
            {
                messages.Add(new CompiledMessage
                {
                    Email = email,
                    WebLayout = webLayout,
                    Print = print,
                    BaseDirectory = Path.GetDirectoryName(Path.GetFullPath(definition.Location.File)) ?? ".",
                    Id = definition.Id,
                    Subject = subject,
                    Body = body,
                    Suppress = suppress,
                    SuppressReason = definition.SuppressReason ?? (suppress is null ? null : $"suppress rule: {suppress.Text}"),
                });
            }
        }

        return messages;
    }

    private CompiledTemplate? Template(SourceText? source, string what, TemplateMarkup markup = TemplateMarkup.None, string? language = null) =>
        source is null ? null : _scripts.CompileTemplate(source, what, markup: markup, language: language);

    private CompiledModule? ResolveModule(IdReference reference, Dictionary<string, CompiledModule> modules, string where)
    {
        if (modules.TryGetValue(reference.Id, out var module))
        {
            return module;
        }

        diagnostics.Undefined(DiagnosticCodes.UndefinedModule, reference.Location,
            $"{char.ToUpperInvariant(where[0])}{where[1..]} names module '{reference.Id}', which is not defined.{Suggest.DidYouMean(reference.Id, modules.Keys)} Define it under 'modules:' or fix the id.");
        return null;
    }

    private void CheckSlotUses(IEnumerable<CompiledModule> modules, List<CompiledMessage> messages, Dictionary<string, CompiledSlot> slots)
    {
        var uses = modules.SelectMany(static m => m.SlotUses).Concat(messages.SelectMany(static m => m.Body.Slots));
        foreach (var message in messages)
        {
            // A locale's subject and preheader too (compiled by the governance compiler before this): rendering refuses a slot in any.
            var oneLiners = new[] { message.Subject, message.Email?.ToName, message.Email?.Preheader, message.Email?.Layout, message.Email?.Unsubscribe, message.WebLayout, message.Print?.Address }
                .Concat(message.LocaleTemplates);
            foreach (var use in oneLiners.Where(static t => t is not null).SelectMany(static t => t!.Slots))
            {
                diagnostics.Error(DiagnosticCodes.InvalidSlotCall, use.Location,
                    $"'slot \"{use.Id}\"' can only be placed in a message's 'body' or a module's content; subjects, email settings and layouts take the rendered message as {{{{ content }}}}.");
            }
        }

        foreach (var use in uses)
        {
            if (!slots.ContainsKey(use.Id))
            {
                diagnostics.Undefined(DiagnosticCodes.UndefinedSlot, use.Location,
                    $"'slot \"{use.Id}\"' names a slot that is not defined.{Suggest.DidYouMean(use.Id, slots.Keys)} Define it under 'slots:' or fix the id.");
            }
        }
    }

    /// <summary>Images with a fixed relative path must exist next to the catalog (print embeds them).</summary>
    /// <param name="modules">The modules whose Markdown shows images.</param>
    /// <param name="named">Receives the path of each image inside the catalog's folder that was looked for (watched by <see cref="CatalogMonitor"/>).</param>
    private void CheckImages(List<ModuleDefinition> modules, SortedSet<string> named)
    {
        foreach (var module in modules)
        {
            foreach (var source in new[] { module.Content, module.Print })
            {
                if (source is null || !source.Text.Contains("![", StringComparison.Ordinal))
                {
                    continue;
                }

                MarkdownDocument document;
                try
                {
                    document = Markdig.Markdown.Parse(source.Text, PreciseLocations);
                }
                catch (ArgumentException)
                {
                    // Markdown nested deeper than Markdig reads: the template's compile reported it.
                    continue;
                }

                foreach (var image in document.Descendants<Markdig.Syntax.Inlines.LinkInline>())
                {
                    var url = image.Url;
                    // Remote images (http, https, data…, and protocol-relative '//cdn…', which .NET reads as a UNC file path)
                    // are never fetched; file paths, relative or absolute, must exist.
                    var remote = (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !uri.IsFile) || UriScheme.IsProtocolRelative(url);
                    if (!image.IsImage || string.IsNullOrEmpty(url) || url.Contains("{{", StringComparison.Ordinal) || remote)
                    {
                        continue;
                    }

                    // Percent-escapes decoded, as a browser and the print layout find the file ('my%20logo.png').
                    var file = Uri.UnescapeDataString(url);
                    if (file.Contains('\0', StringComparison.Ordinal))
                    {
                        diagnostics.Error(DiagnosticCodes.MissingFile, source.Origin.Map(image.Line, image.Column),
                            $"Module '{module.Id}' shows the image '{url}', whose path holds a null character ('%00' or '\\0'), which no file name can. Give the image's file path, relative to the catalog file.");
                        continue;
                    }

                    var folder = Path.GetDirectoryName(Path.GetFullPath(source.Location.File)) ?? ".";
                    var path = Path.GetFullPath(Path.Combine(folder, file));
                    var inside = FileType.IsInsideByName(folder, path);
                    if (inside)
                    {
                        // Also when it leads out through a link: the link may be replaced by the image itself.
                        named.Add(path);
                    }

                    if (!inside || FileType.LeavesFolder(folder, path))
                    {
                        // Print reads images only from inside the catalog's folder (recipients' values are in the Markdown it reads).
                        // Whether the file exists is not asked first: through a linked folder ('shared -> /srv') the answer told
                        // whether a file outside the catalog exists.
                        diagnostics.Error(DiagnosticCodes.MissingFile, source.Origin.Map(image.Line, image.Column),
                            $"Module '{module.Id}' shows the image '{url}', which is outside the catalog's folder ({path}{(inside ? ", through a symbolic link" : string.Empty)}); print would reject every recipient. Copy the image into the catalog's folder and give its path from there.");
                    }
                    else if (!File.Exists(path))
                    {
                        diagnostics.Error(DiagnosticCodes.MissingFile, source.Origin.Map(image.Line, image.Column),
                            $"Module '{module.Id}' shows the image '{url}', which does not exist (looked for {path}). Image paths are relative to the catalog file.{FilePathHint.For(folder, file)}");
                    }
                    else if (FileKind.ImageProblem(path) is { } problem)
                    {
                        diagnostics.Error(DiagnosticCodes.WrongFileKind, source.Origin.Map(image.Line, image.Column),
                            $"Module '{module.Id}' shows the image '{url}' ({path}), which {problem}");
                    }
                }
            }
        }
    }

    private void CheckSegmentReferences(Dictionary<string, CompiledSegment> segments, List<SegmentDefinition> definitions)
    {
        // A segment that is defined but did not compile has its own error already: its uses are not "not defined" too.
        var defined = definitions.Select(static d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var (segment, location) in _scripts.SegmentReferences)
        {
            if (!segments.ContainsKey(segment) && !defined.Contains(segment))
            {
                diagnostics.Undefined(DiagnosticCodes.UndefinedSegment, location,
                    $"'segment.{segment}' names a segment that is not defined.{Suggest.DidYouMean(segment, segments.Keys)} Define it under 'segments:' or fix the name.");
            }
        }
    }

    private void CheckSlotCycles(Dictionary<string, CompiledSlot> slots)
    {
        // A slot must not be reachable from itself through the modules it may choose.
        foreach (var start in slots.Values)
        {
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<(CompiledSlot Slot, string Path)>();
            stack.Push((start, start.Id));
            while (stack.Count > 0)
            {
                var (slot, path) = stack.Pop();
                foreach (var module in slot.Candidates.Append(slot.Fallback))
                {
                    if (module is null)
                    {
                        continue;
                    }

                    foreach (var use in module.SlotUses)
                    {
                        var next = $"{path} → module '{module.Id}' → slot '{use.Id}'";
                        if (use.Id == start.Id)
                        {
                            diagnostics.Error(DiagnosticCodes.Cycle, use.Location,
                                $"Slot '{start.Id}' contains itself: {next}. A module must not place a slot that can choose it.");
                        }
                        else if (visited.Add(use.Id) && slots.TryGetValue(use.Id, out var inner))
                        {
                            stack.Push((inner, next));
                        }
                    }
                }
            }
        }
    }

    private void CheckSegmentCycles(Dictionary<string, CompiledSegment> segments)
    {
        foreach (var start in segments.Values)
        {
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<CompiledSegment>();
            stack.Push(start);
            while (stack.Count > 0)
            {
                foreach (var reference in stack.Pop().Condition.Segments)
                {
                    if (reference == start.Id)
                    {
                        diagnostics.Error(DiagnosticCodes.Cycle, start.Condition.Location,
                            $"Segment '{start.Id}' depends on itself through 'segment.{reference}'. Write the condition out instead of referring back to it.");
                        break;
                    }

                    if (visited.Add(reference) && segments.TryGetValue(reference, out var next))
                    {
                        stack.Push(next);
                    }
                }
            }
        }
    }
}

/// <summary>The validated, compiled parts of a catalog, before the runtime wraps them.</summary>
internal sealed record CompiledCatalogModel(
    string Name,
    string? Locale,
    Dictionary<string, CompiledSegment> Segments,
    CompiledModule[] Modules,
    Dictionary<string, CompiledSlot> Slots,
    List<CompiledMessage> Messages,
    FieldTable Fields)
{
    /// <summary>Gets the experiments by id, in catalog order.</summary>
    public IReadOnlyDictionary<string, CompiledExperiment> Experiments { get; init; } = new Dictionary<string, CompiledExperiment>();
}
