using System.Globalization;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;

namespace OneToOne.Composition.Compilation;

/// <summary>
/// Compiles the governance keys onto the compiled modules and messages: effective dates, approval status,
/// locale variants (each a full module with the same id, condition and slots) and required modules.
/// </summary>
internal sealed class GovernanceCompiler(DiagnosticBag diagnostics, ScriptCompiler scripts)
{
    public void Compile(CatalogDocument document, Dictionary<string, CompiledModule> modules, List<CompiledMessage> messages)
    {
        foreach (var (id, governance) in document.ModuleGovernance)
        {
            if (modules.TryGetValue(id, out var module))
            {
                CompileModule(module, governance);
            }
        }

        var definitions = document.Messages.ToDictionary(static m => m.Id, StringComparer.Ordinal);
        foreach (var message in messages)
        {
            message.Location = definitions[message.Id].Location;
            if (document.MessageGovernance.TryGetValue(message.Id, out var governance))
            {
                CompileMessage(message, governance, modules);
            }
        }
    }

    private void CompileModule(CompiledModule module, GovernanceDefinition governance)
    {
        module.IsDraft = governance.IsDraft;
        module.Active = Window(governance);
        if (governance.Locales.Count == 0)
        {
            return;
        }

        // Each variant's own texts first: a text it leaves out comes from the nearest variant it falls back to (de-AT's
        // from de), and only then from the module's own, as a whole variant does; a variant's content is its text for
        // each channel it gives no text of its own for.
        var own = new Dictionary<string, OwnTexts>(StringComparer.OrdinalIgnoreCase);
        foreach (var locale in governance.Locales)
        {
            var what = $"locale '{locale.Culture}' of module '{module.Id}'";
            own[locale.Culture] = new OwnTexts(
                Template(locale.Content, $"'content' of {what}", TemplateMarkup.Markdown, locale.Culture),
                Template(locale.Html, $"'html' of {what}", TemplateMarkup.Html, locale.Culture),
                Template(locale.Text, $"'text' of {what}", TemplateMarkup.Text, locale.Culture),
                Template(locale.Print, $"'print' of {what}", TemplateMarkup.Markdown, locale.Culture));
        }

        var variants = new Dictionary<string, CompiledModule>(StringComparer.OrdinalIgnoreCase);
        foreach (var locale in governance.Locales)
        {
            var what = $"locale '{locale.Culture}' of module '{module.Id}'";
            var chain = FallbackChain(locale.Culture).Select(c => own.GetValueOrDefault(c)).OfType<OwnTexts>()
                .Append(new OwnTexts(module.Content, module.Html, module.Text, module.Print)).ToList();
            var web = chain.FirstOrDefault(static t => t.Html is not null || t.Content is not null);
            var variant = new CompiledModule
            {
                Id = module.Id,
                Index = module.Index,
                Location = locale.Location,
                Condition = module.Condition,
                // A channel's text comes from the nearest that gives it or content: content stands for every channel
                // it has no text of its own for, so de-AT's content wins over de's html (and de's over the module's).
                Content = chain.Select(static t => t.Content).FirstOrDefault(static t => t is not null),
                Html = web?.Html,
                Text = chain.FirstOrDefault(static t => t.Text is not null || t.Content is not null)?.Text,
                Print = chain.FirstOrDefault(static t => t.Print is not null || t.Content is not null)?.Print,
                Tags = module.Tags,
                Priority = module.Priority,
                Culture = locale.Culture,
                // A variant's own text (or de's for de-AT) is in the recipient's language, which the message then declares
                // (TextLanguage): null, as the document's. Web text the variant takes from the module is in the module's lang:.
                Language = ReferenceEquals(web, chain[^1]) ? module.Language : null,
                Active = module.Active,
                IsDraft = module.IsDraft,
            };

            // A variant translates; it must not change the message's structure, so deciding stays locale-independent.
            var expected = string.Join(", ", module.SlotUses.Select(static u => u.Id));
            var actual = string.Join(", ", variant.SlotUses.Select(static u => u.Id));
            if (expected != actual)
            {
                diagnostics.Error(DiagnosticCodes.LocaleSlotsDiffer, locale.Location,
                    $"The {what} places the slots [{actual}], but the module places [{expected}]. A locale variant translates the texts and must place the same slots in the same order.");
                continue;
            }

            variants.Add(locale.Culture, variant);
        }

        module.LocaleVariants = variants;
    }

    /// <summary>A culture's name and its parents' (<c>de-AT</c>, <c>de</c>), as a recipient's culture falls back at render.</summary>
    private static IEnumerable<string> FallbackChain(string name)
    {
        CultureInfo? culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            culture = null;
        }

        if (culture is null)
        {
            yield return name;
            yield break;
        }

        for (var c = culture; c.Name.Length > 0; c = c.Parent)
        {
            yield return c.Name;
        }
    }

    private void CompileMessage(CompiledMessage message, GovernanceDefinition governance, Dictionary<string, CompiledModule> modules)
    {
        message.IsDraft = governance.IsDraft;
        message.Active = Window(governance);
        var subjects = new Dictionary<string, CompiledTemplate>(StringComparer.OrdinalIgnoreCase);
        var preheaders = new Dictionary<string, CompiledTemplate>(StringComparer.OrdinalIgnoreCase);
        foreach (var locale in governance.Locales)
        {
            if (Template(locale.Subject, $"'subject' of locale '{locale.Culture}' of message '{message.Id}'", culture: locale.Culture) is { } subject)
            {
                subjects.Add(locale.Culture, subject);
            }

            if (Template(locale.Preheader, $"'preheader' of locale '{locale.Culture}' of message '{message.Id}'", culture: locale.Culture) is { } preheader)
            {
                preheaders.Add(locale.Culture, preheader);
            }
        }

        message.SubjectVariants = subjects;
        message.PreheaderVariants = preheaders;

        var required = new List<CompiledRequirement>();
        foreach (var requirement in governance.Required)
        {
            var ids = new List<string>();
            foreach (var reference in requirement.AnyOf)
            {
                if (modules.ContainsKey(reference.Id))
                {
                    ids.Add(reference.Id);
                }
                else
                {
                    diagnostics.Undefined(DiagnosticCodes.UndefinedModule, reference.Location,
                        $"'required' of message '{message.Id}' names module '{reference.Id}', which is not defined.{Suggest.DidYouMean(reference.Id, modules.Keys)} Define it under 'modules:' or fix the id.");
                }
            }

            if (ids.Count == requirement.AnyOf.Count)
            {
                required.Add(new CompiledRequirement(ids, requirement.Location));
            }
        }

        message.Required = required;
    }

    private static ActiveWindow? Window(GovernanceDefinition governance) =>
        governance.ActiveLocation is { } location && (governance.ActiveFrom is not null || governance.ActiveUntil is not null)
            ? new ActiveWindow(governance.ActiveFrom, governance.ActiveUntil, location)
            : null;

    private CompiledTemplate? Template(SourceText? source, string what, TemplateMarkup markup = TemplateMarkup.None, string? culture = null) =>
        source is null ? null : scripts.CompileTemplate(source, what, markup: markup, culture: culture);

    /// <summary>The texts a locale variant gives itself; null where it leaves one out.</summary>
    private sealed record OwnTexts(CompiledTemplate? Content, CompiledTemplate? Html, CompiledTemplate? Text, CompiledTemplate? Print);
}
