using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Testing;

/// <summary>
/// Recipients of the bundled examples (examples/*) with some of their fields replaced by hostile values: broken
/// UTF-16, control characters, noncharacters, bidirectional controls, endless combining marks and unbreakable words,
/// values near and over the output limit, template, Markdown, HTML and MIME syntax, values of the wrong kind, odd
/// numbers and dates, non-Latin scripts and bad email addresses, mixed with ordinary text. One source, compiled into
/// each test project that runs them through a channel.
/// </summary>
internal static class HostileRecipients
{
    /// <summary>Gets the folder of the repository, found from the test's output folder.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>Gets the beer-of-the-month catalog.</summary>
    public static Catalog Beer { get; } = new CatalogLoader().Load(Path.Combine(RepoRoot, "examples", "beer-of-the-month", "catalog.yaml"));

    /// <summary>Gets the bank-cross-sell catalog.</summary>
    public static Catalog Bank { get; } = new CatalogLoader().Load(Path.Combine(RepoRoot, "examples", "bank-cross-sell", "catalog.yaml"));

    /// <summary>Gets the beer-of-the-month example's own recipients (examples/beer-of-the-month/recipients.jsonl).</summary>
    public static IReadOnlyList<Dictionary<string, object?>> BeerRecipients { get; } = ReadBeerRecipients();

    /// <summary>
    /// Gets the bank-cross-sell example's own customers (its <c>Customers.Generate</c>), each also given an email
    /// address, which the example's simulation does not need but the email channel does.
    /// </summary>
    public static IReadOnlyList<Dictionary<string, object?>> BankRecipients { get; } =
        [.. BankCrossSell.Customers.Generate(40, 2025).Select(static (c, i) => new Dictionary<string, object?>(c) { ["email"] = $"customer{i + 1}@example.com" })];

    /// <summary>
    /// The seed every hostile-recipient property runs with (FsCheck's <c>Replay</c>), so that CI runs the same cases
    /// each time. To look for new failures, run them with another seed; a failing run prints the one that reproduces it.
    /// </summary>
    public const string Seed = "(2026120521,7919)";

    /// <summary>For <see cref="Cases"/>: text values of every length, up to and over the output limit.</summary>
    public const int AnyLength = int.MaxValue;

    /// <summary>The longest output a template may write (RenderLimits.Default.MaxOutputLength).</summary>
    public static int OutputLimit => RenderLimits.Default.MaxOutputLength;

    /// <summary>Pieces of text that break things when they are not handled, by kind: each kind is as likely as another, however many pieces it has.</summary>
    private static readonly string[][] Pieces =
    [
        // Broken UTF-16: lone high and low surrogates, a pair the wrong way round, a high one at the very end.
        ["\uD800", "\uDBFF", "\uDC00", "\uDFFF", "\uDC00\uD800", "x\uD83D"],
        // C0 and C1 controls, DEL.
        ["\0", "\u0001", "\u0007", "\b", "\t", "\n", "\v", "\f", "\r", "\r\n", "\u001B[31m", "\u001F", "\u007F", "\u0080", "\u0085", "\u009B", "\u009F"],
        // Noncharacters, private use (the renderer's own placeholder marks among them), specials.
        ["\uFFFE", "\uFFFF", "\uFDD0", "\uFDEF", "\U0001FFFE", "\U0010FFFF", "\uE000", "\uE001", "\uE000slot\uE001", "\uFFFD", "\uFEFF"],
        // Bidirectional controls: embeddings, overrides, isolates, marks.
        ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C", "\u202Efdp.exe"],
        // Joiners, emoji sequences, separators.
        ["\u200D", "\u200C", "\u200B", "\u2060", "\u00AD", "\u2028", "\u2029", "\u00A0", "\u3000", "👨\u200D👩\u200D👧\u200D👦", "🏳️\u200D🌈", "🇩🇪", "👍🏽", "❤️", "1️⃣"],
        // Template syntax (Scriban and Liquid).
        ["{{", "}}", "{{ id }}", "{{ slot \"hero\" }}", "{{ include 'x' }}", "{% if x %}", "{%", "%}", "{{~ 1 + 1 ~}}", "{{ date.now }}"],
        // Markdown.
        [
            "**bold**", "_em_", "# Heading", "\n# Heading\n", "[x](javascript:alert(1))", "![i](https://evil.example/i.png)", "```", "~~~", "`code`",
            "> quote", "\n---\n", "1. ", "* ", "| a | b |\n|---|---|", "[ref]: https://evil.example", "<https://evil.example>", "\\", "&amp;", "&#60;", "&lt;",
        ],
        // HTML.
        [
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><xdata onclick=alert(1)>", "' onmouseover='alert(1)", "</p>", "</textarea>",
            "<!--", "-->", "<![CDATA[", "<style>", "<svg onload=alert(1)>", "<a href=\"javascript:alert(1)\">", "javascript:alert(1)", "data:text/html,x",
        ],
        // MIME headers and encoded words.
        ["\r\nBcc: x@y.example", "\nTo: evil@y.example", "\r\n\r\n<html>", "=?utf-8?b?QWRtaW4=?=", "=?iso-8859-1?q?=41?=", "=?", "?=", ": ", "<x@y.example>", ",", ";", "\""],
        // Numbers, booleans and dates as text.
        ["NaN", "-0", "1e308", "-1e308", "Infinity", "0x1F", "1,000.5", "١٢٣", "007", "true", "false", "null", "2026-02-30", "31/12/2026", "0000-00-00T25:61:61Z", "+275760-09-13"],
        // Non-Latin scripts.
        ["مرحبا بالعالم", "שָׁלוֹם עוֹלָם", "नमस्ते दुनिया", "你好，世界", "สวัสดีชาวโลก", "안녕하세요", "Ελληνικά", "Привет", "ᚠᛇᚻ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢"],
    ];

    private static readonly string[] OrdinaryWords =
        ["Ann", "Zoë", "Jürgen", "O'Brien", "Mary-Jane", "de la Cruz", "gold", "silver", "US", "DE", "hello", "world", "42", " ", "  "];

    private static readonly string[] Emails =
    [
        "not-an-email", "a@b", "@", "a@@b.example", "a@b.example.", "用户@例子.广告", "user@bücher.example", "user@xn--bcher-kva.example", "\"quoted\"@example.com",
        "\"a\\\"b\"@example.com", "a\r\nBcc: b@x.example", "a@example.com\r\nBcc: b@x.example", "<a@example.com>", "a@example.com, c@example.com", "Name <a@example.com>",
        "a@[127.0.0.1]", "a@example.com (comment)", " a@example.com ", "a b@example.com", "a@example.com\0", "=?utf-8?b?YUBiLmV4YW1wbGU=?=@example.com",
        "ünïcödé@example.com", "a@example..com", "<ann>", "</textarea>", new string('a', 300) + "@example.com", "a@" + new string('b', 300) + ".example", "a@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 20)), "group: a@example.com;",
    ];

    private static readonly string[] Locales =
        ["xx", "en-US\0", "tlh", "zh-Hans-CN-u-nu-hanidec", "ar-SA", "th-TH", "fa-IR", "he-IL", "ja-JP-u-ca-japanese", "", " ", "de_AT", "i-klingon", "en-US-POSIX", "x-private", "../../etc"];

    /// <summary>A mix of hostile pieces and ordinary words, one to five of them.</summary>
    public static Gen<string> Text() =>
        Gen.Frequency(
            (6, Gen.Elements(Pieces).SelectMany(static kind => Gen.Elements(kind))),
            (2, Gen.Elements(OrdinaryWords)))
        .ListOf(5)
        .SelectMany(static l => Gen.Choose(1, 5), static (l, n) => string.Concat(l.Take(n)));

    /// <summary>
    /// Text that is large in one way or another: combining marks, unbreakable words, values near and over the output
    /// limit; none longer than <paramref name="longest"/> characters.
    /// </summary>
    public static Gen<string> Huge(int longest) =>
        Gen.OneOf(
            new (int Longest, Gen<string> Gen)[]
            {
                (601, Gen.Choose(50, 600).Select(static n => "e" + new string('\u0301', n))),
                (20_000, Gen.Choose(1_000, 20_000).Select(static n => new string('x', n))),
                (20_000, Gen.Choose(1_000, 20_000).Select(static n => string.Concat(Enumerable.Repeat("مرحبا", n / 5)))),
                (24_000, Gen.Choose(100, 3_000).Select(static n => string.Concat(Enumerable.Repeat("👨\u200D👩\u200D👧", n)))),
                (25_000, Gen.Choose(1_000, 5_000).Select(static n => string.Concat(Enumerable.Repeat("a\u0301\u0302\u0303 ", n)))),
                (160_000, Gen.Choose(1_000, 20_000).Select(static n => string.Concat(Enumerable.Repeat("{{ id }}", n)))),
                ((OutputLimit / 8) + 2_000, Gen.Choose(-2_000, 2_000).Select(static n => new string('<', (OutputLimit / 8) + n))),
                (OutputLimit + 2_000, Gen.Choose(-2_000, 2_000).Select(static n => new string('y', OutputLimit + n))),
            }
            .Where(h => h.Longest <= longest)
            .Select(static h => h.Gen));

    /// <summary>A value of any kind a recipient field may hold, hostile or of the wrong kind.</summary>
    public static Gen<object?> Value(int longest) =>
        Gen.Frequency(
            (10, Text().Select(static s => (object?)s)),
            (1, Huge(longest).Select(static s => (object?)s)),
            (3, Gen.Elements<object?>(
                0, -0.0, 1e308, -1e308, double.MaxValue, double.Epsilon, double.NaN, double.PositiveInfinity, double.NegativeInfinity,
                long.MaxValue, long.MinValue, int.MinValue, ulong.MaxValue, decimal.MaxValue, decimal.MinValue, 3.4e38f, (byte)255,
                BigInteger.Pow(10, 400), true, false, null, '\0', '\uD800', Guid.Empty)),
            (2, Gen.Elements<object?>(
                DateTime.MinValue, DateTime.MaxValue, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, new DateOnly(1, 1, 1), TimeSpan.MaxValue,
                new DateTime(2026, 2, 28, 23, 59, 59, DateTimeKind.Unspecified), "2026-11-23T18:30+14:00")),
            (2, Gen.Elements(Emails).Select(static s => (object?)s)),
            (2, Gen.Elements(Locales).Select(static s => (object?)s)),
            (2, Text().Select(static s => (object?)new Dictionary<string, object?> { ["a"] = s, ["card"] = 1.5, ["b"] = new List<object?> { s, 1 } })),
            (2, Text().Select(static s => (object?)new List<object?> { s, 2, null, true })),
            (1, Gen.Elements<object?>(new List<object?>(), new Dictionary<string, object?>(), new object(), new byte[] { 0, 1, 0xFF }, new[] { 1, 2, 3 })),
            (1, Gen.Elements(3, 40, 60, 1_000).Select(static depth => Nested(depth))));

    /// <summary>
    /// A recipient of one of the examples with one to four of its fields replaced by hostile values, removed, or
    /// joined by hostile extra fields (such as a <c>nickname</c>, which the beer catalog reads when present).
    /// </summary>
    /// <param name="example">The example's name, for a failing case's description.</param>
    /// <param name="bases">The example's own recipients.</param>
    /// <param name="longest">The longest text value to make (values near the output limit are 1 MiB).</param>
    /// <param name="extraFields">Fields to add that the example's recipients lack.</param>
    public static Gen<HostileCase> Cases(string example, IReadOnlyList<Dictionary<string, object?>> bases, int longest, params string[] extraFields) =>
        from baseIndex in Gen.Choose(0, bases.Count - 1)
        let fields = bases[baseIndex].Keys.Concat(extraFields).Distinct(StringComparer.Ordinal).ToArray()
        from count in Gen.Choose(1, 4)
        from changes in Change(fields, longest).ListOf(count)
        from source in Gen.Frequency((2, Gen.Constant(RecipientSource.Dictionary)), (1, Gen.Constant(RecipientSource.JsonElement)), (1, Gen.Constant(RecipientSource.JsonParser)))
        select new HostileCase(example, baseIndex, Apply(bases[baseIndex], changes), changes, ReadableSource(source, changes));

    private static Gen<FieldChange> Change(string[] fields, int longest) =>
        from field in Gen.Elements(fields)
        from removed in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from value in ValueFor(field, longest)
        select new FieldChange(field, removed, removed ? null : value);

    /// <summary>A value for a field: any value, and as often the bad values of the field's own kind (addresses for <c>email</c>, culture names for <c>locale</c>).</summary>
    private static Gen<object?> ValueFor(string field, int longest) => field switch
    {
        "email" => Gen.OneOf(Value(longest), Gen.Elements(Emails).Select(static s => (object?)s)),
        "locale" => Gen.OneOf(Value(longest), Gen.Elements(Locales).Select(static s => (object?)s)),
        _ => Value(longest),
    };

    /// <summary>The batch's parser reads JSON nested at most 64 deep (deeper is its documented JsonException): deeper values are read as a <see cref="JsonElement"/> instead.</summary>
    private static RecipientSource ReadableSource(RecipientSource source, IReadOnlyList<FieldChange> changes) =>
        source == RecipientSource.JsonParser && changes.Any(static c => Depth(c.Value) > 60) ? RecipientSource.JsonElement : source;

    private static int Depth(object? value) => value switch
    {
        IDictionary<string, object?> d => 1 + d.Values.Select(Depth).DefaultIfEmpty(0).Max(),
        System.Collections.IList l => 1 + l.Cast<object?>().Select(Depth).DefaultIfEmpty(0).Max(),
        _ => 0,
    };

    private static Dictionary<string, object?> Apply(Dictionary<string, object?> original, IReadOnlyList<FieldChange> changes)
    {
        var fields = new Dictionary<string, object?>(original, StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (change.Removed)
            {
                fields.Remove(change.Field);
            }
            else
            {
                fields[change.Field] = change.Value;
            }
        }

        return fields;
    }

    private static object? Nested(int depth)
    {
        object? value = "deep";
        for (var i = 0; i < depth; i++)
        {
            value = i % 2 == 0 ? new List<object?> { value } : new Dictionary<string, object?> { ["d"] = value };
        }

        return value;
    }

    /// <summary>Writes a value for a message about a failing case: short, escaped, with its length.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => Quote(s),
        char c => "char " + Quote(c.ToString()),
        IDictionary<string, object?> or System.Collections.IList when Depth(value) > 3 => $"(lists and objects {Depth(value)} deep)",
        IDictionary<string, object?> d => "{" + string.Join(", ", d.Take(4).Select(static p => p.Key + ": " + Describe(p.Value))) + (d.Count > 4 ? ", …" : string.Empty) + "}",
        System.Collections.IEnumerable e and not string => "[" + string.Join(", ", e.Cast<object?>().Take(4).Select(Describe)) + "]",
        IFormattable f => f.GetType().Name + " " + f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.GetType().Name,
    };

    private static string Quote(string s)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in s.Length > 80 ? s[..80] : s)
        {
            builder.Append(c is >= ' ' and < '\u007f' and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:X4}");
        }

        builder.Append('"');
        return s.Length > 80 ? builder.Append(CultureInfo.InvariantCulture, $"…({s.Length} chars)").ToString() : builder.ToString();
    }

    /// <summary>
    /// Makes the recipient of a case: from its dictionary, or from the JSON a file would hold (values JSON cannot write
    /// become text), read as a <see cref="JsonElement"/> or by the batch's <see cref="RecipientJsonParser"/>.
    /// </summary>
    public static Recipient ToRecipient(HostileCase hostile) => hostile.Source switch
    {
        RecipientSource.JsonElement => Recipient.FromJson(JsonDocument.Parse(ToJson(hostile.Fields), new JsonDocumentOptions { MaxDepth = 4_096 }).RootElement.Clone()),
        RecipientSource.JsonParser => new RecipientJsonParser().Parse(Encoding.UTF8.GetBytes(ToJson(hostile.Fields))),
        _ => Recipient.FromDictionary(hostile.Fields),
    };

    /// <summary>Writes fields as one JSON object, every character outside printable ASCII as a \u escape (so broken UTF-16 survives as JSON text may carry it).</summary>
    public static string ToJson(Dictionary<string, object?> fields)
    {
        var builder = new StringBuilder();
        WriteJson(builder, fields);
        return builder.ToString();
    }

    private static void WriteJson(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null: builder.Append("null"); break;
            case bool b: builder.Append(b ? "true" : "false"); break;
            case string s: WriteJsonString(builder, s); break;
            case double or float or long or int or byte or ulong or decimal when value is IConvertible c && double.IsFinite(c.ToDouble(CultureInfo.InvariantCulture)):
                builder.Append(((IFormattable)value).ToString(value is double or float ? "R" : null, CultureInfo.InvariantCulture)); break;
            case BigInteger big: builder.Append(big.ToString(CultureInfo.InvariantCulture)); break;
            case IDictionary<string, object?> d:
                builder.Append('{');
                foreach (var (key, item) in d)
                {
                    if (builder[^1] != '{')
                    {
                        builder.Append(',');
                    }

                    WriteJsonString(builder, key);
                    builder.Append(':');
                    WriteJson(builder, item);
                }

                builder.Append('}');
                break;
            case System.Collections.IEnumerable e and not string:
                builder.Append('[');
                foreach (var item in e)
                {
                    if (builder[^1] != '[')
                    {
                        builder.Append(',');
                    }

                    WriteJson(builder, item);
                }

                builder.Append(']');
                break;
            case IFormattable f: WriteJsonString(builder, f.ToString(null, CultureInfo.InvariantCulture)); break;
            default: WriteJsonString(builder, value.ToString() ?? string.Empty); break;
        }
    }

    private static void WriteJsonString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            if (c is >= ' ' and < '\u007f' and not '"' and not '\\')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }

        builder.Append('"');
    }

    private static List<Dictionary<string, object?>> ReadBeerRecipients()
    {
        var list = new List<Dictionary<string, object?>>();
        foreach (var line in File.ReadLines(Path.Combine(RepoRoot, "examples", "beer-of-the-month", "recipients.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Number => property.Value.GetInt64(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => null,
                };
            }

            list.Add(fields);
        }

        return list;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OneToOne.Composition.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The repository root (OneToOne.Composition.sln) is not above the test's output folder.");
    }
}

/// <summary>One field of an example recipient replaced by a hostile value, or removed.</summary>
/// <param name="Field">The field's name.</param>
/// <param name="Removed">Whether the field was removed.</param>
/// <param name="Value">The hostile value, when not removed.</param>
internal sealed record FieldChange(string Field, bool Removed, object? Value)
{
    public override string ToString() => Removed ? $"-{Field}" : $"{Field}={HostileRecipients.Describe(Value)}";
}

/// <summary>An example recipient with hostile fields, and how it was made.</summary>
/// <param name="Example">The example it came from.</param>
/// <param name="BaseIndex">The index of the example's recipient it was made from.</param>
/// <param name="Fields">The recipient's fields.</param>
/// <param name="Changes">The changes made to the example's recipient.</param>
/// <param name="Source">How the recipient is read: from the dictionary or from JSON.</param>
internal sealed record HostileCase(string Example, int BaseIndex, Dictionary<string, object?> Fields, IReadOnlyList<FieldChange> Changes, RecipientSource Source)
{
    /// <summary>Gets the recipient's id as the library reads it, or null.</summary>
    public string? Id => HostileRecipients.ToRecipient(this).Id;

    public override string ToString() => $"{Example}[{BaseIndex}]({Source}): {string.Join("; ", Changes)}";
}

/// <summary>How a hostile case's recipient is read.</summary>
internal enum RecipientSource
{
    /// <summary><see cref="Recipient.FromDictionary(IReadOnlyDictionary{string, object?}, string)"/> on the fields.</summary>
    Dictionary,

    /// <summary><see cref="Recipient.FromJson"/> on the fields written as JSON.</summary>
    JsonElement,

    /// <summary>The batch's <see cref="RecipientJsonParser"/> on the fields written as JSON.</summary>
    JsonParser,
}
