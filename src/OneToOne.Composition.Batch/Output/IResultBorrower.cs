namespace OneToOne.Composition.Batch;

/// <summary>
/// A sink or observer of the library's own that reads each result only while its call runs, so the runner may render
/// bodies into pooled characters and hand them back as soon as a record is written. A user's sink or observer may keep
/// results, so it gets bodies as strings.
/// </summary>
internal interface IResultBorrower
{
    /// <summary>Gets whether nothing of a result is kept past the call (for a composite: by any of its sinks).</summary>
    bool KeepsNoResults { get; }
}
