using Microsoft.Extensions.DependencyInjection;
using OneToOne.Composition.DependencyInjection;

namespace OneToOne.Composition.Tests.DependencyInjection;

public sealed class ServiceCollectionExtensionsTests
{
    [Fact]
    public void AddOneToOneComposition_RegistersASharedCatalogLoadedFromThePath()
    {
        var services = new ServiceCollection();
        services.AddOneToOneComposition(o => o.CatalogPath = TestCatalogs.DesignExamplePath);

        using var provider = services.BuildServiceProvider();
        var catalog = provider.GetRequiredService<Catalog>();

        Assert.Same(catalog, provider.GetRequiredService<Catalog>());
        Assert.Equal("beer-of-the-month", catalog.Id);
        Assert.NotNull(provider.GetRequiredService<CatalogLoader>());
    }

    [Fact]
    public void AddOneToOneComposition_CalledTwice_RegistersOnceAndAppliesBothSteps()
    {
        var services = new ServiceCollection();
        services.AddOneToOneComposition(o => o.CatalogPath = "wrong.yaml");
        services.AddOneToOneComposition(o => o.CatalogPath = TestCatalogs.DesignExamplePath)
            .Configure(o => o.Composition = o.Composition with { Limits = RenderLimits.Default with { MaxLoopIterations = 7 } });

        Assert.Single(services, static d => d.ServiceType == typeof(Catalog));
        Assert.Single(services, static d => d.ServiceType == typeof(CatalogLoader));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<OneToOneCompositionOptions>();
        Assert.Equal(TestCatalogs.DesignExamplePath, options.CatalogPath);
        Assert.Equal(7, options.Composition.Limits.MaxLoopIterations);
        Assert.Equal("beer-of-the-month", provider.GetRequiredService<Catalog>().Id);
    }

    [Fact]
    public void AddOneToOneComposition_UsesTheContainersTimeProvider()
    {
        var clock = new FixedClock();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddOneToOneComposition();

        using var provider = services.BuildServiceProvider();

        Assert.Same(clock, provider.GetRequiredService<OneToOneCompositionOptions>().Composition.TimeProvider);
    }

    [Fact]
    public void ResolvingCatalog_WithoutAPath_SaysWhatToConfigure()
    {
        using var provider = new ServiceCollection().AddOneToOneComposition().Services.BuildServiceProvider();

        var ex = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<Catalog>());

        Assert.Contains("CatalogPath", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANullCompositionOptions_IsRefusedWhenSet_NotANullReferenceExceptionWhenTheCatalogIsResolved()
    {
        // With a TimeProvider in the container (as a service that injects its clock has), resolving the catalog threw a
        // NullReferenceException from inside the container; without one, the options stayed null for the Email package to trip on.
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddOneToOneComposition(o =>
        {
            o.CatalogPath = TestCatalogs.DesignExamplePath;
            o.Composition = null!;
        });
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<ArgumentNullException>(() => provider.GetRequiredService<Catalog>());

        Assert.Equal(nameof(OneToOneCompositionOptions.Composition), e.ParamName);
        Assert.Contains("leave it out for CompositionOptions.Default", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void ResolvingTheMonitor_WithABlankPath_SaysWhatToConfigure(string blank)
    {
        // A path read from an empty environment variable: Path.GetFullPath's "The value cannot be an empty string.
        // (Parameter 'path')" came out of the container, naming a parameter the service never saw.
        using var provider = new ServiceCollection().AddOneToOneComposition(o => o.CatalogPath = blank).Services.BuildServiceProvider();

        var monitor = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<CatalogMonitor>());
        var catalog = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<Catalog>());

        Assert.StartsWith("No catalog path is configured (OneToOneCompositionOptions.CatalogPath is null or blank).", monitor.Message, StringComparison.Ordinal);
        Assert.EndsWith("before resolving CatalogMonitor.", monitor.Message, StringComparison.Ordinal);
        Assert.EndsWith("before resolving Catalog.", catalog.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FactoryRegistrations_AreMadeOnceWhenFirstNeeded_FromTheContainer_AndDisposedWithIt()
    {
        var made = 0;
        var services = new ServiceCollection();
        services.AddSingleton(new Limit(3));
        services.AddOneToOneComposition()
            .AddContactHistory(provider =>
            {
                made++;
                return new DisposableHistory();
            })
            .AddScoreProvider(static provider => new LimitScores(provider.GetRequiredService<Limit>()))
            .AddContactHistory(static _ => throw new InvalidOperationException("the first registration wins"));

        DisposableHistory history;
        using (var provider = services.BuildServiceProvider())
        {
            Assert.Equal(0, made);
            var options = provider.GetRequiredService<OneToOneCompositionOptions>();
            history = Assert.IsType<DisposableHistory>(options.Composition.ContactHistory);
            Assert.Same(history, provider.GetRequiredService<OneToOneCompositionOptions>().Composition.ContactHistory);
            Assert.Equal(3, Assert.IsType<LimitScores>(options.Composition.ScoreProvider).Limit.Value);
            Assert.False(history.Disposed);
        }

        Assert.Equal(1, made);
        Assert.True(history.Disposed);
    }

    private sealed record Limit(int Value);

    private sealed class LimitScores(Limit limit) : IScoreProvider
    {
        public Limit Limit { get; } = limit;

        public double? GetScore(ScoreRequest request) => Limit.Value;
    }

    private sealed class DisposableHistory : Contacts.IContactHistory, IDisposable
    {
        public bool Disposed { get; private set; }

        public int Count(Contacts.ContactQuery query) => 0;

        public void Record(Contacts.ContactRecord contact)
        {
        }

        public void Dispose() => Disposed = true;
    }

    private sealed class FixedClock : TimeProvider;
}
