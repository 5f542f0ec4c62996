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

    /// <summary>Registers the <see cref="IScoreProvider"/> that <c>pick: best</c> asks for scores (a singleton; the first registration wins).</summary>
    /// <typeparam name="TProvider">The provider type; it must be thread-safe.</typeparam>
    /// <returns>This builder.</returns>
    public OneToOneCompositionBuilder AddScoreProvider<TProvider>()
        where TProvider : class, IScoreProvider
    {
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<IScoreProvider, TProvider>(Services);
        return this;
    }

    /// <summary>Registers the contact history that frequency caps are judged against (the first registration wins).</summary>
    /// <param name="history">The history, such as an <see cref="Contacts.InMemoryContactHistory"/> or a <c>SqliteContactHistory</c>.</param>
    /// <returns>This builder.</returns>
    public OneToOneCompositionBuilder AddContactHistory(Contacts.IContactHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton(Services, history);
        return this;
    }
}
