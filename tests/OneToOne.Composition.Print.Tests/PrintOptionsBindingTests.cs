using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace OneToOne.Composition.Print.Tests;

/// <summary>
/// An application binds the print options from its appsettings.json. The configuration binder binds into the instance a
/// property holds: the renderer's options must be its own, not the shared <see cref="PrintOptions.Default"/>,
/// <see cref="PrintFonts.Default"/> or <see cref="AddressWindow.Din5008FormB"/>, which every other renderer uses.
/// </summary>
public sealed class PrintOptionsBindingTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(static s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();

    [Fact]
    public void AddPdf_BindingTheOptionsItIsGiven_SetsTheRenderersOptions_AndLeavesTheDefaultsAsTheyWere()
    {
        var configuration = Settings(("Print:PageSize", "Letter"), ("Print:MaxPages", "4"), ("Print:Din5008Window:Left", "70"));
        var services = new ServiceCollection();
        services.AddOneToOneComposition().AddPdf(o =>
        {
            configuration.GetSection("Print").Bind(o);
            return o;
        });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<PdfRenderer>().Options;

        Assert.Equal(PrintPageSize.Letter, options.PageSize);
        Assert.Equal(4, options.MaxPages);
        Assert.Equal(70, options.Din5008Window.Left);
        Assert.Equal(PrintPageSize.A4, PrintOptions.Default.PageSize);
        Assert.Equal(100, PrintOptions.Default.MaxPages);
        Assert.NotEqual(70, PrintOptions.Default.Din5008Window.Left);
        Assert.NotEqual(70, AddressWindow.Din5008FormB.Left);
    }

    [Fact]
    public void Get_PrintOptions_FromConfiguration_SetsItsFonts_AndLeavesPrintFontsDefaultAsItWas()
    {
        var regular = PrintFonts.Default.Regular;
        var configuration = Settings(("HeaderText", "Club"), ("Fonts:Regular", "/srv/fonts/brand.ttf"), ("Us10Window:Top", "150"));

        var options = configuration.Get<PrintOptions>()!;

        Assert.Equal("Club", options.HeaderText);
        Assert.Equal("/srv/fonts/brand.ttf", options.Fonts.Regular);
        Assert.Equal(150, options.Us10Window.Top);
        Assert.Equal(regular, PrintFonts.Default.Regular);
        Assert.Equal(regular, PrintOptions.Default.Fonts.Regular);
        Assert.Equal(2.0f * 72, AddressWindow.Us10.Top);
        Assert.Equal(PrintFonts.Default, new PrintOptions().Fonts);
    }
}
