using System.Text;
using System.Text.Json;

namespace OneToOne.Composition.Batch.Tests;

/// <summary>A small campaign and generated recipients: good, suppressed and poison records of known outcome.</summary>
internal static class TestCampaign
{
    public const string Yaml = """
        catalog: batch-test
        segments:
          smart: iq > 93
        modules:
          smart-hero:
            when: segment.smart
            content: "## {{ first_name }}, the clever pick"
          plain-hero:
            content: "## {{ first_name }}, the classic"
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
        """;

    /// <summary>
    /// The campaign, rendered without a practical time budget: the properties compare runs at different degrees of
    /// parallelism byte for byte, and under the default 1 s a record on a machine at load 40 can pass it in one run and be
    /// rejected for time in the other. The budget has tests of its own.
    /// </summary>
    public static Catalog Catalog { get; } = new CatalogLoader(Unbounded).Parse(Yaml);

    /// <summary>The default options with no practical render time budget (<see cref="Catalog"/>; tests/Shared TestOptions).</summary>
    public static CompositionOptions Unbounded => TestOptions.Untimed;

    public static RecipientSchema Schema { get; } = RecipientSchema.TryParse("id:text!,first_name:text!,iq:number", out var schema, out _) ? schema : throw new InvalidOperationException();

    /// <summary>The kinds of record the generators mix.</summary>
    public enum Kind
    {
        Good,
        Suppressed,
        MissingField,
        NonNumericIq,
        NotJson,
        HugeField,
    }

    public static Kind KindOf(int n) => (Kind)(Math.Abs(n) % 6);

    public static BatchStatus Expected(Kind kind) => kind switch
    {
        Kind.Good => BatchStatus.Rendered,
        Kind.Suppressed => BatchStatus.Suppressed,
        _ => BatchStatus.Rejected,
    };

    /// <summary>One JSON Lines record of the given kind for recipient number <paramref name="i"/>.</summary>
    public static string Line(int i, Kind kind)
    {
        var id = $"r{i}";
        return kind switch
        {
            Kind.Good => Json(new { id, first_name = $"Name{i}", iq = 80 + (i * 7 % 40), unsubscribed = false }),
            Kind.Suppressed => Json(new { id, first_name = $"Name{i}", iq = 100, unsubscribed = true }),
            Kind.MissingField => Json(new { id, iq = 100, unsubscribed = false }),
            Kind.NonNumericIq => Json(new { id, first_name = $"Name{i}", iq = "very high", unsubscribed = false }),
            Kind.NotJson => "{\"id\":\"" + id + "\", first_name: oops",
            _ => Json(new { id, first_name = new string('x', 2 * 1024 * 1024), iq = 100, unsubscribed = false }),
        };
    }

    public static string Jsonl(IEnumerable<Kind> kinds)
    {
        var text = new StringBuilder();
        var i = 0;
        foreach (var kind in kinds)
        {
            text.Append(Line(++i, kind)).Append('\n');
        }

        return text.ToString();
    }

    public static IEnumerable<RecipientRecord> Records(string jsonl) => RecipientReader.Read(new StringReader(jsonl), RecipientFormat.JsonLines);

    private static string Json(object value) => JsonSerializer.Serialize(value);
}

/// <summary>A sink that keeps each result's JSON Lines form, for comparing runs.</summary>
internal sealed class CollectingSink : IMessageSink
{
    private readonly StringWriter _text = new() { NewLine = "\n" };
    private readonly JsonLinesSink _inner;

    public CollectingSink() => _inner = new JsonLinesSink(_text);

    public List<BatchResult> Results { get; } = [];

    public bool Completed { get; private set; }

    public string Text => _text.ToString();

    public async ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
    {
        Results.Add(result);
        await _inner.WriteAsync(result, cancellationToken);
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        Completed = true;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
