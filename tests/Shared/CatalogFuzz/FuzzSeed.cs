namespace OneToOne.Composition.Testing;

/// <summary>A catalog that loads, to start mutating from.</summary>
/// <param name="Name">Where it came from, for the report of a failing case.</param>
/// <param name="Files">Its files.</param>
internal sealed record FuzzSeed(string Name, IReadOnlyList<CatalogText> Files)
{
    /// <summary>Reads the bundled example catalogs and the golden cases' catalogs, each example also split into one file per section.</summary>
    /// <param name="repoRoot">The folder that holds <c>OneToOne.Composition.sln</c>.</param>
    /// <returns>The seeds, in a fixed order.</returns>
    public static IReadOnlyList<FuzzSeed> Load(string repoRoot)
    {
        var seeds = new List<FuzzSeed>();
        foreach (var example in new[] { "beer-of-the-month", "bank-cross-sell" })
        {
            var text = File.ReadAllText(Path.Combine(repoRoot, "examples", example, "catalog.yaml")).ReplaceLineEndings("\n");
            seeds.Add(new FuzzSeed($"examples/{example}", [new CatalogText("catalog.yaml", text)]));
            seeds.Add(new FuzzSeed($"examples/{example}, one file per section", SplitBySection(text)));
        }

        var cases = Path.Combine(repoRoot, "tests", "OneToOne.Composition.Tests", "Cases");
        seeds.Add(new FuzzSeed("Cases/design-example.yaml", [new CatalogText("catalog.yaml", File.ReadAllText(Path.Combine(cases, "design-example.yaml")).ReplaceLineEndings("\n"))]));
        foreach (var folder in Directory.GetDirectories(Path.Combine(cases, "golden")).Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(Path.Combine(folder, "catalog.yaml")).ReplaceLineEndings("\n");
            seeds.Add(new FuzzSeed($"Cases/golden/{Path.GetFileName(folder)}", [new CatalogText("catalog.yaml", text)]));
        }

        return seeds;
    }

    /// <summary>
    /// Splits a catalog at each top-level key after <c>catalog</c> and <c>locale</c> (with the comments before them),
    /// giving files that load together as the whole did: <c>00-catalog.yaml</c>, <c>01-segments.yaml</c>, ….
    /// </summary>
    private static List<CatalogText> SplitBySection(string text)
    {
        var files = new List<CatalogText>();
        var name = "catalog";
        var current = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var key = line.Length > 0 && line[0] is not (' ' or '#') && line.Contains(':', StringComparison.Ordinal) ? line[..line.IndexOf(':', StringComparison.Ordinal)] : null;
            if (key is not null and not ("catalog" or "locale"))
            {
                files.Add(new CatalogText($"{files.Count:D2}-{name}.yaml", string.Join('\n', current)));
                (name, current) = (key, []);
            }

            current.Add(line);
        }

        files.Add(new CatalogText($"{files.Count:D2}-{name}.yaml", string.Join('\n', current)));
        return files;
    }
}
