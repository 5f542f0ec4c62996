using Microsoft.Extensions.DependencyInjection;

namespace OneToOne.Composition.DependencyInjection;

/// <summary>Returned by <c>AddOneToOneComposition</c> for further configuration, in the <c>IHttpClientBuilder</c> style.</summary>
public sealed class OneToOneCompositionBuilder
{
    internal OneToOneCompositionBuilder(IServiceCollection services, OneToOneCompositionSetup setup)
    {
        Services = services;
        Setup = setup;
    }

    /// <summary>Gets the service collection being configured.</summary>
    public IServiceCollection Services { get; }

    internal OneToOneCompositionSetup Setup { get; }

    /// <summary>Adds another configuration step; steps run in the order they were added.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    public OneToOneCompositionBuilder Configure(Action<OneToOneCompositionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Setup.Steps.Add(configure);
        return this;
    }
}
