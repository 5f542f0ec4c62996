using System.Reflection;
using Microsoft.Extensions.Options;

namespace OneToOne.Composition.DependencyInjection;

/// <summary>
/// The options pattern's factory, which also tells a value out of range in a binding as the options pattern tells a
/// failed validation. Some of our options refuse such a value as it is set (the init setters of <c>PrintOptions</c>'
/// <c>MaxPages</c> and of the <c>CompositionOptions</c> and <c>RenderLimits</c> in <c>OneToOneCompositionOptions</c>
/// throw, naming the option and how to fix it; <c>EmailOptions</c> is settable, and the composer checks its values, as
/// its <c>IValidateOptions</c> does), and the configuration binder sets it through reflection, so it came out of the container as a
/// <see cref="TargetInvocationException"/> whose message says nothing ("Exception has been thrown by the target of an
/// invocation"): it is an <see cref="OptionsValidationException"/> with the setter's message instead, which a host's
/// <c>ValidateOnStart</c> reports as it starts. A configuration step that sets the value itself still gets the setter's
/// own exception, where it is thrown.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
internal sealed class BindingOptionsFactory<TOptions>(
    IEnumerable<IConfigureOptions<TOptions>> setups,
    IEnumerable<IPostConfigureOptions<TOptions>> postConfigures,
    IEnumerable<IValidateOptions<TOptions>> validations) : IOptionsFactory<TOptions>
    where TOptions : class
{
    private readonly OptionsFactory<TOptions> _factory = new(setups, postConfigures, validations);

    public TOptions Create(string name)
    {
        try
        {
            return _factory.Create(name);
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException refused)
        {
            throw new OptionsValidationException(name, typeof(TOptions), [refused.Message]);
        }
    }
}
