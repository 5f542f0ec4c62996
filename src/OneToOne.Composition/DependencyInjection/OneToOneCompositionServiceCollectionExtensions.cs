using Microsoft.Extensions.DependencyInjection.Extensions;
using OneToOne.Composition;
using OneToOne.Composition.DependencyInjection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OneToOne.Composition with a service collection. The library works without a container too.</summary>
public static class OneToOneCompositionServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="CatalogLoader"/> and, loaded lazily from
    /// <see cref="OneToOneCompositionOptions.CatalogPath"/>, a singleton <see cref="Catalog"/> (the catalog as it was when
    /// first asked for) and a singleton <see cref="CatalogMonitor"/> (made only when asked for; it follows edits of the
    /// catalog's files: take its <see cref="CatalogMonitor.Current"/> per request). Calling it again is harmless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder for further configuration.</returns>
    public static OneToOneCompositionBuilder AddOneToOneComposition(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var setup = FindSetup(services);
        if (setup is null)
        {
            setup = new OneToOneCompositionSetup();
            services.AddSingleton(setup);
        }

        services.TryAddSingleton(static provider => provider.GetRequiredService<OneToOneCompositionSetup>().Build(provider.GetService<TimeProvider>(), provider.GetService<IScoreProvider>(), provider.GetService<OneToOne.Composition.Contacts.IContactHistory>(), provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton(static provider => new CatalogLoader(provider.GetRequiredService<OneToOneCompositionOptions>().Composition));
        services.TryAddSingleton(static provider => provider.GetRequiredService<CatalogLoader>().Load(CatalogPath(provider, nameof(Catalog))));
        services.TryAddSingleton(static provider => new CatalogMonitor(provider.GetRequiredService<CatalogLoader>(), CatalogPath(provider, nameof(CatalogMonitor))));
        return new OneToOneCompositionBuilder(services, setup);
    }

    /// <summary>Registers the library and adds a configuration step.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the catalog path and options.</param>
    /// <returns>A builder for further configuration.</returns>
    public static OneToOneCompositionBuilder AddOneToOneComposition(this IServiceCollection services, Action<OneToOneCompositionOptions> configure) =>
        services.AddOneToOneComposition().Configure(configure);

    // A blank path (an unset environment variable or configuration key read as "") is no path: said as such, not as
    // Path.GetFullPath's "The value cannot be an empty string. (Parameter 'path')" from inside the container.
    private static string CatalogPath(IServiceProvider provider, string resolving) =>
        provider.GetRequiredService<OneToOneCompositionOptions>().CatalogPath is { } path && !string.IsNullOrWhiteSpace(path)
            ? path
            : throw new InvalidOperationException($"No catalog path is configured (OneToOneCompositionOptions.CatalogPath is null or blank). Call AddOneToOneComposition(o => o.CatalogPath = \"catalog.yaml\") before resolving {resolving}.");

    private static OneToOneCompositionSetup? FindSetup(IServiceCollection services)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(OneToOneCompositionSetup) && descriptor.ImplementationInstance is OneToOneCompositionSetup setup)
            {
                return setup;
            }
        }

        return null;
    }
}
