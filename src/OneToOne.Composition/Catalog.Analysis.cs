using OneToOne.Composition.Analysis;

namespace OneToOne.Composition;

/// <content>Static analysis of the catalog's decision logic.</content>
public sealed partial class Catalog
{
    private readonly Lock _analysisLock = new();
    private (string Key, CatalogAnalyzer Analyzer)? _analyzer;

    /// <summary>Gets or sets the most solver work the analysis spends on one group of slots, read when the first analysis starts; tests lower it to see what happens past the limit.</summary>
    internal long AnalysisWorkLimit { get; set; } = MessageExplorer.MaxWork;

    /// <summary>Gets or sets whether the analysis takes candidates testing one field against constants as one (see <see cref="CatalogAnalyzer.UseEqualityRuns"/>), read when the first analysis starts; tests turn it off to compare.</summary>
    internal bool AnalysisUsesEqualityRuns { get; set; } = true;

    /// <summary>
    /// Analyses the decision logic without any recipient: for each message, the exact number of distinct reachable
    /// combinations of modules (see <see cref="MessageAnalysis.ReachableCombinations"/> for the definition), and
    /// findings with file, line and column: modules that can never be chosen, slots that can come out empty, unused
    /// modules, slots and segments, overlapping conditions, missing translations, inactive definitions and comparisons
    /// that mix kinds of values in a way the analysis cannot decide (a field compared with a number and with text). Effective
    /// dates are judged at <see cref="CompositionOptions.TimeProvider"/>'s now. The search of each group of slots that
    /// share fields has a fixed work limit, so the analysis does not grow with the number of combinations (and gives the
    /// same result every time): past it the count is a lower bound (<see cref="MessageAnalysis.IsExact"/>), and the
    /// findings about that group's slots come from deciding each slot on its own.
    /// </summary>
    /// <param name="messageId">One message to analyse, or null for all (unused definitions are reported only for all).</param>
    /// <param name="cancellationToken">Stops the analysis.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentException">The catalog has no such message.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public CatalogAnalysis Analyze(string? messageId = null, CancellationToken cancellationToken = default) =>
        WithAnalyzer(analyzer => analyzer.Analyze(messageId), cancellationToken);

    /// <summary>
    /// Makes up a small set of personas (synthetic recipients derived from the conditions) that together get every
    /// reachable module of a message at least once, and every arm of the experiments it carries (each persona's id is
    /// chosen to hash into the arms it needs), for a proof. See <see cref="PersonaSet.IsMinimal"/> for how
    /// minimal it is; modules behind conditions the analysis cannot decide may stay uncovered (pass a sample instead).
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <returns>The personas, each checked by deciding it.</returns>
    /// <exception cref="ArgumentException">The catalog has no such message.</exception>
    public PersonaSet FindPersonas(string messageId) => WithAnalyzer(analyzer => new PersonaFinder(this, _runtime, analyzer).Synthesize(messageId));

    /// <summary>
    /// Chooses the fewest recipients of a sample whose decisions together get every reachable module the sample reaches,
    /// plus a sample recipient in each arm of the message's experiments that none of them is in; an arm no sample
    /// recipient is in gets the made-up persona <see cref="FindPersonas(string)"/> would give it, described as made up.
    /// Ties go to the recipient that comes first. The sample is enumerated once, a recipient at a time, and only the first
    /// recipient of each distinct set of modules (and a few per arm) is kept: a lazy sequence of millions of recipients
    /// is chosen from in the memory of its distinct sets, not of its recipients.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="sample">The sample recipients.</param>
    /// <returns>The chosen recipients, and the reachable modules none of them gets.</returns>
    /// <exception cref="ArgumentException">The catalog has no such message.</exception>
    public PersonaSet FindPersonas(string messageId, IEnumerable<Recipients.Recipient> sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        return WithAnalyzer(analyzer => new PersonaFinder(this, _runtime, analyzer).FromSample(messageId, sample));
    }

    /// <summary>
    /// Runs an analysis with the catalog's analyzer, made once and kept while the same dated definitions are active
    /// (so analyse, personas and proofs explore each message once). Analyses are not the hot path: one at a time.
    /// </summary>
    private T WithAnalyzer<T>(Func<CatalogAnalyzer, T> use, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_analysisLock)
        {
            var now = _runtime.Options.TimeProvider.GetUtcNow();
            var key = CatalogAnalyzer.ActivityKey(_runtime, now);
            if (_analyzer is not { } cached || cached.Key != key)
            {
                cached = (key, new CatalogAnalyzer(_runtime, Document!) { WorkLimit = AnalysisWorkLimit, UseEqualityRuns = AnalysisUsesEqualityRuns });
                _analyzer = cached;
            }

            cached.Analyzer.Now = now;
            cached.Analyzer.Solver.CancellationToken = cancellationToken;
            try
            {
                return use(cached.Analyzer);
            }
            finally
            {
                cached.Analyzer.Solver.CancellationToken = CancellationToken.None;
            }
        }
    }
}
