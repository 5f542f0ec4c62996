using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace OneToOne.Composition.Cli.Tests.Commands;

public sealed partial class ProofCommandTests
{
    [Fact]
    public void Proof_ProductFeed_ShowsEveryPersona_WithEachLongRunOfLikeCandidatesCollapsedToOneLine()
    {
        // Each persona's trace listed every candidate of the slot ("condition is false" for all but one sku), so the
        // sheet grew with personas × candidates: 5,000 products ran out of memory (~5 GB) writing proof.html.
        using var temp = new TempDirectory();
        const int products = 300;
        var yaml = new StringBuilder("catalog: feed\nmodules:\n");
        for (var i = 0; i < products; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  p{i}: {{ content: \"Product {i} for {{{{ name }}}}\", when: \"sku == \\\"S{i}\\\"\" }}\n");
        }

        yaml.Append("slots:\n  s: { from: [").Append(string.Join(", ", Enumerable.Range(0, products).Select(static i => $"p{i}"))).Append("] }\n");
        yaml.Append("messages:\n  m: { body: \"{{ slot 's' }}\" }\n");
        var catalog = temp.File("feed.yaml");
        File.WriteAllText(catalog, yaml.ToString());

        var run = CliRun.Of("proof", catalog, "--message", "m", "--out", temp.File("proof"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var page = File.ReadAllText(temp.File("proof/proof.html"));
        var personas = PersonaSection().Count(page);
        Assert.True(personas >= products, $"{personas} personas");
        Assert.DoesNotContain("class=\"error\"", page, StringComparison.Ordinal);

        // The persona who gets p150: three candidates named, the rest of each run counted on one line.
        var trace = Traces().Matches(page).Select(static m => m.Groups[1].Value).Single(static t => t.Contains("→ p150:", StringComparison.Ordinal));
        Assert.Contains("    ✘ p2  when", trace, StringComparison.Ordinal);
        Assert.Contains("    ✘ 147 more candidates: condition is false (p3 … p149)", trace, StringComparison.Ordinal);
        Assert.Contains("    ✔ p150  when", trace, StringComparison.Ordinal);
        Assert.Contains("    - 146 more candidates: not evaluated: an earlier candidate was chosen (p154 … p299)", trace, StringComparison.Ordinal);
        Assert.DoesNotContain("✘ p3 ", trace, StringComparison.Ordinal);

        // Every persona's trace names a handful of candidates (runs of up to five whole, three and the first and last
        // hidden of a longer run, the chosen one three times), so the page grows with the personas, not their square.
        foreach (Match match in Traces().Matches(page))
        {
            var named = Regex.Count(match.Groups[1].Value, @"\bp\d+\b");
            Assert.True(named <= 15, $"{named} candidates named in:\n{match.Groups[1].Value}");
        }

        Assert.True(page.Length < personas * 8_000, $"{page.Length:N0} characters for {personas} personas");
    }

    [GeneratedRegex("<h3>Trace</h3>\n<pre>(.*?)</pre>", RegexOptions.Singleline)]
    private static partial Regex Traces();
}
