using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OneToOne.Composition.DependencyInjection;

/// <summary>Returned by <c>AddOneToOneComposition</c> for further configuration, in the <c>IHttpClientBuilder</c> style.</summary>
public sealed class OneToOneCompositionBuilder
{
    internal OneToOneCompositionBuilder(IServiceCollection services) => Services = services;

    /// <summary>Gets the service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Adds another configuration step, as <c>services.Configure&lt;OneToOneCompositionOptions&gt;(configure)</c> does; steps
    /// run in the order they were added, with <c>services.Configure</c>'s and bindings' among them.
    /// </summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    public OneToOneCompositionBuilder Configure(Action<OneToOneCompositionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Registers the <see cref="IScoreProvider"/> that <c>pick: best</c> asks for scores (a singleton; the first registration wins).</summary>
    /// <typeparam name="TProvider">The provider type, made by the container (which disposes it if it is disposable); it must be thread-safe.</typeparam>
    /// <returns>This builder.</returns>
    public OneToOneCompositionBuilder AddScoreProvider<TProvider>()
        where TProvider : class, IScoreProvider
    {
        Services.TryAddSingleton<IScoreProvider, TProvider>();
        return this;
    }

    /// <summary>Registers the <see cref="IScoreProvider"/> made by a factory, once, when first needed (the first registration wins).</summary>
    /// <param name="factory">Makes the provider from the container's services; the container disposes it if it is disposable.</param>
    /// <returns>This builder.</returns>
    public OneToOneCompositionBuilder AddScoreProvider(Func<IServiceProvider, IScoreProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.TryAddSingleton(factory);
        return this;
    }

    /// <summary>
    /// Registers a contact history that frequency caps are judged against (the first registration wins). The container
    /// does not dispose an instance it is given: the caller does. To have the container make and dispose it (a
    /// <c>SqliteContactHistory</c> holds a database connection), use <see cref="AddContactHistory(Func{IServiceProvider, Contacts.IContactHistory})"/>.
    /// </summary>
    /// <param name="history">The history, such as an <see cref="Contacts.InMemoryContactHistory"/>.</param>
    /// <returns>This builder.</returns>
    public OneToOneCompositionBuilder AddContactHistory(Contacts.IContactHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        Services.TryAddSingleton(history);
        return this;
    }

    /// <summary>Registers the contact history made by a factory, once, when first needed (the first registration wins).</summary>
    /// <param name="factory">Makes the history from the container's services; the container disposes it with itself if it is disposable.</param>
    /// <returns>This builder.</returns>
    public OneToOneCompositionBuilder AddContactHistory(Func<IServiceProvider, Contacts.IContactHistory> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.TryAddSingleton(factory);
        return this;
    }
}
