using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using OneToOne.Composition.Email;
using OneToOne.Composition.Print;
using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Batch.Tests.Running;

/// <summary>
/// The email and print runs, like the text run (<see cref="BatchRunnerProperties.Parallel_OutputEqualsSerial"/>), give
/// the same bytes whatever the degree of parallelism: each .eml and PDF, the merged PDF and its manifest, record by record.
/// </summary>
public sealed class DocumentParallelProperties
{
    /// <summary>Recipients in several locales, a cycle, money in another currency, a date and a plural, each of which must come out as one thread gives it.</summary>
    private const string Yaml = """
        catalog: documents
        locale: en-US
        segments:
          smart: iq > 93
        modules:
          smart-hero:
            when: segment.smart
            content: |
              ## {{ first_name }}, the clever pick

              {{ for n in 1..2 }}{{ array.cycle ["a", "b", "c"] }}{{ end }} {{ iq | money "EUR" }} {{ iq | string.plural "point" "points" }}
          plain-hero:
            content: |
              ## {{ first_name }}, the classic

              {{ "2026-03-01T08:30:00Z" | date.local "%A %d %B %Y" }} {{ iq | number 2 }}
        slots:
          hero:
            from: [smart-hero, plain-hero]
        messages:
          monthly:
            subject: "{{ first_name }}, this month"
            body: |
              Hello {{ first_name }},

              {{ slot "hero" }}
            suppress:
              when: unsubscribed == true
              reason: recipient unsubscribed
            email:
              from: "Club <club@example.com>"
              to-field: email
            print:
              address: |
                {{ first_name }}
                1 Main Street
        """;

    private static readonly string[] Locales = ["en-US", "de-DE", "fr-FR", "ja-JP", "ar-EG", "en-GB"];

    private static readonly Catalog Catalog = new CatalogLoader(TestCampaign.Unbounded with { TimeProvider = new FixedClock() }).Parse(Yaml);

    [Property(MaxTest = 12)]
    public bool EmailAndPrintRuns_GiveTheSerialBytes_AtAnyDegreeOfParallelism(int[] seeds, PositiveInt parallel)
    {
        var jsonl = Jsonl(seeds.Take(24));
        var degree = 2 + (parallel.Get % 7);
        var inFlight = 1 + (parallel.Get % 5);

        var emailSerial = Run(BatchChannel.Email, jsonl, 1, null);
        var emailWide = Run(BatchChannel.Email, jsonl, degree, inFlight);
        var printSerial = Run(BatchChannel.Print, jsonl, 1, null);
        var printWide = Run(BatchChannel.Print, jsonl, degree, inFlight);
        var mergedSerial = Merged(jsonl, 1, null);
        var mergedWide = Merged(jsonl, degree, inFlight);

        return emailSerial.SequenceEqual(emailWide) && printSerial.SequenceEqual(printWide) && mergedSerial == mergedWide
            && emailSerial.Count == Math.Min(seeds.Length, 24);
    }

    private static string Jsonl(IEnumerable<int> seeds)
    {
        var text = new StringBuilder();
        var i = 0;
        foreach (var seed in seeds)
        {
            i++;
            var n = Math.Abs(seed);
            text.Append(JsonSerializer.Serialize(new
            {
                id = $"r{i}",
                first_name = n % 11 == 3 ? "\u0001" : $"Name{n % 50} ü",
                iq = 80 + (n % 40),
                email = n % 13 == 5 ? "not an address" : $"r{i}@example.com",
                locale = Locales[n % Locales.Length],
                unsubscribed = n % 9 == 4,
            })).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Each record's number, status, error and document bytes, as a run of the channel writes them.</summary>
    private static List<string> Run(BatchChannel channel, string jsonl, int degree, int? inFlight)
    {
        BatchDocumentRenderer documents = channel == BatchChannel.Email
            ? new EmailBatchRenderer(new EmailComposer(new EmailOptions { TimeProvider = new FixedClock() }))
            : new PdfBatchRenderer();
        var sink = new CollectingSink();
        var options = new BatchOptions { MaxDegreeOfParallelism = degree, MaxInFlight = inFlight };
        new BatchRunner(Catalog, "monthly", new ChannelSettings(channel) { Documents = documents }, options)
            .RunAsync(TestCampaign.Records(jsonl), sink).GetAwaiter().GetResult();
        return [.. sink.Results.Select(static r => $"{r.Number} {r.Status} {r.Error} {Bytes(r.Document)}")];
    }

    /// <summary>The merged PDF and its manifest.</summary>
    private static string Merged(string jsonl, int degree, int? inFlight)
    {
        using var temp = new TempDirectory();
        var path = temp.File("merged.pdf");
        var options = new BatchOptions { MaxDegreeOfParallelism = degree, MaxInFlight = inFlight };
        var sink = new MergedPdfSink(path, PrintOptions.Default);
        try
        {
            new BatchRunner(Catalog, "monthly", new ChannelSettings(BatchChannel.Print), options)
                .RunAsync(TestCampaign.Records(jsonl), sink).GetAwaiter().GetResult();
        }
        finally
        {
            sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        // A run that prints no page writes no PDF, and one handed no record no manifest either.
        var manifest = MergedPdfSink.ManifestPathFor(path);
        return (File.Exists(path) ? Convert.ToHexString(File.ReadAllBytes(path)) : "no pdf") + "\n" + (File.Exists(manifest) ? File.ReadAllText(manifest) : "no manifest");
    }

    private static string Bytes(BatchDocument? document)
    {
        if (document is null)
        {
            return "-";
        }

        using var stream = new MemoryStream();
        document.WriteTo(stream);
        return Convert.ToHexString(stream.ToArray());
    }

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    }
}
