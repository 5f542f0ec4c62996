using System.Reflection;
using Microsoft.Extensions.Options;

namespace OneToOne.Composition.DependencyInjection;

/// <summary>
/// The options pattern's factory, which also tells a value out of range in a binding as the options pattern tells a
/// failed validation. The options refuse such a value as it is set (<see cref="RenderLimits"/>' setters throw, naming the
/// option and how to fix it), and the configuration binder sets it through reflection, so it came out of the container
/// as a <see cref="TargetInvocationException"/> whose message says nothing ("Exception has been thrown by the target of
/// an invocation"): it is an <see cref="OptionsValidationException"/> with the setter's message instead, which a host's
/// <c>ValidateOnStart</c> reports as it starts.
/// </summary>
internal sealed class OneToOneCompositionOptionsFactory(
    IEnumerable<IConfigureOptions<OneToOneCompositionOptions>> setups,
    IEnumerable<IPostConfigureOptions<OneToOneCompositionOptions>> postConfigures,
    IEnumerable<IValidateOptions<OneToOneCompositionOptions>> validations) : IOptionsFactory<OneToOneCompositionOptions>
{
    private readonly OptionsFactory<OneToOneCompositionOptions> _factory = new(setups, postConfigures, validations);

    public OneToOneCompositionOptions Create(string name)
    {
        try
        {
            return _factory.Create(name);
        }
        catch (TargetInvocationException e) when (e.InnerException is ArgumentException refused)
        {
            throw new OptionsValidationException(name, typeof(OneToOneCompositionOptions), [refused.Message]);
        }
    }
}
