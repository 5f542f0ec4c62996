using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests;

/// <summary>
/// An application configures the registered composer the Microsoft.Extensions way:
/// <c>services.AddOptions&lt;EmailOptions&gt;().Bind(section).ValidateOnStart()</c>.
/// </summary>
public sealed class EmailOptionsPatternTests
{
    [Fact]
    public void AddOptionsBind_SetsTheComposersOptions_DatedByTheContainersClock()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Email:DefaultFrom", "Desk <desk@example.com>"), new("Email:MessageIdDomain", "mail.example.com")])
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        services.AddOneToOneComposition().AddEmail();
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection("Email"));
        using var provider = services.BuildServiceProvider();

        var message = Load(provider.GetRequiredService<EmailComposer>().Compose(Club, Club.Decide(Person(), "bare")).ToBytes());

        Assert.Equal("desk@example.com", Assert.Single(message.From.Mailboxes).Address);
        Assert.EndsWith("@mail.example.com", message.MessageId, StringComparison.Ordinal);
        Assert.Equal(Now, message.Date);
        Assert.Null(EmailOptions.Default.DefaultFrom);
    }

    [Fact]
    public void Bind_IntoEmailOptionsDefault_ChangesThatInstanceOnly_NotTheNextDefaultNorANewComposersOptions()
    {
        // The binder sets the properties of the instance it is given: a shared Default was rewritten for every composer.
        var options = EmailOptions.Default;

        new ConfigurationBuilder()
            .AddInMemoryCollection([new("DefaultFrom", "Desk <desk@example.com>"), new("InlineCss", "false")])
            .Build()
            .Bind(options);

        Assert.Equal("Desk <desk@example.com>", options.DefaultFrom);
        Assert.False(options.InlineCss);
        Assert.Null(EmailOptions.Default.DefaultFrom);
        Assert.True(EmailOptions.Default.InlineCss);
        Assert.Equal(new EmailOptions(), EmailOptions.Default);
        var error = Assert.Throws<EmailException>(() => new EmailComposer().Compose(Club, Club.Decide(Person(), "bare")));
        Assert.Contains("no From address", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("DefaultFrom", "the desk", "EmailOptions.DefaultFrom 'the desk' is not one valid address; write it as 'name@example.com' or 'Name <name@example.com>'.")]
    [InlineData("HtmlSizeWarningBytes", "-1", "EmailOptions.HtmlSizeWarningBytes must be from 0 to 2147483647 bytes; it was -1.")]
    public async Task ValidateOnStart_ABoundValueThatCannotWork_StopsTheHost_NamingTheOptionAndHowToFixIt(string key, string value, string message)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection([new($"Email:{key}", value)]);
        builder.Services.AddOneToOneComposition().AddEmail();
        builder.Services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection("Email")).ValidateOnStart();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(typeof(EmailOptions), error.OptionsType);
        Assert.StartsWith(message, Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigureAndPostConfigure_InAGenericHost_SetTheRegisteredComposersOptions()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new("Email:DefaultFrom", "Desk <desk@example.com>")]);
        builder.Services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        builder.Services.AddOneToOneComposition().AddEmail();
        builder.Services.AddOptions<EmailOptions>().Bind(builder.Configuration.GetSection("Email")).ValidateOnStart();
        builder.Services.Configure<EmailOptions>(o => o.MessageIdDomain = "mail.example.com");
        builder.Services.PostConfigure<EmailOptions>(o => o.DefaultFrom = "Post <post@example.com>");
        using var host = builder.Build();
        await host.StartAsync();

        var message = Load(host.Services.GetRequiredService<EmailComposer>().Compose(Club, Club.Decide(Person(), "bare")).ToBytes());

        Assert.Equal("post@example.com", Assert.Single(message.From.Mailboxes).Address);
        Assert.EndsWith("@mail.example.com", message.MessageId, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task ValidateOnStart_AConfigureLambdasNegativeHtmlSize_StopsTheHost_WithTheBindingsMessage()
    {
        // The check is the composer's, not a setter's: a lambda, the reflection binder and the binder's source generator
        // all set the value, and ValidateOnStart reports it with one message.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddOneToOneComposition().AddEmail();
        builder.Services.AddOptions<EmailOptions>().Configure(o => o.HtmlSizeWarningBytes = -1).ValidateOnStart();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.StartsWith("EmailOptions.HtmlSizeWarningBytes must be from 0 to 2147483647 bytes; it was -1.", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void AComposer_KeepsTheOptionsItWasMadeWith_WhenTheirOwnerSetsThemLater()
    {
        var options = new EmailOptions { DefaultFrom = "Desk <desk@example.com>", TimeProvider = new FixedTimeProvider(Now) };
        var composer = new EmailComposer(options);

        options.DefaultFrom = "Other <other@example.com>";
        options.TimeProvider = new FixedTimeProvider(Now.AddYears(1));
        options.HtmlSizeWarningBytes = 0;
        var result = composer.Compose(Club, Club.Decide(Person(), "bare"));
        var message = Load(result.ToBytes());

        Assert.Equal("desk@example.com", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal(Now, message.Date);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void TheRegisteredComposer_KeepsItsSnapshot_WhenTheOptionsInstanceIsSetAfterward()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        services.AddOneToOneComposition().AddEmail();
        services.Configure<EmailOptions>(o => o.DefaultFrom = "Desk <desk@example.com>");
        using var provider = services.BuildServiceProvider();
        var composer = provider.GetRequiredService<EmailComposer>();

        var shared = provider.GetRequiredService<IOptions<EmailOptions>>().Value;
        shared.DefaultFrom = "Other <other@example.com>";
        shared.HtmlSizeWarningBytes = 0;
        var result = composer.Compose(Club, Club.Decide(Person(), "bare"));

        Assert.Equal("desk@example.com", Assert.Single(Load(result.ToBytes()).From.Mailboxes).Address);
        Assert.Empty(result.Warnings);
    }
}
