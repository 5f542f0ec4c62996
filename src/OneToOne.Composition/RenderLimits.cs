using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition;

/// <summary>
/// Safety limits applied to every template and condition, per recipient. A recipient that exceeds one
/// fails alone with a <see cref="RecipientException"/>; the process and other recipients carry on.
/// No limit can be switched off: each must be positive (raise it rather than disable it).
/// </summary>
public sealed record RenderLimits
{
    /// <summary>
    /// Gets the defaults: 1,000 loop iterations, recursion depth 100, 1 MiB of output, 1 second per message. Each call
    /// gives an instance of its own (read it once, not per message): the configuration binder sets init-only properties
    /// through reflection, and <c>configuration.Bind(RenderLimits.Default)</c> rewrote one shared instance for every
    /// loader in the process.
    /// </summary>
    public static RenderLimits Default => new();

    /// <summary>
    /// Gets the most iterations a loop may run, counting the iterations of every loop nested inside it:
    /// <c>for a in 1..40</c> around <c>for b in 1..40</c> runs 40 + 1,600 of them. Loops one after another each
    /// get the whole count. Builtins that walk a list (<c>array.join</c>, <c>array.map</c>, …) count their items too.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int MaxLoopIterations { get; init => field = Positive(value, nameof(MaxLoopIterations)); } = 1000;

    /// <summary>Gets the deepest function recursion allowed.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int MaxRecursionDepth { get; init => field = Positive(value, nameof(MaxRecursionDepth)); } = 100;

    /// <summary>Gets the most characters one template may write.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int MaxOutputLength { get; init => field = Positive(value, nameof(MaxOutputLength)); } = 1024 * 1024;

    /// <summary>
    /// Gets how long deciding or rendering one message may take. It is checked at every loop step and every
    /// few hundred steps of the template's evaluation (function calls, recursion, <c>while</c>, <c>case</c>, …).
    /// <see cref="TimeSpan.MaxValue"/> means no practical limit.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public TimeSpan TimeBudget
    {
        get;
        init => field = value > TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(TimeBudget), value,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"RenderLimits.TimeBudget must be longer than zero; it was {value}. A limit cannot be switched off: to allow any time, use TimeSpan.MaxValue."));
    } = TimeSpan.FromSeconds(1);

    private static int Positive(int value, string name) => value > 0
        ? value
        : throw new ArgumentOutOfRangeException(name, value,
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"RenderLimits.{name} must be at least 1; it was {value}. A limit cannot be switched off: raise it instead."));
}
