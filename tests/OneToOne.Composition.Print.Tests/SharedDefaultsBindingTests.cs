using Microsoft.Extensions.Configuration;
using static OneToOne.Composition.Testing.TestConfiguration;

namespace OneToOne.Composition.Print.Tests;

/// <summary>
/// <c>configuration.Bind(PrintFonts.Default)</c>, <c>Bind(AddressWindow.Din5008FormB)</c>, <c>Bind(PrintOptions.Default)</c>:
/// the configuration binder sets init-only properties through reflection, so a default that was one shared instance was
/// rewritten for every renderer in the process. Each is an instance of its own.
/// </summary>
public sealed class SharedDefaultsBindingTests
{
    [Fact]
    public void Bind_IntoPrintFontsDefault_ChangesThatInstanceOnly()
    {
        var regular = new PrintOptions().Fonts.Regular;
        var fonts = PrintFonts.Default;

        Settings(("Regular", "/srv/fonts/brand.ttf"), ("Bold", "/srv/fonts/brand-bold.ttf")).Bind(fonts);

        Assert.Equal("/srv/fonts/brand.ttf", fonts.Regular);
        Assert.Equal(regular, PrintFonts.Default.Regular);
        Assert.NotEqual("/srv/fonts/brand-bold.ttf", PrintFonts.Default.Bold);
        Assert.Equal(regular, PrintOptions.Default.Fonts.Regular);
    }

    [Fact]
    public void Bind_IntoTheAddressWindowDefaults_ChangesThoseInstancesOnly()
    {
        var din = AddressWindow.Din5008FormB;
        var us10 = AddressWindow.Us10;

        Settings(("Left", "1"), ("Top", "2")).Bind(din);
        Settings(("Left", "3"), ("BodyTop", "4")).Bind(us10);

        Assert.Equal((1f, 2f), (din.Left, din.Top));
        Assert.Equal((3f, 4f), (us10.Left, us10.BodyTop));
        Assert.Equal(AddressWindow.FromMillimetres(20, 45, 85, 45, 5, 5, 98.46f), AddressWindow.Din5008FormB);
        Assert.Equal(new AddressWindow(63f, 144f, 288f, 81f, 12f, 0f, 252f), AddressWindow.Us10);
        Assert.Equal(AddressWindow.Din5008FormB, new PrintOptions().Din5008Window);
        Assert.Equal(AddressWindow.Us10, new PrintOptions().Us10Window);
    }

    [Fact]
    public void Bind_IntoPrintOptionsDefault_ChangesThatInstanceOnly_ItsFontsAndWindowsToo()
    {
        var options = PrintOptions.Default;

        Settings(("MaxPages", "2"), ("Fonts:Regular", "/srv/fonts/brand.ttf"), ("Din5008Window:Left", "70")).Bind(options);

        Assert.Equal(2, options.MaxPages);
        Assert.Equal("/srv/fonts/brand.ttf", options.Fonts.Regular);
        Assert.Equal(70, options.Din5008Window.Left);
        Assert.Equal(100, PrintOptions.Default.MaxPages);
        Assert.NotEqual("/srv/fonts/brand.ttf", PrintOptions.Default.Fonts.Regular);
        Assert.NotEqual(70, PrintOptions.Default.Din5008Window.Left);
        Assert.Equal(new PrintOptions(), PrintOptions.Default);
    }
}
