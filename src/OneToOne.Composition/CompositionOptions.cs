namespace OneToOne.Composition;

/// <summary>Settings for loading and running catalogs. Immutable; vary with <c>with</c>.</summary>
public sealed record CompositionOptions
{
    /// <summary>Gets the default options.</summary>
    public static CompositionOptions Default { get; } = new();

    /// <summary>Gets the safety limits for templates and conditions.</summary>
    public RenderLimits Limits { get; init; } = RenderLimits.Default;

    /// <summary>Gets the clock used for time budgets (and, later, date rules). Inject a fake one in tests.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Gets whether Markdown templates without control flow are precompiled to output with holes (tests turn it off to compare against the general path).</summary>
    internal bool CompileFragments { get; init; } = true;
}
