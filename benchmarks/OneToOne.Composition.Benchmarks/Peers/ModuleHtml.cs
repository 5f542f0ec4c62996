namespace OneToOne.Composition.Benchmarks.Peers;

/// <summary>
/// The HTML Markdig makes of each scenario module, split where recipient data goes. The peers write these
/// pieces, so their output is byte-for-byte the library's; the benchmarks check that before they time anything.
/// </summary>
internal static class ModuleHtml
{
    /// <summary><c>greeting-gold-de</c>, part 1 of 2 (between: first_name).</summary>
    public const string GreetingGoldDeA = "<h2>Hallo ";

    /// <summary><c>greeting-gold-de</c>, part 2 of 2 (between: first_name).</summary>
    public const string GreetingGoldDeB = ", schön, dass du wieder da bist</h2>\n<p>Als <strong>Gold</strong>-Mitglied siehst du unsere Neuheiten vor allen anderen. Hier ist deine persönliche Auswahl für diesen Monat, frisch aus dem Sudhaus und direkt an deine Tür geliefert.</p>\n<p>In deiner Box: sechs Biere aus vier Ländern, eine Verkostungskarte zu jedem Bier und ein Rezept, das zu allen passt. Du kannst deine Box bis Freitag anpassen oder pausieren.</p>\n";

    /// <summary><c>greeting-de</c>, part 1 of 2 (between: first_name).</summary>
    public const string GreetingDeA = "<h2>Hallo ";

    /// <summary><c>greeting-de</c>, part 2 of 2 (between: first_name).</summary>
    public const string GreetingDeB = "</h2>\n<p>Hier ist deine persönliche Auswahl für diesen Monat, zusammengestellt von unseren Braumeistern. Jede Kiste wird frisch abgefüllt und innerhalb von zwei Tagen geliefert.</p>\n<p>In deiner Box: sechs Biere aus vier Ländern, eine Verkostungskarte zu jedem Bier und ein Rezept, das zu allen passt. Du kannst deine Box bis Freitag anpassen oder pausieren.</p>\n";

    /// <summary><c>greeting-fr</c>, part 1 of 2 (between: first_name).</summary>
    public const string GreetingFrA = "<h2>Bonjour ";

    /// <summary><c>greeting-fr</c>, part 2 of 2 (between: first_name).</summary>
    public const string GreetingFrB = "</h2>\n<p>Voici votre sélection personnelle du mois, choisie par nos maîtres brasseurs. Chaque caisse est mise en bouteille à la commande et livrée en deux jours.</p>\n<p>Dans votre caisse : six bières de quatre pays, une fiche de dégustation pour chacune et une recette qui les accompagne toutes. Vous pouvez modifier ou suspendre votre caisse jusqu'à vendredi.</p>\n";

    /// <summary><c>greeting-gold</c>, part 1 of 2 (between: first_name).</summary>
    public const string GreetingGoldA = "<h2>Welcome back, ";

    /// <summary><c>greeting-gold</c>, part 2 of 2 (between: first_name).</summary>
    public const string GreetingGoldB = "</h2>\n<p>As a <strong>Gold</strong> member you see our new releases before anyone else. Here is your personal selection for this month, fresh from the brewhouse and delivered to your door.</p>\n<p>In your box: six beers from four countries, a tasting card for each one and a recipe that goes with all of them. You can change or pause your box until Friday.</p>\n";

    /// <summary><c>greeting-standard</c>, part 1 of 2 (between: first_name).</summary>
    public const string GreetingStandardA = "<h2>Hello ";

    /// <summary><c>greeting-standard</c>, part 2 of 2 (between: first_name).</summary>
    public const string GreetingStandardB = "</h2>\n<p>Here is your personal selection for this month, put together by our brewers. Every box is bottled to order and delivered within two days.</p>\n<p>In your box: six beers from four countries, a tasting card for each one and a recipe that goes with all of them. You can change or pause your box until Friday.</p>\n";

    /// <summary><c>hero-young-women</c>, part 1 of 2 (between: first_name).</summary>
    public const string HeroYoungWomenA = "<h3>Fresh and light, ";

    /// <summary><c>hero-young-women</c>, part 2 of 2 (between: first_name).</summary>
    public const string HeroYoungWomenB = "</h3>\n<p>Our <strong>Citrus Wheat</strong> is brewed with real grapefruit peel: bright, hazy and only 4.2% ABV. Perfect for long summer evenings with friends, and just as good with a light salad or grilled fish. Six bottles for the price of five this month.</p>\n<p>Brewed in small batches by our head brewer, every bottle of <strong>Citrus Wheat</strong> is unfiltered and naturally carbonated. Chill it well, pour it into a tall glass and add a slice of orange if you like; it is the easiest beer in this month's box to love.</p>\n";

    /// <summary><c>hero-women</c>.</summary>
    public const string HeroWomen = "<h3>Crisp Light Lager</h3>\n<p>A clean, golden lager with a soft malt body and a dry finish. Our <strong>Crisp Light Lager</strong> is 20% off this month for club members. It pairs well with almost anything, from spicy noodles to a Sunday roast.</p>\n<p>Brewed in small batches by our head brewer, every can of <strong>Crisp Light Lager</strong> is filtered twice for a bright, sparkling finish. At 3.8% ABV it is the easiest beer in this month's box to share with friends who say they do not like beer.</p>\n";

    /// <summary><c>hero-connoisseur</c>.</summary>
    public const string HeroConnoisseur = "<h3>Straight from Pilsen</h3>\n<p>Try our imported <strong>Bohemian Pilsner</strong>, lagered for ten weeks in the cellars of a family brewery. Limited to 500 cases. Serve it at eight degrees in a tall glass, and let the foam settle before the first sip.</p>\n<p>The <strong>Bohemian Pilsner</strong> is brewed with soft water, floor-malted barley and whole-cone Saaz hops, exactly as it has been since 1842. Each case comes with a tasting card from the brewery's cellar master, and club members get a numbered glass with their first order.</p>\n";

    /// <summary><c>hero-senior</c>.</summary>
    public const string HeroSenior = "<h3>A classic, done right</h3>\n<p>Our <strong>Heritage Bitter</strong> follows a recipe from 1898: copper-coloured, gently hopped and best served at cellar temperature. A gentle, bready beer with a long finish and a story in every glass.</p>\n<p>Brewed in small batches by our head brewer, the <strong>Heritage Bitter</strong> uses Maris Otter malt and East Kent Goldings hops. Each case comes with a tasting card and a short history of the brewery, and club members get free delivery on every reorder this month.</p>\n";

    /// <summary><c>hero-default</c>.</summary>
    public const string HeroDefault = "<h3>Beer of the month</h3>\n<p>Grab a six-pack of <strong>Hometown Lager</strong>, brewed five miles from where it is packed, and taste the difference freshness makes. Crisp, clean and golden, it is the beer our brewers drink after a long shift.</p>\n<p>Brewed in small batches by our head brewer, every can of <strong>Hometown Lager</strong> travels less than a day from tank to doorstep. Each box comes with a tasting card, and club members get free delivery on every reorder this month.</p>\n";

    /// <summary><c>loyalty-gold-milestone</c>, part 1 of 2 (between: points (N0)).</summary>
    public const string LoyaltyGoldMilestoneA = "<h3>";

    /// <summary><c>loyalty-gold-milestone</c>, part 2 of 2 (between: points (N0)).</summary>
    public const string LoyaltyGoldMilestoneB = " points: that's a brewery tour</h3>\n<p>Redeem 5,000 points for a private tour and tasting for two at our Munich brewery.</p>\n";

    /// <summary><c>loyalty-gold</c>, part 1 of 2 (between: points (N0)).</summary>
    public const string LoyaltyGoldA = "<h3>Gold perks</h3>\n<p>Free shipping on every order, and you have <strong>";

    /// <summary><c>loyalty-gold</c>, part 2 of 2 (between: points (N0)).</summary>
    public const string LoyaltyGoldB = "</strong> points to spend.</p>\n";

    /// <summary><c>loyalty-silver</c>, part 1 of 2 (between: points (N0)).</summary>
    public const string LoyaltySilverA = "<h3>Silver perks</h3>\n<p>You have <strong>";

    /// <summary><c>loyalty-silver</c>, part 2 of 2 (between: points (N0)).</summary>
    public const string LoyaltySilverB = "</strong> points. Every 1,000 points is a free six-pack.</p>\n";

    /// <summary><c>loyalty-welcome</c>.</summary>
    public const string LoyaltyWelcome = "<h3>Start collecting</h3>\n<p>Earn 10 points for every dollar you spend; your first 100 points unlock a free glass.</p>\n";

    /// <summary><c>loyalty-balance</c>, part 1 of 2 (between: points (N0)).</summary>
    public const string LoyaltyBalanceA = "<h3>Your points</h3>\n<p>Your balance: <strong>";

    /// <summary><c>loyalty-balance</c>, part 2 of 2 (between: points (N0)).</summary>
    public const string LoyaltyBalanceB = "</strong> points.</p>\n";

    /// <summary><c>orders-none</c>.</summary>
    public const string OrdersNone = "<h3>Your recent orders</h3>\n<p>No orders yet. Your first box ships free.</p>\n";

    /// <summary><c>xs-stout</c>.</summary>
    public const string XsStout = "<p><strong>Barrel-Aged Imperial Stout</strong>: a members-only release, aged 14 months in bourbon casks. Dark chocolate, vanilla and a long, warming finish; only 1,200 bottles were filled.</p>\n";

    /// <summary><c>xs-ipa-premium</c>.</summary>
    public const string XsIpaPremium = "<p><strong>Single-Hop Sampler</strong>: six IPAs, six hops: Citra, Mosaic, Simcoe, Galaxy, Nelson and Amarillo. Taste them side by side and learn what each hop brings to the glass.</p>\n";

    /// <summary><c>xs-ipa</c>.</summary>
    public const string XsIpa = "<p><strong>Hazy Daze NEIPA</strong>: juicy, soft and fresh from the tank. Canned the day it ships, so it reaches you at its peak.</p>\n";

    /// <summary><c>xs-cider</c>.</summary>
    public const string XsCider = "<p><strong>Pear &amp; Elderflower Perry</strong>: light, floral and only 4.5% ABV. Made from perry pears grown in Herefordshire orchards.</p>\n";

    /// <summary><c>xs-snacks</c>.</summary>
    public const string XsSnacks = "<p><strong>Aged Cheddar Board</strong>: the classic partner for dark and malty beers. Three cheeses, fig chutney and oat crackers.</p>\n";

    /// <summary><c>xs-lager</c>.</summary>
    public const string XsLager = "<p><strong>Helles Mixed Case</strong>: twelve crisp lagers from three Bavarian breweries, with a tasting card for each.</p>\n";

    /// <summary><c>xs-explorer</c>.</summary>
    public const string XsExplorer = "<p><strong>Explorer Mixed Case</strong>: twelve beers you haven't tried yet, picked by our brewers from small breweries across Europe.</p>\n";

    /// <summary><c>xs-gift-card</c>.</summary>
    public const string XsGiftCard = "<p><strong>Gift Card</strong>: give a month of beer to a friend, delivered to their door with a handwritten note from you.</p>\n";

    /// <summary><c>xs-glassware</c>.</summary>
    public const string XsGlassware = "<p><strong>Tasting Glass Set</strong>: four stemmed glasses, etched with the club's crest, that bring out every aroma.</p>\n";

    /// <summary><c>event-de</c>.</summary>
    public const string EventDe = "<h3>Festbier tasting in Munich</h3>\n<p>Join us at the Viktualienmarkt on the last Saturday of the month. Club members drink the first round free. Twenty breweries, live music and pretzels the size of your head.</p>\n<p>Tickets are free for club members and their guests; show this email at the door. Doors open at noon, and the last round is poured at ten.</p>\n";

    /// <summary><c>event-gb</c>.</summary>
    public const string EventGb = "<h3>Cask Ale Evening, London</h3>\n<p>Real ale, hand-pulled, in Bermondsey. Bring a friend: twelve casks from six breweries, with the brewers behind the bar.</p>\n<p>Tickets are free for club members and their guests; show this email at the door. Doors open at six, and the last round is poured at eleven.</p>\n";

    /// <summary><c>event-us</c>.</summary>
    public const string EventUs = "<h3>Tasting Tour</h3>\n<p>Our tasting truck visits twelve US cities this month; find the stop nearest you. Every stop pours six beers from this month's box, and club members taste for free.</p>\n<p>Tickets are free for club members and their guests; show this email at the door. Check the tour page for dates and times near you.</p>\n";

    /// <summary><c>no-event</c>.</summary>
    public const string NoEvent = "<h3>Events near you</h3>\n<p>No club events in your area this month. We'll let you know when we come to town. Until then, our online tastings run every Thursday evening.</p>\n<p>Sign up once and we will send you a box of tasting samples before each session, free for club members.</p>\n";

    /// <summary><c>legal-us</c>.</summary>
    public const string LegalUs = "<p><em>You must be 21 or older to purchase alcohol. Please enjoy responsibly.</em>\nBeer of the Month Inc. does not sell alcohol to anyone under the legal drinking age. Proof of age is required on delivery.</p>\n";

    /// <summary><c>legal-de</c>.</summary>
    public const string LegalDe = "<p><em>Abgabe von Alkohol nur an Personen ab 16 bzw. 18 Jahren. Bitte genieße verantwortungsvoll.</em>\nImpressum: Beer of the Month GmbH, Musterstraße 1, 80331 München.</p>\n";

    /// <summary><c>legal-fr</c>.</summary>
    public const string LegalFr = "<p><em>L'abus d'alcool est dangereux pour la santé. À consommer avec modération.</em></p>\n";

    /// <summary><c>legal-generic</c>.</summary>
    public const string LegalGeneric = "<p><em>You must be of legal drinking age in your country to purchase alcohol. Please enjoy responsibly.</em>\nBeer of the Month Inc. does not sell alcohol to anyone under the legal drinking age. Proof of age is required on delivery.</p>\n";

    /// <summary><c>footer</c>, part 1 of 3 (between: email, id).</summary>
    public const string FooterA = "<p>You are receiving this because you joined the Beer of the Month club with ";

    /// <summary><c>footer</c>, part 2 of 3 (between: email, id).</summary>
    public const string FooterB = ".\n<a href=\"https://example.com/prefs?u=";

    /// <summary><c>footer</c>, part 3 of 3 (between: email, id).</summary>
    public const string FooterC = "\">Manage your preferences or unsubscribe</a></p>\n<p>Beer of the Month Club, 1 Brewery Lane, Portland, OR 97201. Questions? Reply to this email; a real person reads every message.</p>\n";
}
