using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// proof (and watch) choose the personas from the recipients read a record at a time, keeping the first recipient of
/// each distinct module list (read whole first, a customer file of millions took gigabytes): the same personas, and the
/// same proof.html bytes, as before it streamed, ties going to the recipient that comes first.
/// </summary>
public sealed class ProofStreamingTests
{
    private const string Catalog = """
        catalog: ties
        experiments:
          hero: { salt: spring, arms: { A: 45, B: 45, C: 10 } }
        modules:
          bold: { when: 'experiment.hero == "B"', content: 'Bold hero' }
          classic: 'Classic hero'
          gold: { when: 'tier == "gold"', content: 'Gold for {{ name }}' }
          silver: { when: 'tier == "silver"', content: 'Silver for {{ name }}' }
          std: 'Standard for {{ name }}'
          extra: { when: 'points > 1500', content: 'Extra {{ points }}' }
          news: { when: 'news == true', content: 'News' }
          de: { when: 'address.country == "DE"', content: 'Hallo' }
        slots:
          h: { from: [bold, classic] }
          s: { from: [gold, silver, std] }
          n: { pick: all, from: [extra, news, de] }
        messages:
          m:
            suppress: { when: 'opt_out == true', reason: opted out }
            subject: 'Hi {{ name }}'
            body: |
              {{ slot "h" }}

              {{ slot "s" }}

              {{ slot "n" }}

        """;

    [Theory]
    [InlineData("14", "06126ae1e7adfd8a0064902756be3d974dd5cc8594071ab09ab79f25915a168d", "bbea2b744ed28728316671320132e274c22a4a924acffa6a6d43a37f5669b878", "3 personas (the minimum) show 7 of 8", "r0 r4 r8")]
    [InlineData("300", "4de21d26254dd27ae34dcae6ccdf7b8d1b9c2add795b24738405d3d2eeeb9a3e", "a8a85b3053a883b8fb2733c25048740fe11c52b4bdabff177d76b9a43304be8f", "4 personas (may not be the minimum) show 8 of 8", "r44 r0 r1 r6")]
    [InlineData("4x10", "a2512367c66bd94a91cbfffa93335cf9863691435f43ff9dfd4736293f73f475", "bdcc031ff787979bc6610bd830e5e9586671838ef219a6e658d55b130dae747b", "4 personas (may not be the minimum) show 5 of 8", "r0 r1 r3 r2")]
    public void Proof_FromASample_WritesTheSameBytesAsBeforeItStreamed(string sample, string sampleSha256, string proofSha256BeforeStreaming, string summary, string personaIds)
    {
        // The proof sha256 is of what the tool wrote for these files before it streamed (commit 4b197ac). 14: at most 16
        // candidates, so the cover is searched exactly, with recipients that get the same modules, one opted out, one
        // rejected (no address for 'de'), one without an id and a skipped line; arm C has no sample recipient (a made-up
        // persona). 300: the greedy cover, whose ties go to the first recipient, over some 40 distinct module lists. 4x10:
        // four recipients ten times over, 30 candidates but 3 distinct module lists, so still greedy ("may not be the
        // minimum"), and arm A shown by the first recipient in it though it gets no modules (opted out).
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("c.yaml"), Catalog);
        var text = sample == "4x10" ? string.Concat(Enumerable.Repeat(string.Concat(Sample(14).Split('\n').Take(4).Select(static l => l + "\n")), 10)) : Sample(int.Parse(sample, CultureInfo.InvariantCulture));
        File.WriteAllText(temp.File("s.jsonl"), text);
        Assert.Equal(sampleSha256, Sha256(File.ReadAllBytes(temp.File("s.jsonl"))));

        var run = CliRun.Of("proof", temp.File("c.yaml"), "--message", "m", "--sample", temp.File("s.jsonl"), "--out", temp.File("proof"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($": {summary} reachable modules; the message has 48 reachable combinations.", run.Stdout, StringComparison.Ordinal);
        var page = File.ReadAllText(temp.File("proof/proof.html"));
        var ids = System.Text.RegularExpressions.Regex.Matches(page, "<h2>Persona \\d+ · ([^<]*)</h2>\n<p>sample recipient").Select(static m => m.Groups[1].Value);
        Assert.Equal(personaIds, string.Join(' ', ids));

        // The sheet before was written with the catalog given as 'c.yaml' in its folder: a rejected persona's error names it so.
        Assert.Equal(proofSha256BeforeStreaming, Sha256(Encoding.UTF8.GetBytes(page.Replace(temp.File("c.yaml"), "c.yaml", StringComparison.Ordinal))));
    }

    /// <summary>Recipients of a few kinds, many alike: tiers, points, news, opt-outs, addresses; every 23rd line not JSON, every 17th without an id.</summary>
    private static string Sample(int count)
    {
        string[] tiers = ["gold", "silver", "bronze"];
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i % 23 == 7)
            {
                text.Append("{not json\n");
                continue;
            }

            var id = i % 17 == 5 ? string.Empty : $"\"id\":\"r{i}\",";
            var address = i % 13 == 2 ? string.Empty : $",\"address\":{{\"country\":\"{(i % 2 == 0 ? "DE" : "FR")}\"}}";
            text.Append(CultureInfo.InvariantCulture, $"{{{id}\"name\":\"N{i}\",\"tier\":\"{tiers[i * 7 % 3]}\",\"points\":{i * 37 % 2000},\"news\":{(i % 4 == 0 ? "true" : "false")},\"opt_out\":{(i % 11 == 3 ? "true" : "false")}{address}}}\n");
        }

        return text.ToString();
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
