using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests;

/// <summary>What each hero module of the example says, so a test can find the chosen module in any rendering.</summary>
internal static class ExampleProducts
{
    /// <summary>The product a hero module names: the text every channel's rendering of it contains.</summary>
    public static string HeroProduct(string heroModule) => heroModule switch
    {
        "light-beer" => "Crisp Light Lager",
        "imported-beer" => "Bohemian Pilsner",
        "domestic-beer" => "Hometown Lager",
        _ => throw new ArgumentOutOfRangeException(nameof(heroModule), heroModule, "not a hero module of the example"),
    };

    /// <summary>The product the example's hero rule gives a recipient.</summary>
    public static string ExpectedHeroProduct(JsonElement recipient) => HeroProduct(Example.ExpectedHero(recipient));

    /// <summary>Writes recipients as a JSON Lines file in the temp folder.</summary>
    public static string WriteRecipients(TempDirectory temp, string name, IEnumerable<Dictionary<string, object?>> records)
    {
        var path = temp.File(name);
        File.WriteAllLines(path, records.Select(static r => JsonSerializer.Serialize(r)));
        return path;
    }

    /// <summary>The example's JSON Lines records as mutable dictionaries.</summary>
    public static List<Dictionary<string, object?>> Records() =>
        [.. File.ReadLines(Example.Jsonl)
            .Where(static l => l.Trim().Length > 0)
            .Select(static l => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(l)!.ToDictionary(static p => p.Key, static p => (object?)p.Value))];
}
