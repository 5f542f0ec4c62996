using System.Globalization;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Compilation;

/// <summary>When a module or message is in force: from <see cref="From"/> (inclusive) until <see cref="Until"/> (exclusive).</summary>
/// <param name="From">The first active instant, or null.</param>
/// <param name="Until">The first instant no longer active, or null.</param>
/// <param name="Location">Where <c>active:</c> is written.</param>
internal sealed record ActiveWindow(DateTimeOffset? From, DateTimeOffset? Until, SourceLocation Location)
{
    public bool IsActiveAt(DateTimeOffset now) => (From is not { } from || now >= from) && (Until is not { } until || now < until);

    /// <summary>Says when the window is open ("active from 2026-12-01 until 2027-01-01, not at this instant").</summary>
    public string Describe() => (From, Until) switch
    {
        ({ } from, { } until) => $"active from {Format(from)} until {Format(until)}, not at this instant",
        ({ } from, null) => $"active from {Format(from)}, not yet at this instant",
        _ => $"active until {Format(Until!.Value)}, expired at this instant",
    };

    private static string Format(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return utc.TimeOfDay == TimeSpan.Zero
            ? utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
    }
}

/// <summary>A compiled entry of a message's <c>required:</c>: at least one of <see cref="ModuleIds"/> must be in every reachable message.</summary>
/// <param name="ModuleIds">The module ids.</param>
/// <param name="Location">Where the entry is written.</param>
internal sealed record CompiledRequirement(IReadOnlyList<string> ModuleIds, SourceLocation Location)
{
    public string Describe() => ModuleIds.Count == 1 ? $"module '{ModuleIds[0]}'" : $"one of the modules {string.Join(", ", ModuleIds.Select(static m => $"'{m}'"))}";
}

/// <content>Governance: effective dates, approval status and locale variants.</content>
internal sealed partial class CompiledModule
{
    private static readonly Dictionary<string, CompiledModule> NoVariants = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets when the module may be chosen, or null for always.</summary>
    public ActiveWindow? Active { get; set; }

    /// <summary>Gets or sets whether the module is <c>status: draft</c>.</summary>
    public bool IsDraft { get; set; }

    /// <summary>Gets the culture this variant is for, or null for the module's default texts.</summary>
    public string? Culture { get; init; }

    /// <summary>
    /// Gets the language of the module's web HTML as a BCP 47 tag: the module's <c>lang:</c>; null when it gives none, or
    /// for a locale variant that writes its own web text (<c>html</c>, else <c>content</c>), which is in the recipient's
    /// language: null is read as the document's language (<see cref="Rendering.ModuleLanguage"/>).
    /// </summary>
    public string? Language { get; init; }

    /// <summary>Gets or sets the module's locale variants by culture name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, CompiledModule> LocaleVariants { get; set; } = NoVariants;

    /// <summary>Picks the texts for a culture: the variant for the culture, else for its parents (de-AT → de), else the defaults.</summary>
    public CompiledModule ForCulture(CultureInfo culture)
    {
        if (LocaleVariants.Count == 0)
        {
            return this;
        }

        for (var c = culture; c.Name.Length > 0; c = c.Parent)
        {
            if (LocaleVariants.TryGetValue(c.Name, out var variant))
            {
                return variant;
            }
        }

        return this;
    }
}

/// <content>Governance: effective dates, approval status, required modules and subjects per locale.</content>
internal sealed partial class CompiledMessage
{
    private static readonly Dictionary<string, CompiledTemplate> NoVariants = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets when the message may be sent, or null for always.</summary>
    public ActiveWindow? Active { get; set; }

    /// <summary>Gets or sets whether the message is <c>status: draft</c>.</summary>
    public bool IsDraft { get; set; }

    /// <summary>Gets or sets where the message is defined.</summary>
    public SourceLocation? Location { get; set; }

    /// <summary>Gets or sets the modules every reachable recipient must get (and so <see cref="RequiredModuleIds"/>).</summary>
    public IReadOnlyList<CompiledRequirement> Required
    {
        get;
        set
        {
            field = value;
            RequiredModuleIds = value.Count == 0 ? null : value.SelectMany(static r => r.ModuleIds).ToHashSet(StringComparer.Ordinal);
        }
    } = [];

    /// <summary>Gets the ids of every module <see cref="Required"/> names, or null when it names none.</summary>
    public IReadOnlySet<string>? RequiredModuleIds { get; private set; }

    /// <summary>Gets or sets the subject per culture name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, CompiledTemplate> SubjectVariants { get; set; } = NoVariants;

    /// <summary>Gets or sets the email preheader per culture name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, CompiledTemplate> PreheaderVariants { get; set; } = NoVariants;

    /// <summary>Gets the templates of every locale variant (subjects, preheaders).</summary>
    public IEnumerable<CompiledTemplate> LocaleTemplates => SubjectVariants.Values.Concat(PreheaderVariants.Values);

    /// <summary>Picks the subject for a culture, with the same fallback as modules (de-AT → de → default).</summary>
    public CompiledTemplate? SubjectFor(CultureInfo culture) => Variant(SubjectVariants, culture) ?? Subject;

    /// <summary>Picks the email preheader for a culture, with the same fallback as the subject.</summary>
    public CompiledTemplate? PreheaderFor(CultureInfo culture) => Variant(PreheaderVariants, culture) ?? Email?.Preheader;

    private static CompiledTemplate? Variant(IReadOnlyDictionary<string, CompiledTemplate> variants, CultureInfo culture)
    {
        if (variants.Count > 0)
        {
            for (var c = culture; c.Name.Length > 0; c = c.Parent)
            {
                if (variants.TryGetValue(c.Name, out var variant))
                {
                    return variant;
                }
            }
        }

        return null;
    }
}
