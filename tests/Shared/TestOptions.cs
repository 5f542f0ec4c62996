namespace OneToOne.Composition.Testing;

/// <summary>Composition options for tests. One source, compiled into every test project that loads catalogs.</summary>
internal static class TestOptions
{
    /// <summary>
    /// The default options without a practical time budget: <see cref="RenderLimits.TimeBudget"/> is wall-clock time, and a
    /// test thread not scheduled for a second on a loaded machine (load 40-60 on two cores) takes a message past the 1 s
    /// default and fails a test about something else (a PDF render of a big message alone can take longer). At
    /// <see cref="TimeSpan.MaxValue"/> the deadline saturates and is never reached; every other limit stays the default.
    /// The tests about the budget itself (and the hostile-recipient properties, tests/Shared HostileRecipients) give
    /// their own. The core and CLI tests reach it as TestCatalogs.Untimed and CliRun.Untimed.
    /// </summary>
    public static CompositionOptions Untimed { get; } = CompositionOptions.Default with { Limits = RenderLimits.Default with { TimeBudget = TimeSpan.MaxValue } };
}
