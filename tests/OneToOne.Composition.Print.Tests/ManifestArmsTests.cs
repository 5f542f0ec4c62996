using System.Text.Json;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Print.Tests;

public sealed class ManifestArmsTests
{
    [Fact]
    public void TheManifest_RecordsEachRecipientsArms()
    {
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: letters
            experiments:
              letter_test:
                arms: { plain: 1, bold: 1 }
            messages:
              letter: { subject: "Letter", body: "Dear customer" }
            """);
        using var output = new MemoryStream();
        PrintManifest manifest;
        var expected = new List<string>();
        using (var writer = new PdfBatchWriter(output))
        {
            for (var i = 0; i < 4; i++)
            {
                var decision = catalog.Decide(Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = $"c{i}" }), "letter");
                expected.Add($"letter_test={decision.Experiments[0].Arm}");
                writer.Add($"c{i}", catalog.RenderPrint(decision));
            }

            manifest = writer.Complete();
        }

        Assert.Equal(expected, manifest.Entries.Select(static e => e.Arms));
        var json = JsonDocument.Parse(manifest.ToJson()).RootElement.GetProperty("entries");
        Assert.Equal(expected, json.EnumerateArray().Select(static e => e.GetProperty("arms").GetString()));
    }
}
