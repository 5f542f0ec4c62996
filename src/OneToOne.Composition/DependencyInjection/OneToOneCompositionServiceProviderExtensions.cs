using OneToOne.Composition;
using OneToOne.Composition.DependencyInjection;
using OneToOne.Composition.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Checks, as an application starts, what <c>AddOneToOneComposition</c> registered.</summary>
/// <remarks>
/// The registered <see cref="Catalog"/> is loaded when first asked for, so a catalog with errors fails the first request
/// or batch, not the start. The options pattern's <c>ValidateOnStart</c> has a host check the options as it starts (a
/// bound limit out of range is an <c>OptionsValidationException</c> naming it); loading the catalog is this one call,
/// which the application makes between building its host and running it.
/// </remarks>
public static class OneToOneCompositionServiceProviderExtensions
{
    /// <summary>
    /// Runs the configuration steps and loads and compiles the registered catalog now, so that a broken catalog stops the
    /// application as it starts, with every diagnostic: call it once the host is built, before it runs
    /// (<c>host.Services.ValidateOneToOneComposition(); host.Run();</c>). The catalog it loads is the singleton the
    /// container serves from then on: it is loaded once.
    /// </summary>
    /// <param name="services">The application's services, such as <c>host.Services</c>.</param>
    /// <returns>The registered catalog.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><c>AddOneToOneComposition</c> was not called, or no catalog path is configured.</exception>
    /// <exception cref="CatalogException">The catalog has errors; <see cref="CatalogException.Diagnostics"/> lists them all, each with its file, line and column.</exception>
    /// <exception cref="ArgumentException">A configuration step set an option out of range (the exception names the option).</exception>
    public static Catalog ValidateOneToOneComposition(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService(typeof(OneToOneCompositionSetup)) is null)
        {
            throw new InvalidOperationException("OneToOne.Composition is not registered with these services: call services.AddOneToOneComposition(o => o.CatalogPath = \"catalog.yaml\") before building them.");
        }

        _ = services.GetRequiredService<OneToOneCompositionOptions>();
        return services.GetRequiredService<Catalog>();
    }
}
