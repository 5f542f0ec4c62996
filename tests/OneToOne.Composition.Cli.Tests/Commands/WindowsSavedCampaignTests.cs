using System.Text;
using System.Text.Json;

namespace OneToOne.Composition.Cli.Tests.Commands;

/// <summary>
/// A campaign as a Windows or macOS team hands it over: folders and files named with spaces and accents, the catalog
/// saved by Notepad (CRLF, a byte order mark), the recipients exported by Excel (a BOM, CRLF, ids that differ by case or
/// name a Windows device). It validates with the places a marketer finds in their editor and renders into a folder that
/// loses no file when copied to a Mac or a Windows share.
/// </summary>
public sealed class WindowsSavedCampaignTests
{
    private const string Catalog =
        "catalog: frühjahr\n" +
        "modules:\n" +
        "  gruss:\n" +
        "    content: |\n" +
        "      ## Hallo {{ name }}\n" +
        "\n" +
        "      Unser **Frühjahrsangebot**.\n" +
        "slots:\n" +
        "  a: { from: [gruss] }\n" +
        "messages:\n" +
        "  m:\n" +
        "    subject: \"{{ name }}, Ihr Angebot\"\n" +
        "    body: |\n" +
        "      {{ slot \"a\" }}\n";

    [Fact]
    public void Campaign_InFoldersWithSpacesAndAccents_SavedByNotepadAndExcel_RendersEveryRecipientToItsOwnFile()
    {
        using var temp = new TempDirectory();
        var folder = Directory.CreateDirectory(temp.File("Kampagne Müller – 2026")).FullName;
        var catalog = Path.Combine(folder, "Katalog Frühjahr.yaml");
        File.WriteAllBytes(catalog, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(Catalog.Replace("\n", "\r\n", StringComparison.Ordinal))]);
        var recipients = Path.Combine(folder, "Empfänger Liste.csv");
        File.WriteAllBytes(recipients, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes("id;name\r\nAnn;Ann A\r\nann;Ann B\r\nCON;Con\r\nJose\u0301;José D\r\nJos\u00e9;José E\r\n")]);
        var output = Path.Combine(folder, "Ausgabe (Entwurf) ü");

        var run = CliRun.Of("render", catalog, "-m", "m", "-r", recipients, "-c", "text", "-o", output, "--progress", "none",
            "--summary", Path.Combine(folder, "Zusammenfassung ö.json"), "--checkpoint", Path.Combine(folder, "Stand ä.ckpt"));

        Assert.True(run.ExitCode == 0, run.ToString());
        var files = File.ReadAllLines(Path.Combine(output, "results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["Ann.txt", "ann-2.txt", "_CON.txt", "José.txt"], files.Take(4).Select(static r => r.GetProperty("file").GetString()));
        Assert.StartsWith("Subject: Ann B, Ihr Angebot\n\nHallo Ann B\n\nUnser Frühjahrsangebot.", File.ReadAllText(Path.Combine(output, "ann-2.txt")), StringComparison.Ordinal);
        Assert.StartsWith("Subject: José D, Ihr Angebot\n\nHallo José D\n\nUnser Frühjahrsangebot.", File.ReadAllText(Path.Combine(output, "José.txt")), StringComparison.Ordinal);

        // Jos\u00e9 is José\u0301 written composed: the same recipient, not a second message.
        Assert.Equal("suppressed", files[4].GetProperty("status").GetString());
        Assert.Contains("written another way", files[4].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain('\r', string.Concat(Directory.GetFiles(output, "*.txt").Select(File.ReadAllText)));
        Assert.Equal(4, JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "Zusammenfassung ö.json"))).RootElement.GetProperty("rendered").GetInt32());
    }

    [Fact]
    public void Validate_ACatalogSavedByNotepad_InAFolderWithSpacesAndAccents_NamesItsFileLineAndColumn()
    {
        using var temp = new TempDirectory();
        var folder = Directory.CreateDirectory(temp.File("Kampagne Müller – 2026")).FullName;
        var catalog = Path.Combine(folder, "Katalog Frühjahr.yaml");
        var broken = Catalog.Replace("slot \"a\"", "slot \"b\"", StringComparison.Ordinal);
        File.WriteAllBytes(catalog, [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(broken.Replace("\n", "\r\n", StringComparison.Ordinal))]);

        var run = CliRun.Of("validate", catalog);

        Assert.True(run.ExitCode == 1, run.ToString());
        var error = (run.Stdout + run.Stderr).Split('\n').First(static l => l.Contains("error OTO", StringComparison.Ordinal));
        Assert.StartsWith($"{catalog}(14,10): error OTO", error, StringComparison.Ordinal);
    }
}
