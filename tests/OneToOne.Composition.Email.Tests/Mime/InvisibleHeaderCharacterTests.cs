using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MimeKit;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Mime;

/// <summary>
/// Zero-width and bidirectional formatting characters in a recipient's value reached the Subject and the To display name
/// (U+200B–U+200F, U+FEFF, and in the display name U+202A–U+202E and U+2066–U+2069 too): a name written as
/// "\u202Eelpmaxe.knab@troppus" shows as "support@bank.example", and "pay\u200Bpal" passes a filter for the brand.
/// They are removed from headers, with a warning; the zero-width joiners stay where a script or an emoji needs them, and
/// the direction marks U+200E and U+200F in right-to-left text.
/// </summary>
public sealed class InvisibleHeaderCharacterTests
{
    private static readonly char[] AlwaysRemoved =
        ['\u200B', '\u200E', '\u200F', '\uFEFF', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];

    [Theory]
    [InlineData("\u202Eelpmaxe.knab@troppus", "elpmaxe.knab@troppus")]
    [InlineData("\u2067Ann\u2069 <ceo@bank.example>", "Ann <ceo@bank.example>")]
    public void BidirectionalControls_AreRemovedFromSubjectAndDisplayName(string name, string shown)
    {
        // The core drops them from every one-line value already (README, safe rendering), without a warning.
        var message = Load(Compose(Person(name: name)).ToBytes());

        Assert.Equal("News for " + shown, message.Subject);
        Assert.Equal(shown, Assert.IsType<MailboxAddress>(Assert.Single(message.To)).Name);
    }

    [Theory]
    [InlineData("pay\u200Bpal\uFEFF", "paypal", "U+200B, U+FEFF")]
    [InlineData("\u200FAnn\u200E", "Ann", "U+200F, U+200E")]
    [InlineData("Ann\u200DBob\u200C", "AnnBob", "U+200D, U+200C")]
    [InlineData("Ивa\u200Dн", "Ивaн", "U+200D")]
    public void InvisibleCharacters_AreRemovedFromSubjectAndDisplayName_WithAWarning(string name, string shown, string named)
    {
        var result = Compose(Person(name: name));
        var message = Load(result.ToBytes());

        Assert.Equal("News for " + shown, message.Subject);
        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        Assert.Equal(shown, to.Name);
        Assert.Equal("ann@example.com", to.Address);
        Assert.Equal(
            [
                $"The Subject had invisible formatting characters ({named}), which were removed: in a header they can make text read as something it is not, such as a name that shows as another address, and mail providers' spoofing checks distrust them. Check the recipient's data, or the catalog's text, for them.",
                $"The To display name (email: to-name) had invisible formatting characters ({named}), which were removed: in a header they can make text read as something it is not, such as a name that shows as another address, and mail providers' spoofing checks distrust them. Check the recipient's data, or the catalog's text, for them.",
            ],
            result.Warnings.Where(static w => w.Contains("invisible", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The review's finding: Hebrew and Arabic subjects set the direction of punctuation and digits with U+200F and U+200E,
    /// which were removed from every such subject, with a warning on every message.
    /// </summary>
    [Theory]
    [InlineData("‏50%‏ שלום")]
    [InlineData("مرحبا ‎Ann‎!")]
    public void DirectionMarks_InRightToLeftText_AreKept_WithoutAWarning(string name)
    {
        var result = Compose(Person(name: name));
        var message = Load(result.ToBytes());

        Assert.Equal("News for " + name, message.Subject);
        Assert.Equal(name, Assert.IsType<MailboxAddress>(Assert.Single(message.To)).Name);
        Assert.DoesNotContain(result.Warnings, static w => w.Contains("invisible", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("می‌خواهم")] // Persian: a ZWNJ between a word's parts
    [InlineData("क्‍ष")] // Devanagari: a ZWJ choosing the half form
    [InlineData("👨‍👩‍👧")] // an emoji family: ZWJs between emoji
    [InlineData("👩‍❤️‍👨")] // ZWJ after a variation selector, before a dingbat
    public void Joiners_ThatAScriptOrAnEmojiNeeds_AreKept(string name)
    {
        var result = Compose(Person(name: name));
        var message = Load(result.ToBytes());

        Assert.Equal("News for " + name, message.Subject);
        Assert.Equal(name, Assert.IsType<MailboxAddress>(Assert.Single(message.To)).Name);
        Assert.DoesNotContain(result.Warnings, static w => w.Contains("invisible", StringComparison.Ordinal));
    }

    [Fact]
    public void ANameOfInvisibleCharactersOnly_LeavesTheAddressWithoutADisplayName()
    {
        var message = Load(Compose(Person(name: "\u202E\u200B")).ToBytes());

        var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
        Assert.True(string.IsNullOrEmpty(to.Name), to.Name);
        Assert.Equal("ann@example.com", to.Address);
    }

    [Fact]
    public void TheSendersDisplayName_LosesThemToo()
    {
        var options = Options with { DefaultFrom = "Ba\u200Bnk\u202E <news@bank.example>" };

        var message = Load(Compose(Person(), "bare", options).ToBytes());

        Assert.Equal("Bank", Assert.IsType<MailboxAddress>(Assert.Single(message.From)).Name);
    }

    private static Arbitrary<string> Names() =>
        Gen.Elements(['a', 'Z', ' ', '@', '.', '<', '>', '-', 'é', 'Ж', '\u200C', '\u200D', .. AlwaysRemoved]).ArrayOf()
            .Select(static chars => new string(chars)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property NoHeaderKeepsAnInvisibleCharacter_AndTheRestIsKeptAsWritten() =>
        Prop.ForAll(Names(), static name =>
        {
            var message = Load(Compose(Person(name: name)).ToBytes());
            var visible = new string(name.Where(static c => c is not ('\u200C' or '\u200D') && !AlwaysRemoved.Contains(c)).ToArray());

            Assert.Equal(("News for " + visible).Trim(), message.Subject!.Trim());
            var to = Assert.IsType<MailboxAddress>(Assert.Single(message.To));
            Assert.Equal(string.Join(' ', visible.Split(' ', StringSplitOptions.RemoveEmptyEntries)), string.Join(' ', (to.Name ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        });
}
