using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Tests.Properties;

/// <summary>A stream of records read by one <see cref="RecipientJsonParser"/> must read exactly as each record's own <see cref="JsonDocument"/> does.</summary>
public sealed class RecipientJsonParserProperties
{
    /// <summary>More names than the parser's memory and field buffer start with, so that both grow within a stream.</summary>
    private static readonly string[] Names =
        ["id", "first_name", "tier", "iq", "country", "a\u00e9", "tab\tname", "quote\"d", "nested", "list", .. Enumerable.Range(0, 20).Select(static i => $"extra_{i}")];

    private static readonly string[] Values =
    [
        "\"US\"", "\"DE\"", "\"\"", "\"gold\"", "\"caf\\u00e9\"", "\"caf\u00e9\"", "\"a longer value than thirty-two bytes, never remembered\"",
        "\"line\\nbreak\"", "93", "-5", "2.5", "3000000000", "79228162514264337593543950336", "1e400", "0.1", "true", "false", "null",
        "{\"city\":\"K\u00f6ln\",\"zip\":5}", "[1,\"x\",{\"y\":null}]", "[]", "{}",
    ];

    private static Gen<string> Record() =>
        from count in Gen.Choose(0, 24)
        from names in Gen.Elements(Names).ArrayOf(count)
        from values in Gen.Elements(Values).ArrayOf(count)
        from escape in Gen.Elements(false, true)
        select "{" + string.Join(",", names.Zip(values, (n, v) => $"{Name(n, escape)}:{v}")) + "}";

    /// <summary>The first name of a record that occurs in it a second time, at that second occurrence; null when each name occurs once.</summary>
    private static string? Repeated(JsonElement record)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return record.EnumerateObject().Select(static p => p.Name).FirstOrDefault(name => !seen.Add(name));
    }

    /// <summary>A name as JSON writes it, or with every character escaped, which the parser reads without its memory of names.</summary>
    private static string Name(string name, bool escape) =>
        escape ? "\"" + string.Concat(name.Select(static c => $"\\u{(int)c:x4}")) + "\"" : JsonSerializer.Serialize(name);

    [Property(MaxTest = 300)]
    public Property OneParser_ReadsEachRecordAsItsOwnDocumentDoes() =>
        Prop.ForAll(
            Record().ArrayOf().ToArbitrary(),
            static records =>
            {
                var parser = new RecipientJsonParser();
                foreach (var record in records)
                {
                    using var document = JsonDocument.Parse(record);
                    if (Repeated(document.RootElement) is { } repeated)
                    {
                        // Which of a name's values the record meant is unknown: an error that names it, not the last value.
                        var error = Xunit.Record.Exception(() => parser.Parse(Encoding.UTF8.GetBytes(record)));
                        if (error is not FormatException || !error.Message.StartsWith($"the key \"{repeated}\" occurs twice", StringComparison.Ordinal))
                        {
                            return false.Label($"{record}: {error?.Message ?? "no error"}, not one naming \"{repeated}\" twice");
                        }

                        continue;
                    }

                    var parsed = parser.Parse(Encoding.UTF8.GetBytes(record));
                    var expected = Recipient.FromJson(document.RootElement);
                    foreach (var name in Names.Append("missing"))
                    {
                        var want = Show(expected, name);
                        var got = Show(parsed, name);
                        if (want != got)
                        {
                            return false.Label($"{record}: '{name}' reads {got}, but its document reads {want}");
                        }
                    }

                    if (parsed.Id != expected.Id)
                    {
                        return false.Label($"{record}: id {parsed.Id}, but its document says {expected.Id}");
                    }

                    var names = expected.FieldNames.Distinct().Order(StringComparer.Ordinal);
                    if (!parsed.FieldNames.Order(StringComparer.Ordinal).SequenceEqual(names))
                    {
                        return false.Label($"{record}: names {string.Join(",", parsed.FieldNames)}");
                    }
                }

                return true.ToProperty();
            });

    /// <summary>A field's presence, its value's type and its value as a template would print it.</summary>
    private static string Show(Recipient recipient, string name) =>
        !recipient.TryGetValue(name, out var value) ? (recipient.HasField(name) ? "inconsistent" : "missing")
        : !recipient.HasField(name) ? "inconsistent"
        : value is null ? "null"
        : $"{value.GetType().Name}:{Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)}";
}
