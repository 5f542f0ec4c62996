using Microsoft.Extensions.DependencyInjection;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Tests.DependencyInjection;

/// <summary>
/// <c>ValidateOneToOneComposition</c>, called as the application starts: a broken catalog or configuration is told then,
/// with every diagnostic, not at the first request; a good catalog is loaded once and served from then on.
/// </summary>
public sealed class ValidateOnStartTests
{
    [Fact]
    public void ABrokenCatalog_IsToldAtStart_WithItsFileLineAndColumn()
    {
        using var temp = new TempDirectory();
        var path = temp.File("catalog.yaml");
        File.WriteAllText(path, "catalog: c\nmessages:\n  m:\n    body: \"{{ slot 'nowhere' }}\"\n");
        var services = new ServiceCollection();
        services.AddOneToOneComposition(o => o.CatalogPath = path);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<CatalogException>(() => provider.ValidateOneToOneComposition());

        Assert.NotEmpty(error.Diagnostics);
        Assert.All(error.Diagnostics, d => Assert.StartsWith($"{path}(4,", d.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void AConfigurationStepOutOfRange_IsToldAtStart_NamingTheOption()
    {
        var services = new ServiceCollection();
        services.AddOneToOneComposition(o => o.CatalogPath = TestCatalogs.DesignExamplePath)
            .Configure(o => o.Composition = o.Composition with { Limits = RenderLimits.Default with { MaxRecursionDepth = 0 } });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => provider.ValidateOneToOneComposition());

        Assert.Equal("MaxRecursionDepth", error.ParamName);
    }

    [Fact]
    public void AGoodCatalog_IsLoadedOnce_AndIsTheOneTheContainerServes()
    {
        var services = new ServiceCollection();
        services.AddOneToOneComposition(o => o.CatalogPath = TestCatalogs.DesignExamplePath);
        using var provider = services.BuildServiceProvider();

        var catalog = provider.ValidateOneToOneComposition();

        Assert.Equal("beer-of-the-month", catalog.Id);
        Assert.Same(catalog, provider.GetRequiredService<Catalog>());
    }

    [Fact]
    public void WithoutTheRegistration_SaysWhatToCall()
    {
        using var provider = new ServiceCollection().BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.ValidateOneToOneComposition());

        Assert.StartsWith("OneToOne.Composition is not registered with these services: call services.AddOneToOneComposition(", error.Message, StringComparison.Ordinal);
    }
}
