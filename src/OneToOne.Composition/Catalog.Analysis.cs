using OneToOne.Composition.Analysis;

namespace OneToOne.Composition;

/// <content>Static analysis of the catalog's decision logic.</content>
public sealed partial class Catalog
{
    /// <summary>
    /// Analyses the decision logic without any recipient: for each message, the exact number of distinct reachable
    /// combinations of modules (see <see cref="MessageAnalysis.ReachableCombinations"/> for the definition), and
    /// findings with file, line and column: modules that can never be chosen, slots that can come out empty, unused
    /// modules, slots and segments, overlapping conditions, missing translations and inactive definitions. Effective
    /// dates are judged at <see cref="CompositionOptions.TimeProvider"/>'s now.
    /// </summary>
    /// <param name="messageId">One message to analyse, or null for all (unused definitions are reported only for all).</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentException">The catalog has no such message.</exception>
    public CatalogAnalysis Analyze(string? messageId = null) => new CatalogAnalyzer(_runtime, Document!).Analyze(messageId);
}
