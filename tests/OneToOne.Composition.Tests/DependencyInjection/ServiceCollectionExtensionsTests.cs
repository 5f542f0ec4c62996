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

    private sealed class FixedClock : TimeProvider;
}
