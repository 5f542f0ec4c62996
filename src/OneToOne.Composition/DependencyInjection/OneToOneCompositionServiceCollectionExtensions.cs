using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
    /// <remarks>
    /// The options follow the options pattern: <c>services.Configure&lt;OneToOneCompositionOptions&gt;(…)</c> and
    /// <c>services.AddOptions&lt;OneToOneCompositionOptions&gt;().Bind(section).ValidateOnStart()</c> configure what the
    /// services are made from, as the steps given here do (<c>IOptions&lt;OneToOneCompositionOptions&gt;</c>, read once,
    /// when the first of them is made). The container's <see cref="TimeProvider"/>, <see cref="IScoreProvider"/>,
    /// <see cref="OneToOne.Composition.Contacts.IContactHistory"/> and <see cref="System.Diagnostics.Metrics.IMeterFactory"/>
    /// are applied after every configuration step.
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder for further configuration.</returns>
    public static OneToOneCompositionBuilder AddOneToOneComposition(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions();
        services.TryAddSingleton<OneToOneCompositionSetup>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OneToOneCompositionOptions>, OneToOneCompositionSetup>(static provider => provider.GetRequiredService<OneToOneCompositionSetup>()));
        services.TryAddTransient<IOptionsFactory<OneToOneCompositionOptions>, BindingOptionsFactory<OneToOneCompositionOptions>>();
        services.TryAddSingleton(static provider => provider.GetRequiredService<IOptions<OneToOneCompositionOptions>>().Value);
        services.TryAddSingleton(static provider => new CatalogLoader(provider.GetRequiredService<OneToOneCompositionOptions>().Composition));
        services.TryAddSingleton(static provider => provider.GetRequiredService<CatalogLoader>().Load(CatalogPath(provider, nameof(Catalog))));
        services.TryAddSingleton(static provider => new CatalogMonitor(provider.GetRequiredService<CatalogLoader>(), CatalogPath(provider, nameof(CatalogMonitor))));
        return new OneToOneCompositionBuilder(services);
    }

    /// <summary>Registers the library and adds a configuration step (<c>services.Configure(configure)</c>).</summary>
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
}
