namespace OneToOne.Composition.Benchmarks.Scenario;

/// <summary>
/// Deterministic synthetic recipients (seeded <see cref="Random"/>): non-ASCII names, HTML-significant
/// characters (<c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, quotes, apostrophes) in names, e-mail addresses and
/// product names, seven locales and a list of recent purchases of a fixed length.
/// </summary>
public static class ScenarioRecipients
{
    /// <summary>The number of recipients in a benchmark run.</summary>
    public const int DefaultCount = 10_000;

    private static readonly string[] FirstNames =
    [
        "Anna", "Zoë", "Jürgen", "François", "Åsa", "Łukasz", "Siobhán", "José", "Ann & Bob", "Renée \"Ree\"",
        "Dana <3", "Ólafur", "さくら", "Mette-Marit", "Seán O'Neil", "Chloé", "Ngozi", "Björn", "Zoltán", "María José",
        "Tom", "Li <b>Wei</b>", "Émile", "Greta", "Ömer", "Kai", "Ines", "Søren", "Ava", "Nguyễn",
    ];

    private static readonly (string Locale, string Country)[] Locales =
    [
        ("en-US", "US"), ("en-US", "US"), ("en-US", "US"), ("en-GB", "GB"), ("en-GB", "GB"),
        ("de-DE", "DE"), ("de-DE", "DE"), ("fr-FR", "FR"), ("de-CH", "CH"), ("es-ES", "ES"), ("ja-JP", "JP"),
    ];

    private static readonly string[] Countries = ["US", "GB", "DE", "FR", "CH", "ES", "JP", "NL"];

    private static readonly string[] Genders = ["female", "male", "female", "male", "diverse"];

    private static readonly string[] Categories = ["stout", "ipa", "cider", "snacks", "lager", "wheat"];

    private static readonly string[] Products =
    [
        "Hometown Lager 6-pack", "Stout & Porter Duo", "\"Hazy\" IPA <Limited>", "Kölsch Kiste", "Crème Brûlée Stout",
        "O'Hara's Irish Red", "Pear & Elderflower Perry", "Pilsner Urquell 0,5 l", "Tasting glass (set of 2)", "Weißbier Trio",
        "Smoked Märzen", "Beer mustard, 200 g", "Gift card: 25", "Cask Ale Mini-Keg", "Sour Cherry Kriek",
    ];

    /// <summary>Creates recipients as dictionaries, the form a mail-merge run reads from JSON or CSV.</summary>
    /// <param name="count">How many recipients.</param>
    /// <param name="purchases">How many recent purchases each recipient has.</param>
    /// <param name="seed">The random seed; the same seed gives the same recipients.</param>
    /// <returns>The recipients, each a fresh dictionary.</returns>
    public static Dictionary<string, object?>[] Create(int count, int purchases, int seed = 20_251_123)
    {
        var random = new Random(seed);
        var result = new Dictionary<string, object?>[count];
        for (var i = 0; i < count; i++)
        {
            var firstName = FirstNames[random.Next(FirstNames.Length)];
            var (locale, country) = Locales[random.Next(Locales.Length)];
            if (random.Next(10) == 0)
            {
                country = Countries[random.Next(Countries.Length)];
            }

            var tierRoll = random.Next(100);
            var tier = tierRoll < 15 ? "gold" : tierRoll < 45 ? "silver" : "standard";
            var points = random.Next(4) == 0 ? random.Next(100) : random.Next(12_000);
            var list = new List<Dictionary<string, object?>>(purchases);
            for (var p = 0; p < purchases; p++)
            {
                list.Add(new Dictionary<string, object?>
                {
                    ["name"] = Products[random.Next(Products.Length)],
                    ["price"] = decimal.Round((decimal)(2 + (random.NextDouble() * 58)), 2),
                });
            }

            var id = $"r{i:D5}";
            var mailbox = random.Next(8) switch
            {
                0 => $"o'neil.{i}",
                1 => $"anna+beer.{i}",
                _ => $"member.{i}",
            };
            result[i] = new Dictionary<string, object?>
            {
                ["id"] = id,
                ["first_name"] = firstName,
                ["email"] = $"{mailbox}@example.com",
                ["gender"] = Genders[random.Next(Genders.Length)],
                ["age"] = 18 + random.Next(70),
                ["iq"] = 70 + random.Next(70),
                ["tier"] = tier,
                ["points"] = points,
                ["locale"] = locale,
                ["country"] = country,
                ["last_category"] = Categories[random.Next(Categories.Length)],
                ["purchases"] = list,
            };
        }

        return result;
    }
}
