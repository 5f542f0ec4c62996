using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OneToOne.Composition.DependencyInjection;
using OneToOne.Composition.Print;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="PdfRenderer"/> with <c>AddOneToOneComposition()</c>.</summary>
public static class PrintCompositionBuilderExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="PdfRenderer"/> (the first registration wins; the renderer is thread-safe), made when
    /// first needed: its fonts load then, and a font that cannot be loaded throws <see cref="PrintException"/> there. Its
    /// options are the options pattern's <c>IOptions&lt;PrintOptions&gt;</c> (<see cref="PrintOptions.Default"/> unless
    /// configured: <c>services.AddOptions&lt;PrintOptions&gt;().Bind(section).ValidateOnStart()</c>, where options out of
    /// range are an <c>OptionsValidationException</c> naming the option), changed by <paramref name="configure"/>.
    /// </summary>
    /// <param name="builder">The builder <c>AddOneToOneComposition()</c> returned.</param>
    /// <param name="configure">Changes the options, such as <c>o =&gt; o with { PageSize = PrintPageSize.Letter }</c>; null keeps them.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static OneToOneCompositionBuilder AddPdf(this OneToOneCompositionBuilder builder, Func<PrintOptions, PrintOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions();
        builder.Services.TryAddTransient<IOptionsFactory<PrintOptions>, BindingOptionsFactory<PrintOptions>>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrintOptions>, PrintOptionsValidation>());
        // A copy of the configured options (its fonts and windows its own), so a step that binds from configuration into
        // the one it is given (o => { section.Bind(o); return o; }) changes the renderer's options only.
        builder.Services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<PrintOptions>>().Value with { };
            return new PdfRenderer(configure is null ? options : configure(options));
        });
        return builder;
    }
}
