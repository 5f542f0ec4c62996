using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static OneToOne.Composition.Testing.TestConfiguration;

namespace OneToOne.Composition.Print.Tests;

/// <summary>
/// An application configures the registered renderer the Microsoft.Extensions way:
/// <c>services.AddOptions&lt;PrintOptions&gt;().Bind(section).ValidateOnStart()</c>; <c>AddPdf</c>'s own step changes what
/// that gives.
/// </summary>
public sealed class PrintOptionsPatternTests
{
    [Fact]
    public void AddOptionsBind_SetsTheRenderersOptions_AndAddPdfsStepChangesThemAfter()
    {
        var configuration = Settings(("Print:PageSize", "Letter"), ("Print:MaxPages", "4"), ("Print:Din5008Window:Left", "70"));
        var services = new ServiceCollection();
        services.AddOneToOneComposition().AddPdf(static o => o with { Duplex = true });
        services.AddOptions<PrintOptions>().Bind(configuration.GetSection("Print"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<PdfRenderer>().Options;

        Assert.Equal(PrintPageSize.Letter, options.PageSize);
        Assert.Equal(4, options.MaxPages);
        Assert.Equal(70, options.Din5008Window.Left);
        Assert.True(options.Duplex);
        Assert.False(provider.GetRequiredService<IOptions<PrintOptions>>().Value.Duplex);
        Assert.Equal(100, PrintOptions.Default.MaxPages);
    }

    [Theory]
    [InlineData("BaseFontSize", "2", "BaseFontSize must be between 4 and 72 points.")]
    [InlineData("MaxPages", "0", "PrintOptions.MaxPages must be at least 1; it was 0. Raise it to the most pages one message may run to.")]
    public async Task ValidateOnStart_ABoundValueOutOfRange_StopsTheHost_NamingTheOption(string key, string value, string message)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new($"Print:{key}", value)]);
        builder.Services.AddOneToOneComposition().AddPdf();
        builder.Services.AddOptions<PrintOptions>().Bind(builder.Configuration.GetSection("Print")).ValidateOnStart();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(typeof(PrintOptions), error.OptionsType);
        Assert.StartsWith(message, Assert.Single(error.Failures), StringComparison.Ordinal);
    }
}
