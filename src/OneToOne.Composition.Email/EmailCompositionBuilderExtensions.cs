using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OneToOne.Composition.DependencyInjection;
using OneToOne.Composition.Email;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers an <see cref="EmailComposer"/> with <c>AddOneToOneComposition()</c>.</summary>
public static class EmailCompositionBuilderExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="EmailComposer"/> (the first registration wins; the composer is thread-safe). Its
    /// options start from the options pattern's <c>IOptions&lt;EmailOptions&gt;</c> (<see cref="EmailOptions.Default"/>
    /// unless configured: <c>services.AddOptions&lt;EmailOptions&gt;().Bind(section).ValidateOnStart()</c>, where an
    /// address or value that cannot work is an <c>OptionsValidationException</c> naming the option) with the clock the
    /// catalog decides by as the clock of the <c>Date</c> header: the container's <see cref="TimeProvider"/> when one is
    /// registered, else the one in <see cref="OneToOneCompositionOptions.Composition"/>.
    /// </summary>
    /// <param name="builder">The builder <c>AddOneToOneComposition()</c> returned.</param>
    /// <param name="configure">Changes the options, such as <c>o =&gt; o with { DefaultFrom = "Club &lt;club@example.com&gt;" }</c>; null keeps them.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static OneToOneCompositionBuilder AddEmail(this OneToOneCompositionBuilder builder, Func<EmailOptions, EmailOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions();
        builder.Services.TryAddTransient<IOptionsFactory<EmailOptions>, BindingOptionsFactory<EmailOptions>>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EmailOptions>, EmailOptionsValidation>());
        builder.Services.TryAddSingleton(provider =>
        {
            // The clock the registered catalog is loaded with: the container's, else the one the options were given.
            var clock = provider.GetRequiredService<OneToOneCompositionOptions>().Composition.TimeProvider;
            var options = provider.GetRequiredService<IOptions<EmailOptions>>().Value with { TimeProvider = clock };
            return new EmailComposer(configure is null ? options : configure(options));
        });
        return builder;
    }
}
