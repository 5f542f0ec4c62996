using Microsoft.Extensions.Options;

namespace OneToOne.Composition.Email;

/// <summary>
/// Checks the options the options pattern makes for <c>AddEmail</c> (<c>services.AddOptions&lt;EmailOptions&gt;().Bind(…)</c>)
/// as the composer does, so that <c>ValidateOnStart</c> stops a host at start with the check's message (which names the
/// option and how to write it), not at its first send.
/// </summary>
internal sealed class EmailOptionsValidation : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        try
        {
            _ = new EmailComposer(options);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
