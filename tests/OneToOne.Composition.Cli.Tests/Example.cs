using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests;

/// <summary>Paths of the bundled example, found from the repository root (the folder with OneToOne.Composition.sln).</summary>
internal static class Example
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Folder => Path.Combine(RepoRoot, "examples", "beer-of-the-month");

    public static string CatalogFile => Path.Combine(Folder, "catalog.yaml");

    public static string Jsonl => Path.Combine(Folder, "recipients.jsonl");

    public static string Csv => Path.Combine(Folder, "recipients.csv");

    /// <summary>The example's JSON Lines records, parsed, in file order.</summary>
    public static List<JsonElement> JsonlRecords() =>
        [.. File.ReadLines(Jsonl).Where(static l => l.Trim().Length > 0).Select(static l => JsonDocument.Parse(l).RootElement.Clone())];

    /// <summary>The hero module the catalog's rule gives a recipient: female → light, male with iq &gt; 93 → imported, else domestic.</summary>
    public static string ExpectedHero(JsonElement recipient)
    {
        var gender = recipient.TryGetProperty("gender", out var g) ? g.GetString() : null;
        var iq = recipient.TryGetProperty("iq", out var i) ? i.GetDecimal() : 0m;
        return gender == "female" ? "light-beer"
            : gender == "male" && iq > 93 ? "imported-beer"
            : "domestic-beer";
    }

    public static bool IsUnsubscribed(JsonElement recipient) =>
        recipient.TryGetProperty("unsubscribed", out var u) && u.ValueKind == JsonValueKind.True;

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OneToOne.Composition.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OneToOne.Composition.sln above {AppContext.BaseDirectory}.");
    }
}
