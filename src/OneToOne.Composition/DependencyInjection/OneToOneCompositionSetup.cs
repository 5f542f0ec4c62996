using Microsoft.Extensions.Options;

namespace OneToOne.Composition.DependencyInjection;

/// <summary>
/// Applies the container's clock, score provider, contact history and meter factory to the options, after every
/// configuration step (<c>services.Configure</c>, a binding, <c>AddOneToOneComposition</c>'s steps). Its registration
/// also marks the services as having <c>AddOneToOneComposition</c>.
/// </summary>
internal sealed class OneToOneCompositionSetup(IServiceProvider services) : IPostConfigureOptions<OneToOneCompositionOptions>
{
    public void PostConfigure(string? name, OneToOneCompositionOptions options)
    {
        if (services.GetService(typeof(TimeProvider)) is TimeProvider timeProvider)
        {
            options.Composition = options.Composition with { TimeProvider = timeProvider };
        }

        if (services.GetService(typeof(IScoreProvider)) is IScoreProvider scoreProvider)
        {
            options.Composition = options.Composition with { ScoreProvider = scoreProvider };
        }

        if (services.GetService(typeof(Contacts.IContactHistory)) is Contacts.IContactHistory contactHistory)
        {
            options.Composition = options.Composition with { ContactHistory = contactHistory };
        }

        if (options.Composition.MeterFactory is null && services.GetService(typeof(System.Diagnostics.Metrics.IMeterFactory)) is System.Diagnostics.Metrics.IMeterFactory meterFactory)
        {
            options.Composition = options.Composition with { MeterFactory = meterFactory };
        }
    }
}
