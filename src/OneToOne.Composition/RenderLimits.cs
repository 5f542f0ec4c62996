namespace OneToOne.Composition;

/// <summary>
/// Safety limits applied to every template and condition, per recipient. A recipient that exceeds one
/// fails alone with a <see cref="Runtime.RecipientException"/>; the process and other recipients carry on.
/// </summary>
public sealed record RenderLimits
{
    /// <summary>Gets the defaults: 1,000 loop iterations, recursion depth 100, 1 MiB of output, 1 second per message.</summary>
    public static RenderLimits Default { get; } = new();

    /// <summary>Gets the most iterations one loop may run.</summary>
    public int MaxLoopIterations { get; init; } = 1000;

    /// <summary>Gets the deepest function recursion allowed.</summary>
    public int MaxRecursionDepth { get; init; } = 100;

    /// <summary>Gets the most characters one template may write.</summary>
    public int MaxOutputLength { get; init; } = 1024 * 1024;

    /// <summary>Gets how long deciding or rendering one message may take.</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(1);
}
