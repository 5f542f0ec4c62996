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

    /// <summary>
    /// Makes up a small set of personas (synthetic recipients derived from the conditions) that together get every
    /// reachable module of a message at least once, for a proof. See <see cref="PersonaSet.IsMinimal"/> for how
    /// minimal it is; modules behind conditions the analysis cannot decide may stay uncovered (pass a sample instead).
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <returns>The personas, each checked by deciding it.</returns>
    /// <exception cref="ArgumentException">The catalog has no such message.</exception>
    public PersonaSet FindPersonas(string messageId) => new PersonaFinder(this, _runtime, Document!).Synthesize(messageId);

    /// <summary>Chooses the fewest recipients of a sample whose decisions together get every reachable module the sample reaches.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="sample">The sample recipients.</param>
    /// <returns>The chosen recipients, and the reachable modules none of them gets.</returns>
    /// <exception cref="ArgumentException">The catalog has no such message.</exception>
    public PersonaSet FindPersonas(string messageId, IEnumerable<Recipients.Recipient> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return new PersonaFinder(this, _runtime, Document!).FromSample(messageId, sample);
    }
}
