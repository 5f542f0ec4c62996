using System.Text.RegularExpressions;
using OneToOne.Composition.Benchmarks.Scenario;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Benchmarks.Infrastructure;

/// <summary>
/// Prints the library's HTML for every base module, one per line, with placeholder values (FIRST, EMAIL, ID, 1,234):
/// the source of <c>Peers/ModuleHtml.cs</c>. Run it after changing the scenario's copy (<c>-- --module-html</c>).
/// </summary>
internal static partial class ModuleHtmlPrinter
{
    public static void Run()
    {
        var yaml = ScenarioCatalog.Yaml(ScenarioCatalog.BaseModuleCount);
        var modules = WhenLine().Replace(yaml[..yaml.IndexOf("\nslots:", StringComparison.Ordinal)], string.Empty);
        var recipient = Recipient.FromDictionary(new Dictionary<string, object?>
        {
            ["id"] = "ID", ["first_name"] = "FIRST", ["email"] = "EMAIL", ["points"] = 1234, ["purchases"] = new List<object>(),
            ["tier"] = "gold", ["locale"] = "en-US", ["age"] = 40, ["gender"] = "x", ["iq"] = 100, ["country"] = "US", ["last_category"] = "x",
        });
        foreach (Match match in ModuleId().Matches(modules))
        {
            var id = match.Groups[1].Value;
            var catalog = new CatalogLoader().Parse(
                modules + $"\nslots:\n  only:\n    from: [{id}]\nmessages:\n  m:\n    body: |\n      {{{{ slot \"only\" }}}}\n");
            var html = catalog.Render(catalog.Decide(recipient, "m"), Channel.Web).Body;
            Console.WriteLine($"{id}\t{html.Replace("\n", "\\n", StringComparison.Ordinal)}");
        }
    }

    [GeneratedRegex(@"^    when: .*\n", RegexOptions.Multiline)]
    private static partial Regex WhenLine();

    [GeneratedRegex(@"^  ([a-z0-9-]+):$", RegexOptions.Multiline)]
    private static partial Regex ModuleId();
}
