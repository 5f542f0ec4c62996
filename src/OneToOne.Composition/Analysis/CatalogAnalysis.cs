using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Analysis;

/// <summary>The result of <see cref="Catalog.Analyze(string?, CancellationToken)"/>: per-message counts and every finding, with positions.</summary>
public sealed class CatalogAnalysis
{
    internal CatalogAnalysis(DateTimeOffset asOf, IReadOnlyList<MessageAnalysis> messages, IReadOnlyList<Diagnostic> findings)
    {
        AsOf = asOf;
        Messages = messages;
        Findings = findings;
    }

    /// <summary>Gets the instant effective dates were judged at (<see cref="CompositionOptions.TimeProvider"/>).</summary>
    public DateTimeOffset AsOf { get; }

    /// <summary>Gets the analysed messages, in catalog order.</summary>
    public IReadOnlyList<MessageAnalysis> Messages { get; }

    /// <summary>
    /// Gets the findings (codes OTO15xx, warnings), in file, line and column order: unreachable modules, slots that can
    /// come out empty, unused modules, slots and segments, overlapping conditions, missing translations, inactive definitions.
    /// </summary>
    public IReadOnlyList<Diagnostic> Findings { get; }
}
