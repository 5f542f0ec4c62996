using Microsoft.Extensions.Options;

namespace OneToOne.Composition.Print;

/// <summary>
/// Checks the options the options pattern makes for <c>AddPdf</c> (<c>services.AddOptions&lt;PrintOptions&gt;().Bind(…)</c>)
/// as a renderer would, so that <c>ValidateOnStart</c> stops a host at start with the check's message (which names the
/// option and what it must be), not at its first print run.
/// </summary>
internal sealed class PrintOptionsValidation : IValidateOptions<PrintOptions>
{
    public ValidateOptionsResult Validate(string? name, PrintOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
