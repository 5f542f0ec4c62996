namespace OneToOne.Composition.DependencyInjection;

/// <summary>The configuration steps of every <c>AddOneToOneComposition</c> call, applied once when first needed.</summary>
internal sealed class OneToOneCompositionSetup
{
    public List<Action<OneToOneCompositionOptions>> Steps { get; } = [];

    public OneToOneCompositionOptions Build(TimeProvider? timeProvider, IScoreProvider? scoreProvider = null, Contacts.IContactHistory? contactHistory = null, System.Diagnostics.Metrics.IMeterFactory? meterFactory = null)
    {
        var options = new OneToOneCompositionOptions();
        foreach (var step in Steps)
        {
            step(options);
        }

        if (timeProvider is not null)
        {
            options.Composition = options.Composition with { TimeProvider = timeProvider };
        }

        if (scoreProvider is not null)
        {
            options.Composition = options.Composition with { ScoreProvider = scoreProvider };
        }

        if (contactHistory is not null)
        {
            options.Composition = options.Composition with { ContactHistory = contactHistory };
        }

        if (meterFactory is not null && options.Composition.MeterFactory is null)
        {
            options.Composition = options.Composition with { MeterFactory = meterFactory };
        }

        return options;
    }
}
