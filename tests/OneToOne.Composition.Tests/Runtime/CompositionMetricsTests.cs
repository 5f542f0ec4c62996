using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// The catalog's own metrics (decisions, render durations), read with a real <see cref="MeterListener"/> from a meter
/// factory of the test's own, so catalogs other tests use at the same time are not counted.
/// </summary>
public sealed class CompositionMetricsTests
{
    private const string Yaml = """
        catalog: metrics
        modules:
          hello:
            content: "Hello {{ first_name }}"
          broken:
            when: broken == true
            content: "{{ 1 / nothing_here.oops }}"
        slots:
          hero:
            from: [broken, hello]
        messages:
          news:
            subject: "{{ first_name }}, news"
            body: "{{ slot 'hero' }}"
            suppress:
              when: unsubscribed == true
              reason: the recipient unsubscribed
        """;

    [Fact]
    public void DecisionsAndRenders_AreMeasuredByMessageChannelAndOutcome_NeverByRecipient()
    {
        using var factory = new TestMeterFactory();
        using var metrics = new Listener(factory);
        var catalog = new CatalogLoader(TestCatalogs.Untimed with { MeterFactory = factory }).Parse(Yaml);

        var ada = catalog.Decide(new Dictionary<string, object?> { ["id"] = "c-ada", ["first_name"] = "Ada", ["unsubscribed"] = false }, "news");
        catalog.Render(ada, Channel.Text);
        catalog.Render(ada, Channel.Web, new StringWriter());
        catalog.Decide(new Dictionary<string, object?> { ["id"] = "c-bo", ["first_name"] = "Bo", ["unsubscribed"] = true }, "news");
        var broken = catalog.Decide(new Dictionary<string, object?> { ["id"] = "c-cy", ["first_name"] = "Cy", ["broken"] = true }, "news");
        Assert.Throws<RecipientException>(() => catalog.Render(broken, Channel.Text));

        Assert.Equal(
            [
                "onetoone.composition.decisions onetoone.message.id=news,onetoone.outcome=decided x2",
                "onetoone.composition.decisions onetoone.message.id=news,onetoone.outcome=suppressed,onetoone.suppression.reason=suppress x1",
                "onetoone.composition.render.duration error.type=OneToOne.Composition.Diagnostics.RecipientException,onetoone.channel=text,onetoone.message.id=news x1",
                "onetoone.composition.render.duration onetoone.channel=text,onetoone.message.id=news x1",
                "onetoone.composition.render.duration onetoone.channel=web,onetoone.message.id=news x1",
            ],
            metrics.Totals());
        Assert.DoesNotContain(metrics.All.SelectMany(static m => m.Tags), static t => t.Value is string s && (s.StartsWith("c-", StringComparison.Ordinal) || s is "Ada" or "Bo" or "Cy"));
    }

    [Fact]
    public void AddOneToOneComposition_MeasuresOnTheContainersMeterFactory()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IMeterFactory, TestMeterFactory>();
        services.AddOneToOneComposition(o => o.CatalogPath = TestCatalogs.DesignExamplePath);
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        using var metrics = new Listener(factory);

        var catalog = provider.GetRequiredService<Catalog>();
        catalog.Render(catalog.Decide(new Dictionary<string, object?> { ["id"] = "c1", ["first_name"] = "Ada", ["gender"] = "female" }, "monthly"), Channel.Text);

        Assert.Same(factory, provider.GetRequiredService<OneToOne.Composition.DependencyInjection.OneToOneCompositionOptions>().Composition.MeterFactory);
        Assert.Equal(
            [
                "onetoone.composition.decisions onetoone.message.id=monthly,onetoone.outcome=decided x1",
                "onetoone.composition.render.duration onetoone.channel=text,onetoone.message.id=monthly x1",
            ],
            metrics.Totals());
    }

    private sealed record Measurement(string Instrument, double Value, KeyValuePair<string, object?>[] Tags);

    /// <summary>A meter factory as a host's container has (Microsoft.Extensions.Diagnostics'), minus its caching: meters scoped to it, disposed with it.</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            options.Scope = this;
            var meter = new Meter(options);
            lock (_meters)
            {
                _meters.Add(meter);
            }

            return meter;
        }

        public void Dispose()
        {
            lock (_meters)
            {
                _meters.ForEach(static m => m.Dispose());
            }
        }
    }

    /// <summary>Listens to the core's meter made by one factory.</summary>
    private sealed class Listener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<Measurement> _measurements = new();

        public Listener(IMeterFactory factory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CompositionTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue(new(instrument.Name, value, tags.ToArray())));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue(new(instrument.Name, 1, tags.ToArray())));
            _listener.Start();
        }

        public Measurement[] All => [.. _measurements];

        /// <summary>Each instrument and tag set with its total (a histogram's: its number of measurements).</summary>
        public string[] Totals() =>
            [.. _measurements
                .GroupBy(static m => m.Instrument + " " + string.Join(",", m.Tags.OrderBy(static t => t.Key, StringComparer.Ordinal).Select(static t => $"{t.Key}={t.Value}")), StringComparer.Ordinal)
                .Select(static g => $"{g.Key} x{g.Sum(static m => m.Value)}")
                .Order(StringComparer.Ordinal)];

        public void Dispose() => _listener.Dispose();
    }
}
