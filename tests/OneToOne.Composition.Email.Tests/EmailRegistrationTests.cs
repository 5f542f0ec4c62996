using Microsoft.Extensions.DependencyInjection;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests;

public sealed class EmailRegistrationTests
{
    [Fact]
    public void AddEmail_RegistersOneComposer_DatedByTheContainersClock_WithTheOptionsChanged()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(Now));
        services.AddOneToOneComposition()
            .AddEmail(static o => o with { DefaultFrom = "Desk <desk@example.com>", MessageIdDomain = "mail.example.com" })
            .AddEmail(static o => o with { DefaultFrom = "Second <second@example.com>" });
        using var provider = services.BuildServiceProvider();

        var composer = provider.GetRequiredService<EmailComposer>();
        var message = Load(composer.Compose(Club, Club.Decide(Person(), "bare")).ToBytes());

        Assert.Same(composer, provider.GetRequiredService<EmailComposer>());
        Assert.Equal("desk@example.com", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal(Now, message.Date);
        Assert.EndsWith("@mail.example.com", message.MessageId, StringComparison.Ordinal);
    }

    [Fact]
    public void AddEmail_WithTheClockSetInTheOptions_DatesByThatClock_AsTheCatalogDecidesByIt()
    {
        var services = new ServiceCollection();
        services.AddOneToOneComposition(o => o.Composition = o.Composition with { TimeProvider = new FixedTimeProvider(Now) })
            .AddEmail(static o => o with { DefaultFrom = "desk@example.com" });
        using var provider = services.BuildServiceProvider();

        var message = Load(provider.GetRequiredService<EmailComposer>().Compose(Club, Club.Decide(Person(), "bare")).ToBytes());

        Assert.Equal(Now, message.Date);
    }
}
