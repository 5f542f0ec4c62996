using Microsoft.Extensions.DependencyInjection.Extensions;
using OneToOne.Composition.DependencyInjection;
using OneToOne.Composition.Print;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="PdfRenderer"/> with <c>AddOneToOneComposition()</c>.</summary>
public static class PrintCompositionBuilderExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="PdfRenderer"/> (the first registration wins; the renderer is thread-safe), made when
    /// first needed: its fonts load then, and a font that cannot be loaded throws <see cref="PrintException"/> there.
    /// </summary>
    /// <param name="builder">The builder <c>AddOneToOneComposition()</c> returned.</param>
    /// <param name="configure">Changes the options, starting from <see cref="PrintOptions.Default"/>, such as <c>o =&gt; o with { PageSize = PrintPageSize.Letter }</c>; null keeps them.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    public static OneToOneCompositionBuilder AddPdf(this OneToOneCompositionBuilder builder, Func<PrintOptions, PrintOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // A fresh PrintOptions (equal to PrintOptions.Default), so a step that binds from configuration into the one it is
        // given (o => { section.Bind(o); return o; }) changes the renderer's options only.
        builder.Services.TryAddSingleton(_ => new PdfRenderer(configure is null ? PrintOptions.Default : configure(new PrintOptions())));
        return builder;
    }
}
