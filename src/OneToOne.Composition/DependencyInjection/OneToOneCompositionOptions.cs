namespace OneToOne.Composition.DependencyInjection;

/// <summary>What <c>AddOneToOneComposition</c> registers: where the catalog is, and the composition options.</summary>
public sealed class OneToOneCompositionOptions
{
    /// <summary>Gets or sets the catalog file or folder that the registered <see cref="Catalog"/> is loaded from.</summary>
    public string? CatalogPath { get; set; }

    /// <summary>Gets or sets the limits and clock. The container's <see cref="TimeProvider"/>, when registered, replaces the clock.</summary>
    public CompositionOptions Composition { get; set; } = CompositionOptions.Default;
}
