using System.Reflection;

namespace OneToOne.Composition.Email.Tests;

public sealed class EmailOptionsTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void HtmlSizeWarningBytes_Negative_IsRefusedByTheComposer_NamingThePropertyAndTheRange(int bytes)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new EmailComposer(new EmailOptions { HtmlSizeWarningBytes = bytes }));

        Assert.Equal("options", exception.ParamName);
        Assert.Equal(bytes, exception.ActualValue);
        Assert.StartsWith($"EmailOptions.HtmlSizeWarningBytes must be from 0 to 2147483647 bytes; it was {bytes}.", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(int.MaxValue)]
    public void HtmlSizeWarningBytes_AtTheEndsOfTheRange_IsKept(int bytes) =>
        Assert.Equal(bytes, (EmailOptions.Default with { HtmlSizeWarningBytes = bytes }).HtmlSizeWarningBytes);

    [Fact]
    public void TimeProvider_Null_IsRefused_RatherThanFailingAtTheFirstDateHeader()
    {
        var exception = Assert.Throws<ArgumentNullException>(() => EmailOptions.Default with { TimeProvider = null! });

        Assert.Equal("TimeProvider", exception.ParamName);
    }

    [Fact]
    public void EveryProperty_IsAValueAStringOrTheClock_SoTheComposersCopyOwnsWhatItReads()
    {
        // EmailComposer copies its options with 'with { }', which copies references: a mutable collection or object added
        // here would stay shared with the caller, whose later changes would reach composers already made. Such a property
        // needs a copy of its own in the composer (as PrintOptions' copy constructor makes of its fonts); then list it here.
        var properties = typeof(EmailOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => $"{p.Name}: {p.PropertyType.Name}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(["DefaultFrom: String", "HtmlSizeWarningBytes: Int32", "InlineCss: Boolean", "MessageIdDomain: String", "TimeProvider: TimeProvider"], properties);
    }
}
