namespace OneToOne.Composition.DependencyInjection;

/// <summary>What <c>AddOneToOneComposition</c> registers: where the catalog is, and the composition options.</summary>
public sealed class OneToOneCompositionOptions
{
    /// <summary>Gets or sets the catalog file or folder that the registered <see cref="Catalog"/> is loaded from.</summary>
    public string? CatalogPath { get; set; }

    /// <summary>
    /// Gets or sets the composition options (limits, clock, drafts, score provider, contact history). The container's
    /// <see cref="TimeProvider"/>, <see cref="IScoreProvider"/> and <see cref="Contacts.IContactHistory"/>, when
    /// registered, replace the clock, the score provider and the contact history.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public CompositionOptions Composition
    {
        get;
        set => field = Own(value ?? throw new ArgumentNullException(nameof(Composition), "OneToOneCompositionOptions.Composition cannot be null; leave it out for CompositionOptions.Default, or vary it with 'o.Composition = o.Composition with { … }'."));
    } = Own(CompositionOptions.Default);

    // An application binds these options from its configuration (o => configuration.GetSection("OneToOne").Bind(o)). The
    // binder binds into the instance a property already holds, through its init setters: holding the shared
    // CompositionOptions.Default (or the RenderLimits.Default in it) would rewrite them for every loader in the process.
    // A copy of our own ('with' copies the limits too) takes the binding instead.
    private static CompositionOptions Own(CompositionOptions options) => options with { };
}
