using System.Net;
using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MimeKit;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Email;

namespace OneToOne.Composition.Print.Tests.Consistency;

/// <summary>
/// One decision drives every channel: for random recipients, every module the decision chose shows its distinctive
/// text in the plain text, the web fragment, both parts of the email (parsed back with MimeKit) and the PDF (text
/// extracted with PdfPig), in the same order everywhere.
/// </summary>
public sealed partial class CrossChannelConsistencyProperties
{
    private const string SmallCatalogYaml = """
        catalog: consistency
        segments:
          young: age < 30
          gold: tier == "gold"
        modules:
          hero-young:
            when: segment.young
            content: |
              ## Fresh picks for {{ first_name }}
              The **Zephyrine** selection is new this month.
          hero-gold:
            when: segment.gold
            content: |
              ## {{ first_name }}, your Aurelian reserve
              Members-only bottles, *cellared* for you.
          hero-default:
            content: |
              Our classic **Marbleton** box, {{ first_name }}.
          tip-city:
            when: city == "Berlin"
            content: "A note for Berlin: the *Quillfeather* tasting is on Friday."
          tip-points:
            when: points > 1000
            content: "You have {{ points }} points, enough for a **Brindlewood** glass."
            text: "Brindlewood glass: {{ points }} points."
          tip-list:
            content: |
              * Kestrelmoor lager, by the case
              * [Shop now](https://example.com/shop?u={{ id }})
          legal:
            content: "*Drink responsibly.* Ref Halvorsen."
            html: "<p class=\"legal\">Drink responsibly. Ref Halvorsen.</p>"
        slots:
          hero: { pick: first, from: [hero-young, hero-gold, hero-default] }
          tips: { pick: all, count: 2, from: [tip-city, tip-points, tip-list] }
          legal: { from: [legal] }
        messages:
          offer:
            subject: "{{ first_name }}, this month"
            body: |
              Hello {{ first_name }},

              {{ slot "hero" }}

              {{ slot "tips" }}

              {{ slot "legal" }}
            email:
              from: "Club <club@example.com>"
            print:
              window: din5008
              return-address: "Club · 1 Brew St · Springfield"
              address: |
                {{ first_name }} {{ last_name }}
                {{ street }}
                {{ city }}
        """;

    private static readonly Dictionary<string, string> SmallCatalogMarkers = new(StringComparer.Ordinal)
    {
        ["hero-young"] = "Zephyrine",
        ["hero-gold"] = "Aurelian",
        ["hero-default"] = "Marbleton",
        ["tip-city"] = "Quillfeather",
        ["tip-points"] = "Brindlewood",
        ["tip-list"] = "Kestrelmoor",
        ["legal"] = "Halvorsen",
    };

    /// <summary>A phrase of every module of examples/beer-of-the-month that no other module has and no recipient value can make.</summary>
    private static readonly Dictionary<string, string> ExampleMarkers = new(StringComparer.Ordinal)
    {
        ["light-beer"] = "Crisp Light Lager",
        ["imported-beer"] = "Bohemian Pilsner",
        ["domestic-beer"] = "Hometown Lager",
        ["greeting-gold-de"] = "Neuheiten dieses Monats",
        ["greeting-de"] = "hier ist dein Bier des Monats",
        ["greeting-fr"] = "Voici votre",
        ["greeting-gold"] = "first pick of this month",
        ["greeting-silver"] = "pouring this month",
        ["greeting-gb"] = "your monthly pint of news",
        ["greeting-standard"] = "new in the club this month",
        ["xs-stout-imperial"] = "Barrel-Aged Imperial Stout",
        ["xs-ipa-hop-sampler"] = "Single-Hop Sampler",
        ["xs-ipa-hazy"] = "Hazy Daze NEIPA",
        ["xs-cider-dry"] = "Orchard Dry Cider",
        ["xs-cider-perry"] = "Elderflower Perry",
        ["xs-snacks-pretzels"] = "Bavarian Soft Pretzels",
        ["xs-snacks-cheese"] = "Aged Cheddar Board",
        ["xs-lager-pilsner"] = "Helles Mixed Case",
        ["xs-mixed-case"] = "Explorer Mixed Case",
        ["loyalty-gold-milestone"] = "private tour and tasting for two",
        ["loyalty-gold"] = "Gold perks",
        ["loyalty-upgrade-nudge"] = "Almost Gold",
        ["loyalty-silver"] = "Silver perks",
        ["loyalty-welcome"] = "Start collecting",
        ["loyalty-balance"] = "Your points",
        ["event-munich-fest"] = "Festbier tasting in Munich",
        ["event-london-cask"] = "Cask Ale Evening",
        ["event-us-brewers-night"] = "members-only evening in Portland",
        ["event-us-tasting"] = "Our tasting truck visits",
        ["no-event"] = "No club events in your area",
        ["legal-us"] = "You must be 21 or older",
        ["legal-de"] = "Abgabe von Alkohol",
        ["legal-gb"] = "You must be 18 or over",
        ["legal-generic"] = "of legal drinking age",
        ["footer"] = "Manage your preferences or unsubscribe",
    };

    private static readonly string[] FirstNames = ["Zoë", "Jürgen", "Søren", "Ana", "Łukasz", "Chloé", "Ngozi", "Mia", "O'Brien", "Ελένη"];

    private static readonly Lazy<Catalog> SmallCatalog = new(() => new CatalogLoader(TestOptions.Untimed).Parse(SmallCatalogYaml));

    private static readonly EmailComposer Composer = new();

    [Property(MaxTest = 50)]
    public Property SmallCatalog_EveryChosenModuleAppearsInEveryChannel() =>
        Prop.ForAll(SmallCatalogRecipients(), static recipient =>
            CheckChannels(SmallCatalog.Value, "offer", recipient, SmallCatalogMarkers));

    [Property(MaxTest = 50)]
    public Property ExampleCatalog_EveryChosenModuleAppearsInEveryChannel() =>
        Prop.ForAll(ExampleRecipients(), static recipient =>
            CheckChannels(PrintTestData.Example, "monthly", recipient, ExampleMarkers));

    private static Arbitrary<Dictionary<string, object?>> SmallCatalogRecipients() =>
        (from id in Gen.Choose(1, 99999)
         from firstName in Gen.Elements(FirstNames)
         from age in Gen.Choose(18, 90)
         from tier in Gen.Elements("gold", "silver", "standard")
         from points in Gen.Choose(0, 5000)
         from city in Gen.Elements("Berlin", "Hamburg", "Paris", "Springfield")
         select new Dictionary<string, object?>
         {
             ["id"] = $"s{id:D5}",
             ["first_name"] = firstName,
             ["last_name"] = "Example",
             ["email"] = $"person{id}@example.com",
             ["age"] = age,
             ["tier"] = tier,
             ["points"] = points,
             ["street"] = $"{id % 200 + 1} Main Street",
             ["city"] = city,
         }).ToArbitrary();

    private static Arbitrary<Dictionary<string, object?>> ExampleRecipients() =>
        (from id in Gen.Choose(1, 99999)
         from firstName in Gen.Elements(FirstNames)
         from nickname in Gen.Elements<string?>(null, null, "Jogi", "Bea")
         from gender in Gen.Elements("female", "male", "diverse")
         from iq in Gen.Choose(70, 150)
         from tier in Gen.Elements("gold", "silver", "standard")
         from points in Gen.Choose(0, 9000)
         from category in Gen.Elements("stout", "ipa", "cider", "snacks", "lager", "wine")
         from place in Gen.Elements(("US", "en-US"), ("DE", "de-DE"), ("GB", "en-GB"), ("FR", "fr-FR"), ("CA", "en-US"), ("DE", "en-US"))
         select Recipient(id, firstName, nickname, gender, iq, tier, points, category, place.Item1, place.Item2)).ToArbitrary();

    private static Dictionary<string, object?> Recipient(int id, string firstName, string? nickname, string gender, int iq, string tier, int points, string category, string country, string locale)
    {
        var recipient = new Dictionary<string, object?>
        {
            ["id"] = $"r{id:D5}",
            ["first_name"] = firstName,
            ["email"] = $"member{id}@example.com",
            ["gender"] = gender,
            ["iq"] = iq,
            ["tier"] = tier,
            ["points"] = points,
            ["last_category"] = category,
            ["country"] = country,
            ["locale"] = locale,
            ["unsubscribed"] = false,
        };
        if (nickname is not null)
        {
            recipient["nickname"] = nickname;
        }

        return recipient;
    }

    private static void CheckChannels(Catalog catalog, string messageId, Dictionary<string, object?> recipient, Dictionary<string, string> markers)
    {
        Decision decision = catalog.Decide(recipient, messageId);
        Assert.False(decision.IsSuppressed);
        var chosen = decision.Slots.SelectMany(static s => s.ModuleIds).ToList();
        Assert.NotEmpty(chosen);
        var phrases = chosen.Select(m => markers.TryGetValue(m, out var p) ? p : throw new InvalidOperationException($"No marker phrase for module '{m}'; add one to the test.")).ToList();

        var text = catalog.Render(decision, Channel.Text).Body;
        var web = WebUtility.HtmlDecode(catalog.Render(decision, Channel.Web).Body);

        using var mime = MimeMessage.Load(new MemoryStream(Composer.Compose(catalog, decision).ToBytes()));
        Assert.Equal("multipart/alternative", mime.Body?.ContentType.MimeType);
        var emailText = mime.TextBody ?? throw new InvalidOperationException("The email has no text/plain part.");
        var emailHtml = WebUtility.HtmlDecode(mime.HtmlBody ?? throw new InvalidOperationException("The email has no text/html part."));

        var pdf = PrintTestData.AllText(PrintTestData.Renderer.Render(catalog.RenderPrint(decision)));

        var channels = new (string Name, string Content)[] { ("text", text), ("web", web), ("email text", emailText), ("email html", emailHtml), ("print", pdf) };
        List<string>? expectedOrder = null;
        foreach (var (name, content) in channels)
        {
            var flat = Whitespace().Replace(content, " ");
            foreach (var phrase in phrases)
            {
                Assert.True(flat.Contains(phrase, StringComparison.Ordinal), $"The {name} channel lacks '{phrase}' for {decision.RecipientId}:\n{flat}");
            }

            // The same modules in the same order in every channel.
            var order = phrases.OrderBy(p => flat.IndexOf(p, StringComparison.Ordinal)).ToList();
            expectedOrder ??= order;
            Assert.Equal(expectedOrder, order);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
