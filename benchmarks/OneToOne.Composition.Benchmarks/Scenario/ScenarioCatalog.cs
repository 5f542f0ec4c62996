using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Benchmarks.Scenario;

/// <summary>
/// The benchmark's email catalog, generated in code: 35 modules in 8 slots (greeting by locale and tier,
/// a hero chosen by rules on gender / age / iq / tier, cross-sells by last purchase category, a loyalty
/// block, a loop over recent purchases priced in the recipient's culture, an event and a legal block by
/// country, a footer with a per-recipient link). Larger catalogs add modules that are eligible but lose,
/// or that sit in slots the message never places, so every size produces the same bytes per recipient.
/// </summary>
/// <remarks>
/// The Markdown is deliberately plain (headings, paragraphs, <c>**strong**</c>, <c>*em*</c>, one bullet list,
/// one link, one rule) so that the peers can write exactly the HTML Markdig makes of it.
/// </remarks>
public static class ScenarioCatalog
{
    /// <summary>The message every benchmark decides and renders.</summary>
    public const string MessageId = "monthly";

    /// <summary>The number of modules of the base scenario.</summary>
    public const int BaseModuleCount = 35;

    private const string Base = """
        catalog: bench-beer-club
        locale: en-US

        segments:
          connoisseurs: gender == "male" && iq > 93 && tier != "standard"

        modules:
          # ------------------------------------------------------------ greeting: locale, then tier
          greeting-gold-de:
            when: tier == "gold" && locale == "de-DE"
            content: |
              ## Hallo {{ first_name }}, schön, dass du wieder da bist
              Als **Gold**-Mitglied siehst du unsere Neuheiten vor allen anderen. Hier ist deine persönliche Auswahl für diesen Monat, frisch aus dem Sudhaus und direkt an deine Tür geliefert.

              In deiner Box: sechs Biere aus vier Ländern, eine Verkostungskarte zu jedem Bier und ein Rezept, das zu allen passt. Du kannst deine Box bis Freitag anpassen oder pausieren.
          greeting-de:
            when: locale == "de-DE"
            content: |
              ## Hallo {{ first_name }}
              Hier ist deine persönliche Auswahl für diesen Monat, zusammengestellt von unseren Braumeistern. Jede Kiste wird frisch abgefüllt und innerhalb von zwei Tagen geliefert.

              In deiner Box: sechs Biere aus vier Ländern, eine Verkostungskarte zu jedem Bier und ein Rezept, das zu allen passt. Du kannst deine Box bis Freitag anpassen oder pausieren.
          greeting-fr:
            when: locale == "fr-FR"
            content: |
              ## Bonjour {{ first_name }}
              Voici votre sélection personnelle du mois, choisie par nos maîtres brasseurs. Chaque caisse est mise en bouteille à la commande et livrée en deux jours.

              Dans votre caisse : six bières de quatre pays, une fiche de dégustation pour chacune et une recette qui les accompagne toutes. Vous pouvez modifier ou suspendre votre caisse jusqu'à vendredi.
          greeting-gold:
            when: tier == "gold"
            content: |
              ## Welcome back, {{ first_name }}
              As a **Gold** member you see our new releases before anyone else. Here is your personal selection for this month, fresh from the brewhouse and delivered to your door.

              In your box: six beers from four countries, a tasting card for each one and a recipe that goes with all of them. You can change or pause your box until Friday.
          greeting-standard:
            content: |
              ## Hello {{ first_name }}
              Here is your personal selection for this month, put together by our brewers. Every box is bottled to order and delivered within two days.

              In your box: six beers from four countries, a tasting card for each one and a recipe that goes with all of them. You can change or pause your box until Friday.

          # ------------------------------------------------------------ hero: gender / age / iq / tier
          hero-young-women:
            when: gender == "female" && age < 30
            content: |
              ### Fresh and light, {{ first_name }}
              Our **Citrus Wheat** is brewed with real grapefruit peel: bright, hazy and only 4.2% ABV. Perfect for long summer evenings with friends, and just as good with a light salad or grilled fish. Six bottles for the price of five this month.

              Brewed in small batches by our head brewer, every bottle of **Citrus Wheat** is unfiltered and naturally carbonated. Chill it well, pour it into a tall glass and add a slice of orange if you like; it is the easiest beer in this month's box to love.
          hero-women:
            when: gender == "female"
            content: |
              ### Crisp Light Lager
              A clean, golden lager with a soft malt body and a dry finish. Our **Crisp Light Lager** is 20% off this month for club members. It pairs well with almost anything, from spicy noodles to a Sunday roast.

              Brewed in small batches by our head brewer, every can of **Crisp Light Lager** is filtered twice for a bright, sparkling finish. At 3.8% ABV it is the easiest beer in this month's box to share with friends who say they do not like beer.
          hero-connoisseur:
            when: segment.connoisseurs
            content: |
              ### Straight from Pilsen
              Try our imported **Bohemian Pilsner**, lagered for ten weeks in the cellars of a family brewery. Limited to 500 cases. Serve it at eight degrees in a tall glass, and let the foam settle before the first sip.

              The **Bohemian Pilsner** is brewed with soft water, floor-malted barley and whole-cone Saaz hops, exactly as it has been since 1842. Each case comes with a tasting card from the brewery's cellar master, and club members get a numbered glass with their first order.
          hero-senior:
            when: age >= 60
            content: |
              ### A classic, done right
              Our **Heritage Bitter** follows a recipe from 1898: copper-coloured, gently hopped and best served at cellar temperature. A gentle, bready beer with a long finish and a story in every glass.

              Brewed in small batches by our head brewer, the **Heritage Bitter** uses Maris Otter malt and East Kent Goldings hops. Each case comes with a tasting card and a short history of the brewery, and club members get free delivery on every reorder this month.
          hero-default:
            content: |
              ### Beer of the month
              Grab a six-pack of **Hometown Lager**, brewed five miles from where it is packed, and taste the difference freshness makes. Crisp, clean and golden, it is the beer our brewers drink after a long shift.

              Brewed in small batches by our head brewer, every can of **Hometown Lager** travels less than a day from tank to doorstep. Each box comes with a tasting card, and club members get free delivery on every reorder this month.

          # ------------------------------------------------------------ loyalty: best priority wins
          loyalty-gold-milestone:
            when: tier == "gold" && points >= 5000
            priority: 90
            content: |
              ### {{ points | math.format "N0" }} points: that's a brewery tour
              Redeem 5,000 points for a private tour and tasting for two at our Munich brewery.
          loyalty-gold:
            when: tier == "gold"
            priority: 70
            content: |
              ### Gold perks
              Free shipping on every order, and you have **{{ points | math.format "N0" }}** points to spend.
          loyalty-silver:
            when: tier == "silver"
            priority: 50
            content: |
              ### Silver perks
              You have **{{ points | math.format "N0" }}** points. Every 1,000 points is a free six-pack.
          loyalty-welcome:
            when: points < 100
            priority: 30
            content: |
              ### Start collecting
              Earn 10 points for every dollar you spend; your first 100 points unlock a free glass.
          loyalty-balance:
            priority: 10
            content: |
              ### Your points
              Your balance: **{{ points | math.format "N0" }}** points.

          # ------------------------------------------------------------ orders: a loop, prices in the recipient's culture
          orders-recent:
            when: (purchases | array.size) > 0
            content: |
              ### Your recent orders

              {{ for p in purchases }}* {{ p.name }}: {{ p.price | math.format "C" }}
              {{ end }}
          orders-none:
            content: |
              ### Your recent orders
              No orders yet. Your first box ships free.

          # ------------------------------------------------------------ cross-sell: by last purchase category
          xs-stout:
            when: last_category == "stout"
            tags: [cross-sell]
            content: |
              **Barrel-Aged Imperial Stout**: a members-only release, aged 14 months in bourbon casks. Dark chocolate, vanilla and a long, warming finish; only 1,200 bottles were filled.
          xs-ipa-premium:
            when: last_category == "ipa" && tier == "gold"
            tags: [cross-sell]
            content: |
              **Single-Hop Sampler**: six IPAs, six hops: Citra, Mosaic, Simcoe, Galaxy, Nelson and Amarillo. Taste them side by side and learn what each hop brings to the glass.
          xs-ipa:
            when: last_category == "ipa"
            tags: [cross-sell]
            content: |
              **Hazy Daze NEIPA**: juicy, soft and fresh from the tank. Canned the day it ships, so it reaches you at its peak.
          xs-cider:
            when: last_category == "cider" || gender == "female"
            tags: [cross-sell]
            content: |
              **Pear & Elderflower Perry**: light, floral and only 4.5% ABV. Made from perry pears grown in Herefordshire orchards.
          xs-snacks:
            when: last_category == "snacks" || last_category == "stout"
            tags: [cross-sell]
            content: |
              **Aged Cheddar Board**: the classic partner for dark and malty beers. Three cheeses, fig chutney and oat crackers.
          xs-lager:
            when: last_category == "lager"
            tags: [cross-sell]
            content: |
              **Helles Mixed Case**: twelve crisp lagers from three Bavarian breweries, with a tasting card for each.
          xs-explorer:
            tags: [cross-sell]
            content: |
              **Explorer Mixed Case**: twelve beers you haven't tried yet, picked by our brewers from small breweries across Europe.
          xs-gift-card:
            tags: [cross-sell]
            content: |
              **Gift Card**: give a month of beer to a friend, delivered to their door with a handwritten note from you.
          xs-glassware:
            tags: [cross-sell]
            content: |
              **Tasting Glass Set**: four stemmed glasses, etched with the club's crest, that bring out every aroma.

          # ------------------------------------------------------------ event and legal: by country
          event-de:
            when: country == "DE"
            content: |
              ### Festbier tasting in Munich
              Join us at the Viktualienmarkt on the last Saturday of the month. Club members drink the first round free. Twenty breweries, live music and pretzels the size of your head.

              Tickets are free for club members and their guests; show this email at the door. Doors open at noon, and the last round is poured at ten.
          event-gb:
            when: country == "GB"
            content: |
              ### Cask Ale Evening, London
              Real ale, hand-pulled, in Bermondsey. Bring a friend: twelve casks from six breweries, with the brewers behind the bar.

              Tickets are free for club members and their guests; show this email at the door. Doors open at six, and the last round is poured at eleven.
          event-us:
            when: country == "US"
            content: |
              ### Tasting Tour
              Our tasting truck visits twelve US cities this month; find the stop nearest you. Every stop pours six beers from this month's box, and club members taste for free.

              Tickets are free for club members and their guests; show this email at the door. Check the tour page for dates and times near you.
          no-event:
            content: |
              ### Events near you
              No club events in your area this month. We'll let you know when we come to town. Until then, our online tastings run every Thursday evening.

              Sign up once and we will send you a box of tasting samples before each session, free for club members.
          legal-us:
            when: country == "US"
            content: |
              *You must be 21 or older to purchase alcohol. Please enjoy responsibly.*
              Beer of the Month Inc. does not sell alcohol to anyone under the legal drinking age. Proof of age is required on delivery.
          legal-de:
            when: country == "DE"
            content: |
              *Abgabe von Alkohol nur an Personen ab 16 bzw. 18 Jahren. Bitte genieße verantwortungsvoll.*
              Impressum: Beer of the Month GmbH, Musterstraße 1, 80331 München.
          legal-fr:
            when: country == "FR"
            content: |
              *L'abus d'alcool est dangereux pour la santé. À consommer avec modération.*
          legal-generic:
            content: |
              *You must be of legal drinking age in your country to purchase alcohol. Please enjoy responsibly.*
              Beer of the Month Inc. does not sell alcohol to anyone under the legal drinking age. Proof of age is required on delivery.

          # ------------------------------------------------------------ footer: a per-recipient link
          footer:
            content: |
              You are receiving this because you joined the Beer of the Month club with {{ email }}.
              [Manage your preferences or unsubscribe](https://example.com/prefs?u={{ id }})

              Beer of the Month Club, 1 Brewery Lane, Portland, OR 97201. Questions? Reply to this email; a real person reads every message.

        """;

    private const string SlotsAndMessage = """

        slots:
          greeting:
            pick: first
            from: [greeting-gold-de, greeting-de, greeting-fr, greeting-gold, greeting-standard]
          hero:
            pick: first
            from: [hero-young-women, hero-women, hero-connoisseur, hero-senior, hero-default{{HERO_EXTRA}}]
          loyalty:
            pick: best
            count: 1
            from: [loyalty-gold-milestone, loyalty-gold, loyalty-silver, loyalty-welcome, loyalty-balance{{LOYALTY_EXTRA}}]
          orders:
            pick: first
            from: [orders-recent]
            fallback: orders-none
          cross-sell:
            pick: all
            count: 3
            from: { tag: cross-sell }
          event:
            pick: first
            from: [event-de, event-gb, event-us]
            fallback: no-event
          legal:
            pick: first
            from: [legal-us, legal-de, legal-fr]
            fallback: legal-generic
          footer:
            pick: first
            from: [footer]
        {{UNPLACED_SLOTS}}
        messages:
          monthly:
            body: |
              {{ slot "greeting" }}

              {{ slot "hero" }}

              {{ slot "loyalty" }}

              {{ slot "orders" }}

              ### You might also like

              {{ slot "cross-sell" }}

              {{ slot "event" }}

              ---

              {{ slot "legal" }}

              {{ slot "footer" }}
        """;

    /// <summary>Generates the catalog's YAML with the given number of modules.</summary>
    /// <param name="moduleCount">
    /// At least <see cref="BaseModuleCount"/>. The extra modules are split four ways: appended to the hero slot after its
    /// unconditional default (eligible, never reached by <c>pick: first</c>); added to the loyalty slot with a lower
    /// priority than its unconditional module (eligible, outranked); tagged <c>cross-sell</c> after the three unconditional
    /// cross-sells (eligible, but <c>count: 3</c> is always reached before them); and in slots of ten that the message never places.
    /// </param>
    /// <returns>The YAML text.</returns>
    public static string Yaml(int moduleCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(moduleCount, BaseModuleCount);
        var extra = moduleCount - BaseModuleCount;
        var quarter = extra / 4;
        int hero = quarter, loyalty = quarter, crossSell = quarter, unplaced = extra - (3 * quarter);

        var modules = new StringBuilder(Base);
        var heroIds = new StringBuilder();
        var loyaltyIds = new StringBuilder();
        var slots = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;

        for (var i = 0; i < hero; i++)
        {
            modules.Append(inv, $"  hero-extra-{i}:\n    when: age >= 0\n    content: |\n      ### Extra hero {i}\n      Seasonal hero number {i}; eligible for everyone, but the default comes first.\n");
            heroIds.Append(inv, $", hero-extra-{i}");
        }

        for (var i = 0; i < loyalty; i++)
        {
            modules.Append(inv, $"  loyalty-extra-{i}:\n    when: points >= 0\n    priority: {i % 10}\n    content: |\n      ### Extra loyalty {i}\n      You have **{{{{ points | math.format \"N0\" }}}}** points (extra {i}).\n");
            loyaltyIds.Append(inv, $", loyalty-extra-{i}");
        }

        for (var i = 0; i < crossSell; i++)
        {
            modules.Append(inv, $"  xs-extra-{i}:\n    when: tier != \"platinum\"\n    tags: [cross-sell]\n    content: |\n      **Extra cross-sell {i}**: eligible, but the slot is full before it is reached.\n");
        }

        for (var i = 0; i < unplaced; i++)
        {
            if (i % 10 == 0)
            {
                slots.Append(inv, $"  unplaced-{i / 10}:\n    pick: best\n    from: [");
            }

            modules.Append(inv, $"  unplaced-{i}:\n    when: tier == \"gold\" || points > {i}\n    priority: {i % 7}\n    content: |\n      ### Unplaced {i}\n      Hello {{{{ first_name }}}}, this module sits in a slot the message does not place.\n");
            slots.Append(inv, $"{(i % 10 == 0 ? string.Empty : ", ")}unplaced-{i}");
            if (i % 10 == 9 || i == unplaced - 1)
            {
                slots.Append("]\n");
            }
        }

        var tail = SlotsAndMessage
            .Replace("{{HERO_EXTRA}}", heroIds.ToString(), StringComparison.Ordinal)
            .Replace("{{LOYALTY_EXTRA}}", loyaltyIds.ToString(), StringComparison.Ordinal)
            .Replace("{{UNPLACED_SLOTS}}", slots.ToString(), StringComparison.Ordinal);
        return modules.Append(tail).ToString();
    }
}
