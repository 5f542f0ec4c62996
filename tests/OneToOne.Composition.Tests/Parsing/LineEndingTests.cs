using System.Text;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Testing;
using OneToOne.Composition.Tests.Compilation;

namespace OneToOne.Composition.Tests.Parsing;

/// <summary>
/// A catalog saved on Windows (Notepad: CRLF, perhaps a UTF-8 byte order mark or "Unicode", which is UTF-16 with one),
/// on an old Mac (CR), or pasted together from both (mixed) is the same catalog as the one saved with LF: it loads, its
/// diagnostics point at the same line and column, and it renders byte-identical messages on every channel.
/// </summary>
public sealed class LineEndingTests
{
    /// <summary>How a file was saved: its line breaks and its encoding.</summary>
    public static TheoryData<string> Savings => new() { "crlf", "cr", "mixed", "bom-crlf", "utf16-crlf", "utf16be-lf", "bom-lf" };

    private const string Campaign =
        "catalog: t\n" +
        "modules:\n" +
        "  hero:\n" +
        "    content: |\n" +
        "      ## Hello {{ name }}\n" +
        "\n" +
        "      Our **lager** is\n" +
        "      20% off.\n" +
        "\n" +
        "      - one\n" +
        "      - two\n" +
        "    text: >\n" +
        "      Folded text\n" +
        "      for {{ name }}.\n" +
        "\n" +
        "      Next paragraph.\n" +
        "  quoted:\n" +
        "    content: \"A quoted line\n" +
        "      folded onto one, {{ name }}.\n" +
        "\n" +
        "      A second paragraph.\"\n" +
        "  plain:\n" +
        "    content: A plain scalar\n" +
        "      over two lines\n" +
        "  keep:\n" +
        "    content: |+\n" +
        "      Kept trailing lines\n" +
        "\n" +
        "slots:\n" +
        "  a: { from: [hero] }\n" +
        "  b: { from: [quoted] }\n" +
        "  c: { from: [plain] }\n" +
        "  d: { from: [keep] }\n" +
        "messages:\n" +
        "  m:\n" +
        "    subject: \"{{ name }}, this\n" +
        "      month\"\n" +
        "    body: |\n" +
        "      Hello {{ name }},\n" +
        "\n" +
        "      {{ slot \"a\" }}\n" +
        "      {{ slot \"b\" }}\n" +
        "      {{ slot \"c\" }}\n" +
        "      {{ slot \"d\" }}\n" +
        "      Bye.\n";

    [Theory]
    [MemberData(nameof(Savings))]
    public void Catalog_SavedWithOtherLineBreaksOrEncoding_RendersTheSameMessagesOnEveryChannel(string saving)
    {
        using var folder = new TempDirectory();
        var lf = new CatalogLoader(TestCatalogs.Untimed).Load(Save(folder, "lf.yaml", Campaign, "lf"));
        var other = new CatalogLoader(TestCatalogs.Untimed).Load(Save(folder, "other.yaml", Campaign, saving));
        var recipient = TestCatalogs.Person(("id", "1"), ("name", "Ann"), ("email", "ann@example.com"));

        var expected = Messages(lf, recipient);
        var actual = Messages(other, recipient);

        Assert.DoesNotContain('\r', string.Concat(expected));
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Savings))]
    public void Diagnostics_InAFileSavedWithOtherLineBreaksOrEncoding_PointAtTheSamePlaces(string saving)
    {
        using var folder = new TempDirectory();
        var failures = new List<string>();
        foreach (var (code, _, marked) in DiagnosticTests.Cases.Select(static c => ((string)c[0], (string)c[1], (string)c[2])))
        {
            var yaml = marked.Replace("‸", string.Empty, StringComparison.Ordinal);
            if (yaml.Contains('\r', StringComparison.Ordinal))
            {
                continue;
            }

            var expected = Diagnose(Save(folder, "lf.yaml", yaml, "lf"));
            var actual = Diagnose(Save(folder, "lf.yaml", yaml, saving));
            if (!expected.SequenceEqual(actual))
            {
                failures.Add($"{code}:\n  LF:   {string.Join("\n        ", expected)}\n  {saving}: {string.Join("\n        ", actual)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static List<string> Diagnose(string file)
    {
        new CatalogLoader(TestCatalogs.Untimed).TryLoad(file, out _, out var diagnostics);
        return [.. diagnostics.Select(static d => $"{d.Code} {d.Location.Line}:{d.Location.Column} {d.Message}")];
    }

    private static List<string> Messages(Catalog catalog, OneToOne.Composition.Recipients.Recipient recipient)
    {
        var decision = catalog.Decide(recipient, "m");
        var text = catalog.Render(decision, Channel.Text);
        var web = catalog.Render(decision, Channel.Web);
        var print = catalog.Render(decision, Channel.Print);
        var email = catalog.RenderEmail(decision);
        var page = catalog.RenderPage(decision);
        var printContent = catalog.RenderPrint(decision);
        return [text.Subject, text.Body, web.Subject, web.Body, print.Body, email.Subject, email.Html, email.Text, page, printContent.Markdown];
    }

    private static string Save(TempDirectory folder, string name, string yaml, string saving)
    {
        var text = saving switch
        {
            "crlf" or "bom-crlf" or "utf16-crlf" => yaml.Replace("\n", "\r\n", StringComparison.Ordinal),
            "cr" => yaml.Replace('\n', '\r'),
            "mixed" => Mixed(yaml),
            _ => yaml,
        };
        var encoding = saving switch
        {
            "utf16-crlf" => Encoding.Unicode,
            "utf16be-lf" => Encoding.BigEndianUnicode,
            _ => new UTF8Encoding(false),
        };
        var bom = saving.StartsWith("bom", StringComparison.Ordinal) ? Encoding.UTF8.Preamble.ToArray() : encoding.GetPreamble();
        var path = folder.File(name);
        File.WriteAllBytes(path, [.. bom, .. encoding.GetBytes(text)]);
        return path;
    }

    /// <summary>CRLF, LF and CR in turn, as a file pasted together from Windows, Linux and old Mac sources has.</summary>
    private static string Mixed(string yaml)
    {
        var builder = new StringBuilder();
        var n = 0;
        foreach (var c in yaml)
        {
            builder.Append(c != '\n' ? c.ToString() : (n++ % 3) switch { 0 => "\r\n", 1 => "\n", _ => "\r" });
        }

        return builder.ToString();
    }
}
