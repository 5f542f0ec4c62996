using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static OneToOne.Composition.Testing.TestConfiguration;

namespace OneToOne.Composition.Print.Tests;

/// <summary>
/// An application binds the print options from its appsettings.json. The configuration binder binds into the instance a
/// property holds: the renderer's options must be its own, not the shared <see cref="PrintOptions.Default"/>,
/// <see cref="PrintFonts.Default"/> or <see cref="AddressWindow.Din5008FormB"/>, which every other renderer uses.
/// </summary>
public sealed class PrintOptionsBindingTests
{
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
    public void Bind_IntoACopyOfTheDefault_MadeWithWith_LeavesTheDefaultsFontsAndWindowsAsTheyWere()
    {
        // The README's way to vary the options: 'PrintOptions.Default with { … }'. The copy's fonts and windows are its own.
        var regular = PrintOptions.Default.Fonts.Regular;
        var din = PrintOptions.Default.Din5008Window.Left;
        var configuration = Settings(("Fonts:Regular", "/srv/fonts/brand.ttf"), ("Din5008Window:Left", "70"), ("Us10Window:Top", "150"));
        var options = PrintOptions.Default with { Duplex = true };

        configuration.Bind(options);

        Assert.Equal("/srv/fonts/brand.ttf", options.Fonts.Regular);
        Assert.Equal(70, options.Din5008Window.Left);
        Assert.Equal(150, options.Us10Window.Top);
        Assert.Equal(regular, PrintOptions.Default.Fonts.Regular);
        Assert.Equal(din, PrintOptions.Default.Din5008Window.Left);
        Assert.Equal(AddressWindow.Us10, PrintOptions.Default.Us10Window);
        Assert.Equal(new PrintOptions(), PrintOptions.Default);
    }

    [Fact]
    public void With_CopiesEveryProperty()
    {
        // PrintOptions writes its own copy constructor (to copy the fonts and windows): a property it leaves out would be lost by 'with'.
        var options = new PrintOptions
        {
            PageSize = PrintPageSize.Letter,
            Margins = PrintMargins.Uniform(50),
            BaseFontSize = 12,
            Fonts = new PrintFonts { Regular = "/srv/fonts/a.ttf", Bold = "/srv/fonts/b.ttf", Fallbacks = ["/srv/fonts/c.ttf"] },
            MaxPages = 7,
            PageNumberFormat = "{0}/{1}",
            HeaderText = "Club",
            ShowLinkUrls = false,
            DocumentDate = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero),
            Duplex = true,
            Din5008Window = AddressWindow.Din5008FormB with { Left = 71 },
            Us10Window = AddressWindow.Us10 with { Top = 151 },
            AddressFontSize = 11,
            ReturnAddressFontSize = 8,
        };

        var copy = options with { };

        Assert.Equal(options, copy);
        Assert.NotSame(options.Fonts, copy.Fonts);
        Assert.NotSame(options.Din5008Window, copy.Din5008Window);
        Assert.NotSame(options.Us10Window, copy.Us10Window);
        Assert.Equal(
            ["AddressFontSize", "BaseFontSize", "Din5008Window", "DocumentDate", "Duplex", "Fonts", "HeaderText", "Margins", "MaxPages", "PageNumberFormat", "PageSize", "ReturnAddressFontSize", "ShowLinkUrls", "Us10Window"],
            typeof(PrintOptions).GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
                .Where(static p => p.CanWrite).Select(static p => p.Name).Order(StringComparer.Ordinal));
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
