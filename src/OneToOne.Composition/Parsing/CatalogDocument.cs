using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Parsing;

/// <summary>A piece of template or condition text, with where it came from.</summary>
internal sealed record SourceText(string Text, TextOrigin Origin, SourceLocation Location);

/// <summary>A reference by id, with where it was written.</summary>
internal sealed record IdReference(string Id, SourceLocation Location);

/// <summary>A named condition.</summary>
internal sealed record SegmentDefinition(string Id, SourceLocation Location, SourceText Condition);

/// <summary>A content module as written in YAML.</summary>
internal sealed record ModuleDefinition(
    string Id,
    SourceLocation Location,
    SourceText? When,
    SourceText? Content,
    SourceText? Html,
    SourceText? Text,
    SourceText? Print,
    IReadOnlyList<string> Tags,
    int Priority)
{
    /// <summary>Gets the module's <c>lang:</c> (a BCP 47 tag, in its conventional case), or null when it gives none.</summary>
    public string? Language { get; init; }
}

/// <summary>A slot as written in YAML: either a list of module ids or a tag query.</summary>
internal sealed record SlotDefinition(
    string Id,
    SourceLocation Location,
    SlotPick Pick,
    int? Count,
    IReadOnlyList<IdReference> From,
    IdReference? Tag,
    IdReference? Fallback);

/// <summary>A message as written in YAML.</summary>
internal sealed record MessageDefinition(
    string Id,
    SourceLocation Location,
    SourceText? Subject,
    SourceText? Body,
    SourceText? SuppressWhen,
    string? SuppressReason,
    EmailDefinition? Email,
    SourceText? WebLayout,
    PrintDefinition? Print);

/// <summary>
/// The <c>print:</c> settings of a message. Lengths are in millimetres. Page, margins and duplex are null when not
/// written (the print renderer's options apply). The collections are read-only and shared by every render.
/// </summary>
internal sealed record PrintDefinition(
    SourceLocation Location,
    string? Page,
    IReadOnlyList<double>? Margins,
    bool? Duplex,
    string Window,
    SourceText? Address,
    string? ReturnAddress,
    IReadOnlyDictionary<string, string> Fonts,
    IReadOnlyList<string> FallbackFonts);

/// <summary>The <c>email:</c> settings of a message.</summary>
internal sealed record EmailDefinition(
    SourceLocation Location,
    string? From,
    string? ReplyTo,
    string ToField,
    SourceText? ToName,
    SourceText? Preheader,
    SourceText? Layout,
    SourceText? Unsubscribe);

/// <summary>Every definition of a catalog, merged across its files in file order.</summary>
internal sealed partial class CatalogDocument
{
    public string? Name { get; set; }

    public SourceLocation? NameLocation { get; set; }

    public string? Locale { get; set; }

    public SourceLocation? LocaleLocation { get; set; }

    public List<string> Files { get; } = [];

    /// <summary>
    /// Gets the full paths of the files the catalog names with a fixed path and loading looked at (print fonts, images in
    /// modules' Markdown), whether or not they exist: a change to one can change the load's result.
    /// </summary>
    public SortedSet<string> NamedFiles { get; } = new(StringComparer.Ordinal);

    public List<SegmentDefinition> Segments { get; } = [];

    public List<ModuleDefinition> Modules { get; } = [];

    public List<SlotDefinition> Slots { get; } = [];

    public List<MessageDefinition> Messages { get; } = [];

    /// <summary>Gets the experiments, scores, suppress rules, channels and contact policy (the decisioning keys).</summary>
    public DecisioningDocument Decisioning { get; } = new();
}
