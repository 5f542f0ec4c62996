using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using OneToOne.Composition.Benchmarks.Infrastructure;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Benchmarks;

/// <summary>
/// The two ways a JSON record becomes a recipient, on <see cref="BatchBenchmarks"/>' 1,024 records: read once into its
/// own fields by <see cref="RecipientJsonParser"/> (what the batch does), or parsed into a <see cref="JsonDocument"/>
/// and read in place by <see cref="Recipient.FromJson"/> (what it did). Measured twice: parsing and reading every field
/// three times (deciding and rendering read each several times), and deciding and rendering recipients parsed
/// beforehand, which is where the field reads weigh.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MessageBenchmarkConfig))]
public class RecipientFormBenchmarks
{
    private static readonly string[] Fields = ["id", "first_name", "email", "gender", "iq", "tier", "points", "last_category", "country", "locale", "unsubscribed"];

    private byte[][] _utf8 = null!;
    private Catalog _catalog = null!;
    private Recipient[] _parsed = null!;
    private JsonDocument[] _documents = null!;
    private Recipient[] _inDocuments = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = BatchBenchmarks.LoadExample();
        _utf8 = Array.ConvertAll(BatchBenchmarks.Lines(), static l => Encoding.UTF8.GetBytes(l));
        var parser = new RecipientJsonParser();
        _parsed = Array.ConvertAll(_utf8, b => parser.Parse(b));
        _documents = Array.ConvertAll(_utf8, static b => JsonDocument.Parse(b));
        _inDocuments = Array.ConvertAll(_documents, static d => Recipient.FromJson(d.RootElement));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (var document in _documents)
        {
            document.Dispose();
        }
    }

    [Benchmark(OperationsPerInvoke = BatchBenchmarks.Count)]
    public long ParseAndRead_RecipientJsonParser()
    {
        var parser = new RecipientJsonParser();
        long found = 0;
        foreach (var line in _utf8)
        {
            found += ReadAll(parser.Parse(line));
        }

        return found;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = BatchBenchmarks.Count)]
    public long ParseAndRead_JsonDocument()
    {
        long found = 0;
        foreach (var line in _utf8)
        {
            using var document = JsonDocument.Parse(line);
            found += ReadAll(Recipient.FromJson(document.RootElement));
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = BatchBenchmarks.Count)]
    public long DecideRender_RecipientJsonParser() => BatchBenchmarks.DecideRender(_catalog, _parsed, 0, _parsed.Length);

    [Benchmark(OperationsPerInvoke = BatchBenchmarks.Count)]
    public long DecideRender_JsonDocument() => BatchBenchmarks.DecideRender(_catalog, _inDocuments, 0, _inDocuments.Length);

    private static int ReadAll(Recipient recipient)
    {
        var found = 0;
        for (var pass = 0; pass < 3; pass++)
        {
            foreach (var field in Fields)
            {
                found += recipient.TryGetValue(field, out var value) && value is not null ? 1 : 0;
            }
        }

        return found;
    }
}
