using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OneToOne.Composition.DependencyInjection;
using static OneToOne.Composition.Testing.TestConfiguration;

namespace OneToOne.Composition.Tests.DependencyInjection;

/// <summary>
/// An application binds the options from its appsettings.json (<c>o =&gt; configuration.GetSection("OneToOne").Bind(o)</c>).
/// The configuration binder binds into the instance a property already holds, through its init setters: the options
/// must hold copies of their own, or the binding rewrites <see cref="CompositionOptions.Default"/> and
/// <see cref="RenderLimits.Default"/> for every other loader in the process.
/// </summary>
public sealed class ConfigurationBindingTests
{
    [Fact]
    public void Bind_FromConfiguration_SetsTheOptions_AndLeavesTheSharedDefaultsAsTheyWere()
    {
        var configuration = Settings(
            ("OneToOne:CatalogPath", TestCatalogs.DesignExamplePath),
            ("OneToOne:Composition:AllowDrafts", "true"),
            ("OneToOne:Composition:Limits:MaxLoopIterations", "77"),
            ("OneToOne:Composition:Limits:TimeBudget", "00:00:03"));
        var services = new ServiceCollection();
        services.AddOneToOneComposition(o => configuration.GetSection("OneToOne").Bind(o));

        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<OneToOneCompositionOptions>();

        Assert.Equal(TestCatalogs.DesignExamplePath, options.CatalogPath);
        Assert.True(options.Composition.AllowDrafts);
        Assert.Equal(77, options.Composition.Limits.MaxLoopIterations);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Composition.Limits.TimeBudget);
        Assert.Equal("beer-of-the-month", provider.GetRequiredService<Catalog>().Id);

        Assert.False(CompositionOptions.Default.AllowDrafts);
        Assert.Equal(1000, RenderLimits.Default.MaxLoopIterations);
        Assert.NotEqual(TimeSpan.FromSeconds(3), RenderLimits.Default.TimeBudget);
        Assert.Equal(1000, CompositionOptions.Default.Limits.MaxLoopIterations);
    }

    [Fact]
    public void Bind_AfterAssigningTheSharedDefault_ChangesACopy()
    {
        var configuration = Settings(("Composition:Limits:MaxRecursionDepth", "9"), ("Composition:AllowDrafts", "true"));
        var options = new OneToOneCompositionOptions { Composition = CompositionOptions.Default };

        configuration.Bind(options);

        Assert.Equal(9, options.Composition.Limits.MaxRecursionDepth);
        Assert.True(options.Composition.AllowDrafts);
        Assert.Equal(100, RenderLimits.Default.MaxRecursionDepth);
        Assert.Equal(100, CompositionOptions.Default.Limits.MaxRecursionDepth);
        Assert.False(CompositionOptions.Default.AllowDrafts);
    }

    [Fact]
    public void Bind_IntoACopyOfTheDefault_MadeWithWith_LeavesTheDefaultsLimitsAsTheyWere()
    {
        // The README's way to vary the options: 'CompositionOptions.Default with { … }'. The copy's limits are its own.
        var configuration = Settings(("Limits:MaxLoopIterations", "5"), ("Limits:TimeBudget", "00:00:07"));
        var options = CompositionOptions.Default with { AllowDrafts = true };

        configuration.Bind(options);

        Assert.Equal(5, options.Limits.MaxLoopIterations);
        Assert.Equal(TimeSpan.FromSeconds(7), options.Limits.TimeBudget);
        Assert.Equal(1000, CompositionOptions.Default.Limits.MaxLoopIterations);
        Assert.Equal(RenderLimits.Default, CompositionOptions.Default.Limits);
        Assert.Equal(RenderLimits.Default, new CompositionOptions().Limits);
    }

    [Fact]
    public void With_CopiesEveryProperty()
    {
        // CompositionOptions writes its own copy constructor (to copy the limits): a property it leaves out would be lost by 'with'.
        var history = new OneToOne.Composition.Contacts.InMemoryContactHistory();
        var options = new CompositionOptions
        {
            Limits = new RenderLimits { MaxLoopIterations = 3, MaxRecursionDepth = 4, MaxOutputLength = 5, TimeBudget = TimeSpan.FromSeconds(6) },
            TimeProvider = new OneToOne.Composition.Tests.Governance.FixedClock(DateTimeOffset.UnixEpoch),
            ScoreProvider = new NoScores(),
            ContactHistory = history,
            MeterFactory = new NoMeters(),
            AllowDrafts = true,
            ConfineToCatalogFolder = true,
            UseCompiledPaths = false,
        };

        var copy = options with { };

        Assert.Equal(options, copy);
        Assert.NotSame(options.Limits, copy.Limits);
        Assert.Equal(
            ["AllowDrafts", "ConfineToCatalogFolder", "ContactHistory", "Limits", "MeterFactory", "ScoreProvider", "TimeProvider", "UseCompiledPaths"],
            typeof(CompositionOptions).GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
                .Where(static p => p.CanWrite).Select(static p => p.Name).Order(StringComparer.Ordinal));
    }

    private sealed class NoScores : IScoreProvider
    {
        public double? GetScore(ScoreRequest request) => null;
    }

    private sealed class NoMeters : System.Diagnostics.Metrics.IMeterFactory
    {
        public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

        public void Dispose()
        {
        }
    }

    [Fact]
    public void Get_CompositionOptions_FromConfiguration_HasTheLimitsSet_AndRenderLimitsDefaultAsItWas()
    {
        var configuration = Settings(("Limits:TimeBudget", "00:00:04"), ("Limits:MaxOutputLength", "4096"));

        var options = configuration.Get<CompositionOptions>()!;

        Assert.Equal(TimeSpan.FromSeconds(4), options.Limits.TimeBudget);
        Assert.Equal(4096, options.Limits.MaxOutputLength);
        Assert.Equal(1024 * 1024, RenderLimits.Default.MaxOutputLength);
        Assert.Equal(1024 * 1024, CompositionOptions.Default.Limits.MaxOutputLength);
        Assert.Equal(RenderLimits.Default, new CompositionOptions().Limits);
    }
}
