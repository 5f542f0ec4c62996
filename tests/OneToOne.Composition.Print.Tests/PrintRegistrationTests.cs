using Microsoft.Extensions.DependencyInjection;

namespace OneToOne.Composition.Print.Tests;

public sealed class PrintRegistrationTests
{
    [Fact]
    public void AddPdf_RegistersOneRenderer_WithTheOptionsChanged_TheFirstRegistrationWinning()
    {
        var services = new ServiceCollection();
        services.AddOneToOneComposition()
            .AddPdf(static o => o with { PageSize = PrintPageSize.Letter, Duplex = true })
            .AddPdf(static o => o with { PageSize = PrintPageSize.A4, Duplex = false });
        using var provider = services.BuildServiceProvider();

        var renderer = provider.GetRequiredService<PdfRenderer>();

        Assert.Same(renderer, provider.GetRequiredService<PdfRenderer>());
        Assert.Equal(PrintPageSize.Letter, renderer.Options.PageSize);
        Assert.True(renderer.Options.Duplex);
    }

    [Fact]
    public void AddPdf_WithoutChanges_UsesTheDefaultOptions()
    {
        var services = new ServiceCollection();
        services.AddOneToOneComposition().AddPdf();
        using var provider = services.BuildServiceProvider();

        Assert.Equal(PrintOptions.Default, provider.GetRequiredService<PdfRenderer>().Options);
    }
}
