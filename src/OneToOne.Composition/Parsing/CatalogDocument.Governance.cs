using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Parsing;

/// <summary>The governance keys of a module or message: effective dates, approval status, locale variants, required modules.</summary>
/// <param name="OwnerId">The module or message id.</param>
internal sealed class GovernanceDefinition(string OwnerId)
{
    public string OwnerId { get; } = OwnerId;

    /// <summary>Gets or sets the first instant the owner is active (inclusive), or null for "always was".</summary>
    public DateTimeOffset? ActiveFrom { get; set; }

    /// <summary>Gets or sets the instant the owner stops being active (exclusive), or null for "never ends".</summary>
    public DateTimeOffset? ActiveUntil { get; set; }

    public SourceLocation? ActiveLocation { get; set; }

    /// <summary>Gets or sets whether <c>status: draft</c> was written (absent means approved).</summary>
    public bool IsDraft { get; set; }

    public SourceLocation? StatusLocation { get; set; }

    public List<LocaleVariantDefinition> Locales { get; } = [];

    public List<RequiredDefinition> Required { get; } = [];
}

/// <summary>One entry of <c>locales:</c>: the texts that replace the default ones for a culture.</summary>
/// <param name="Culture">The culture name as .NET spells it (<c>de-AT</c>).</param>
/// <param name="Location">Where the locale key is written.</param>
/// <param name="Content">The Markdown content, or null to keep the default.</param>
/// <param name="Html">The HTML override, or null.</param>
/// <param name="Text">The plain-text override, or null.</param>
/// <param name="Print">The print override, or null.</param>
/// <param name="Subject">A message's subject, or null.</param>
/// <param name="Preheader">A message's email preheader, or null.</param>
internal sealed record LocaleVariantDefinition(string Culture, SourceLocation Location, SourceText? Content, SourceText? Html, SourceText? Text, SourceText? Print, SourceText? Subject, SourceText? Preheader);

/// <summary>One entry of a message's <c>required:</c>: a module, or a group of which at least one must be in every reachable message.</summary>
/// <param name="Location">Where the entry is written.</param>
/// <param name="AnyOf">The module ids; one is enough.</param>
internal sealed record RequiredDefinition(SourceLocation Location, IReadOnlyList<IdReference> AnyOf);

/// <content>Governance definitions, keyed by module or message id.</content>
internal sealed partial class CatalogDocument
{
    public Dictionary<string, GovernanceDefinition> ModuleGovernance { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, GovernanceDefinition> MessageGovernance { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets the governance entry of a module or message, creating it on first use.</summary>
    public GovernanceDefinition GovernanceOf(bool module, YamlScalar key)
    {
        var table = module ? ModuleGovernance : MessageGovernance;
        if (!table.TryGetValue(key.Value, out var governance))
        {
            governance = new GovernanceDefinition(key.Value);
            table.Add(key.Value, governance);
        }

        return governance;
    }

    /// <summary>Each module's locale variants as module definitions (same id), so checks of module texts, such as image paths, cover them too.</summary>
    public IEnumerable<ModuleDefinition> LocaleVariantModules() =>
        ModuleGovernance.Values.SelectMany(static g => g.Locales.Select(l => new ModuleDefinition(g.OwnerId, l.Location, null, l.Content, l.Html, l.Text, l.Print, [], 0)));
}
