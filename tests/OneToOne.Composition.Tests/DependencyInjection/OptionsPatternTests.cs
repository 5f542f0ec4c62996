using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OneToOne.Composition.DependencyInjection;
using static OneToOne.Composition.Testing.TestConfiguration;

namespace OneToOne.Composition.Tests.DependencyInjection;

/// <summary>
/// An ASP.NET Core or Generic Host application configures the registration the Microsoft.Extensions way:
/// <c>services.Configure&lt;OneToOneCompositionOptions&gt;(…)</c>, <c>services.AddOptions&lt;…&gt;().Bind(section).ValidateOnStart()</c>.
/// The catalog, the loader and the monitor are made from the options those configure.
/// </summary>
public sealed class OptionsPatternTests
{
    [Fact]
    public void ServicesConfigure_SetsThePathTheCatalogIsLoadedFrom_WhicheverComesFirst()
    {
        var services = new ServiceCollection();
        services.Configure<OneToOneCompositionOptions>(o => o.CatalogPath = TestCatalogs.DesignExamplePath);
        services.AddOneToOneComposition();
        services.Configure<OneToOneCompositionOptions>(o => o.Composition = o.Composition with { AllowDrafts = true });

        using var provider = services.BuildServiceProvider();

        Assert.Equal("beer-of-the-month", provider.GetRequiredService<Catalog>().Id);
        var options = provider.GetRequiredService<IOptions<OneToOneCompositionOptions>>().Value;
        Assert.Equal(TestCatalogs.DesignExamplePath, options.CatalogPath);
        Assert.True(options.Composition.AllowDrafts);
        Assert.Same(options, provider.GetRequiredService<OneToOneCompositionOptions>());
    }

    [Fact]
    public void AddOptionsBind_FromConfiguration_SetsTheLimitsTheLoaderUses()
    {
        var configuration = Settings(
            ("OneToOne:CatalogPath", TestCatalogs.DesignExamplePath),
            ("OneToOne:Composition:Limits:MaxLoopIterations", "77"),
            ("OneToOne:Composition:Limits:TimeBudget", "00:00:03"));
        var services = new ServiceCollection();
        services.AddOneToOneComposition();
        services.AddOptions<OneToOneCompositionOptions>().Bind(configuration.GetSection("OneToOne"));

        using var provider = services.BuildServiceProvider();
        var limits = provider.GetRequiredService<IOptionsMonitor<OneToOneCompositionOptions>>().CurrentValue.Composition.Limits;

        Assert.Equal(77, limits.MaxLoopIterations);
        Assert.Equal(TimeSpan.FromSeconds(3), limits.TimeBudget);
        Assert.Equal("beer-of-the-month", provider.GetRequiredService<Catalog>().Id);
        Assert.Equal(1000, RenderLimits.Default.MaxLoopIterations);
    }

    [Fact]
    public void TheRegistrationsStep_AndTheBuildersConfigure_AreOptionsConfigureSteps_WithTheContainersServicesAppliedAfter()
    {
        var clock = new FixedClock();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddOneToOneComposition(o => o.CatalogPath = "first.yaml")
            .Configure(o => o.CatalogPath = TestCatalogs.DesignExamplePath);

        Assert.Equal(2, services.Count(static d => d.ServiceType == typeof(IConfigureOptions<OneToOneCompositionOptions>)));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<OneToOneCompositionOptions>>().Value;

        Assert.Equal(TestCatalogs.DesignExamplePath, options.CatalogPath);
        Assert.Same(clock, options.Composition.TimeProvider);
    }

    [Fact]
    public async Task ValidateOnStart_ABoundLimitOutOfRange_StopsTheHost_NamingTheOptionAndHowToFixIt()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([
            new("OneToOne:CatalogPath", TestCatalogs.DesignExamplePath),
            new("OneToOne:Composition:Limits:MaxRecursionDepth", "0")]);
        builder.Services.AddOneToOneComposition();
        builder.Services.AddOptions<OneToOneCompositionOptions>().Bind(builder.Configuration.GetSection("OneToOne")).ValidateOnStart();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(typeof(OneToOneCompositionOptions), error.OptionsType);
        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("RenderLimits.MaxRecursionDepth must be at least 1; it was 0. A limit cannot be switched off: raise it instead.", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHost_ConfiguredFromItsConfiguration_ServesTheCatalog()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new("OneToOne:CatalogPath", TestCatalogs.DesignExamplePath), new("OneToOne:Composition:AllowDrafts", "true")]);
        builder.Services.AddOneToOneComposition();
        builder.Services.AddOptions<OneToOneCompositionOptions>().Bind(builder.Configuration.GetSection("OneToOne")).ValidateOnStart();
        using var host = builder.Build();

        await host.StartAsync();
        try
        {
            Assert.Equal("beer-of-the-month", host.Services.ValidateOneToOneComposition().Id);
            Assert.True(host.Services.GetRequiredService<OneToOneCompositionOptions>().Composition.AllowDrafts);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private sealed class FixedClock : TimeProvider;
}
