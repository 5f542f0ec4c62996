using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Declares the fields recipients must have and their types (<c>--schema "first_name:text!,iq:number"</c>), so a record
/// that does not fit — a required field missing or null, <c>"iq": "very high"</c> where a number belongs — is rejected
/// at <see cref="RejectStage.Read"/> with the field named, instead of being decided on wrong data. Fields the schema
/// does not name are not checked. In CSV, declared columns are parsed as their type; others are inferred.
/// </summary>
public sealed class RecipientSchema
{
    /// <summary>The forms of a day.month.year date (<see cref="DottedDate"/>).</summary>
    private static readonly string[] DottedFormats = ["d.M.yyyy", "d.M.yyyy H:mm", "d.M.yyyy H:mm:ss"];

    private readonly Dictionary<string, (FieldType Type, bool Required)> _fields;

    /// <summary>The decimal mark declared for a number field (<c>number(decimal-comma)</c>), by field; a field not here reads either way that is unambiguous.</summary>
    private readonly Dictionary<string, char> _decimalMarks = new(StringComparer.Ordinal);

    /// <summary>Initializes a schema.</summary>
    /// <param name="fields">The fields: name, type, and whether the field must be present and not null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> is null.</exception>
    /// <exception cref="ArgumentException">A field has no name, is named twice, or has a type that is none of <see cref="FieldType"/>'s.</exception>
    public RecipientSchema(IEnumerable<(string Name, FieldType Type, bool Required)> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _fields = new Dictionary<string, (FieldType, bool)>(StringComparer.Ordinal);
        foreach (var (name, type, required) in fields)
        {
            if (name is null)
            {
                throw new ArgumentException("A field of the schema has no name (null): give each field the name the recipients' data has.", nameof(fields));
            }

            if (!Enum.IsDefined(type))
            {
                // Accepted, such a type fitted no value: every record with the field was rejected, told it "must be text".
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The schema's field '{name}' has the type {(int)type}, which is none of FieldType.Text, Number, Boolean and Date."), nameof(fields));
            }

            if (!_fields.TryAdd(name, (type, required)))
            {
                throw new ArgumentException($"The schema names the field '{name}' twice.", nameof(fields));
            }
        }
    }

    /// <summary>
    /// Parses a schema written as <c>NAME:TYPE</c> items separated by commas, TYPE one of <c>text</c>, <c>number</c>,
    /// <c>boolean</c>, <c>date</c>, with <c>!</c> after it for a required field: <c>"id:text!,first_name:text!,iq:number"</c>.
    /// A number's decimal mark may be declared, for CSV: <c>number(decimal-comma)</c> reads <c>1.234,50</c> and <c>1.234</c>
    /// (1234) as a German export writes them, <c>number(decimal-point)</c> reads <c>1,234.50</c> and <c>1.234</c> (1.234);
    /// plain <c>number</c> reads only what reads one way (<c>1,234</c> is refused, <c>1.234</c> is 1.234).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="schema">The schema.</param>
    /// <param name="error">What is wrong with the text, or null.</param>
    /// <returns>Whether the text is a schema.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RecipientSchema? schema, [NotNullWhen(false)] out string? error)
    {
        schema = null;
        var fields = new List<(string, FieldType, bool)>();
        var marks = new Dictionary<string, char>(StringComparer.Ordinal);
        foreach (var item in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = item.IndexOf(':', StringComparison.Ordinal);
            var typeText = colon < 0 ? string.Empty : item[(colon + 1)..].Trim();
            var required = typeText.EndsWith('!');
            char mark = '\0';
            FieldType? type = (required ? typeText[..^1] : typeText).Replace(" ", "", StringComparison.Ordinal) switch
            {
                "text" => FieldType.Text,
                "number" => FieldType.Number,
                "number(decimal-comma)" => Marked(FieldType.Number, ',', out mark),
                "number(decimal-point)" => Marked(FieldType.Number, '.', out mark),
                "boolean" => FieldType.Boolean,
                "date" => FieldType.Date,
                _ => null,
            };
            if (colon <= 0 || type is null)
            {
                error = $"'{item}' is not a schema field. Write NAME:TYPE with TYPE text, number, number(decimal-comma), number(decimal-point), boolean or date, and ! for a required field, such as first_name:text!,iq:number,amount:number(decimal-comma).";
                return false;
            }

            var name = item[..colon].Trim();
            if (fields.Exists(f => f.Item1 == name))
            {
                error = $"The schema names the field '{name}' twice.";
                return false;
            }

            fields.Add((name, type.Value, required));
            if (mark != '\0')
            {
                marks[name] = mark;
            }
        }

        if (fields.Count == 0)
        {
            error = "The schema names no field. Write NAME:TYPE items separated by commas, such as first_name:text!,iq:number.";
            return false;
        }

        schema = new RecipientSchema(fields);
        foreach (var (name, mark) in marks)
        {
            schema._decimalMarks[name] = mark;
        }

        error = null;
        return true;

        static FieldType Marked(FieldType type, char decimalMark, out char mark)
        {
            mark = decimalMark;
            return type;
        }
    }

    /// <summary>Gets the declared type of a field, or null when the schema does not name it.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The type, or null.</returns>
    internal FieldType? TypeOf(string name) => _fields.TryGetValue(name, out var field) ? field.Type : null;

    /// <summary>Gets the decimal mark declared for a number field ('.' or ','), or '\0' when none is.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>The mark, or '\0'.</returns>
    internal char DecimalMarkOf(string name) => _decimalMarks.TryGetValue(name, out var mark) ? mark : '\0';

    /// <summary>Checks a recipient.</summary>
    /// <param name="recipient">The recipient.</param>
    /// <returns>What does not fit (naming the field), or null.</returns>
    internal string? Check(Recipients.Recipient recipient)
    {
        foreach (var (name, (type, required)) in _fields)
        {
            if (!recipient.TryGetValue(name, out var value) || value is null)
            {
                if (required)
                {
                    return $"field '{name}' is required, but the record {(value is null && recipient.HasField(name) ? "has it null" : "does not have it")}";
                }

                continue;
            }

            if (!Fits(value, type))
            {
                return string.Create(CultureInfo.InvariantCulture, $"field '{name}' must be {Describe(type)}, but it is {Show(value)}");
            }
        }

        return null;
    }

    /// <summary>Converts a CSV cell of a declared column.</summary>
    /// <param name="cell">The cell; empty is null.</param>
    /// <param name="type">The declared type.</param>
    /// <param name="decimalMark">For a number, the declared decimal mark ('.' or ','), or '\0' to read what reads one way only.</param>
    /// <param name="value">The typed value.</param>
    /// <param name="why">Why a number is refused when it reads two ways (<c>1,234</c>), else null.</param>
    /// <returns>Whether the cell fits the type.</returns>
    internal static bool TryConvert(string? cell, FieldType type, char decimalMark, out object? value, out string? why)
    {
        value = null;
        why = null;
        if (string.IsNullOrEmpty(cell))
        {
            return true;
        }

        switch (type)
        {
            // A plain integer or decimal is typed as inference types it (12 is an int); any other form is read as money and
            // number read a text amount, by one reader (TextNumber), so the schema accepts what the templates accept.
            case FieldType.Number when decimalMark != ',' && CsvValueParser.Parse(cell) is (int or long or decimal or System.Numerics.BigInteger) and var parsed:
                value = parsed;
                return true;
            case FieldType.Number when decimalMark == '\0' && TextNumber.TryParse(cell, out var number, out why):
                value = Typed(number);
                return true;
            case FieldType.Number when decimalMark != '\0' && TextNumber.TryParse(cell, decimalMark, out var declared):
                value = Typed(declared);
                return true;
            case FieldType.Boolean when Flag(cell) is { } flag:
                value = flag;
                return true;
            case FieldType.Date when IsoInstant.Parse(cell) is not null:
                // Kept as written, as a date in JSON Lines is: date.local then writes a plain date or a time without an
                // offset as it is and shifts only an instant (a date made an instant at midnight UTC showed the day before
                // west of Greenwich).
                value = cell;
                return true;
            case FieldType.Date when DottedDate(cell) is { } iso:
                value = iso;
                return true;
            case FieldType.Text:
                value = cell;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Describes a type for an error message.</summary>
    /// <param name="type">The type.</param>
    /// <returns>"a number", "text"…</returns>
    internal static string Describe(FieldType type) => type switch
    {
        FieldType.Number => "a number",
        FieldType.Boolean => "true or false",
        FieldType.Date => "a date",
        _ => "text",
    };

    /// <summary>
    /// How a value of the type is written, for an error about a cell that is not one: a spreadsheet's "500,00" or
    /// "01.02.2027" was refused with no word of the form the column needs.
    /// </summary>
    /// <param name="type">The type.</param>
    /// <param name="decimalMark">For a number, the declared decimal mark ('.' or ','), or '\0'.</param>
    /// <returns>": dates are …" or an empty string.</returns>
    internal static string HowWritten(FieldType type, char decimalMark = '\0') => type switch
    {
        FieldType.Number when decimalMark == ',' => ": the column is declared number(decimal-comma), so numbers are written with ',' for decimals and '.' grouping thousands in threes, or not at all (1.234,5 or 1234,5)",
        FieldType.Number when decimalMark == '.' => ": the column is declared number(decimal-point), so numbers are written with '.' for decimals and ',' grouping thousands in threes, or not at all (1,234.5 or 1234.5)",
        FieldType.Number => ": numbers are written with '.' for decimals (1234.5), or grouped in threes with the other mark as the decimal point (1,234.50, 1.234,50); declare number(decimal-comma) or number(decimal-point) when the export writes one way",
        FieldType.Boolean => ": a declared boolean is written true/false, yes/no, ja/nein, wahr/falsch or 1/0 (any case); for a mark such as 'x', declare the column text and test it in the condition (news == \"x\")",
        FieldType.Date => ": dates are ISO 8601, year-month-day (2026-11-23, or 2026-11-23T18:30 with a time), or day.month.year as German exports write them (23.11.2026, or 23.11.2026 18:30); a date with '/' reads as two days (12/6/2026 is 12 June or 6 December), so export it in one of those forms",
        _ => string.Empty,
    };

    /// <summary>
    /// Reads a declared boolean cell as exports write one: <c>true</c>/<c>false</c>, Excel's <c>WAHR</c>/<c>FALSCH</c> in
    /// German, <c>yes</c>/<c>no</c>, <c>ja</c>/<c>nein</c> or <c>1</c>/<c>0</c>, in any case; null for anything else
    /// (<c>x</c> marks a box in some sheets, but an empty box is no <c>false</c> there, so it is no boolean).
    /// </summary>
    private static bool? Flag(string cell) => cell.ToUpperInvariant() switch
    {
        "TRUE" or "WAHR" or "YES" or "JA" or "1" => true,
        "FALSE" or "FALSCH" or "NO" or "NEIN" or "0" => false,
        _ => null,
    };

    /// <summary>
    /// Reads a date written day.month.year, as Excel and SAP write one in German (<c>06.12.2026</c>, or
    /// <c>06.12.2026 18:30</c> with a time, on the recipient's own clock): the dots are day-first wherever they are
    /// written, so it reads one way only. Given as ISO 8601 (<c>2026-12-06</c>, <c>2026-12-06T18:30</c>), which
    /// <c>date.local</c> and conditions read; null for anything else.
    /// </summary>
    private static string? DottedDate(string cell)
    {
        if (!DateTime.TryParseExact(cell, DottedFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        return date.TimeOfDay == TimeSpan.Zero && !cell.Contains(':', StringComparison.Ordinal)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : date.ToString(date.Second == 0 ? "yyyy-MM-ddTHH:mm" : "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>A number read from grouped text, typed as the same number written plainly is inferred: a whole number (no decimals written) an int, or a long when larger.</summary>
#pragma warning disable CA1859 // The analyzer takes the boxed int and long returned for a decimal: which of the three comes back is the point.
    private static object Typed(decimal number)
#pragma warning restore CA1859
    {
        if (number.Scale == 0 && number is >= int.MinValue and <= int.MaxValue)
        {
            return (int)number;
        }

        if (number.Scale == 0 && number is >= long.MinValue and <= long.MaxValue)
        {
            return (long)number;
        }

        return number;
    }

    private static bool Fits(object value, FieldType type) => type switch
    {
        FieldType.Number => value is int or long or double or decimal or float or short or byte or System.Numerics.BigInteger,
        FieldType.Boolean => value is bool,
        FieldType.Date => value is DateTime or DateTimeOffset or DateOnly || (value is string s && IsoInstant.Parse(s) is not null),
        _ => value is string,
    };

    /// <summary>The value as a reader of the error knows it: its kind in plain words (not a .NET type's name) and, when short, the value.</summary>
    private static string Show(object value) => value switch
    {
        string s => $"the text \"{OneLineText.Shorten(s, 40)}\"",
        bool b => b ? "true" : "false",
        int or long or double or decimal or float or short or byte or System.Numerics.BigInteger => Short(value) is { } number ? $"the number {number}" : "a number",
        DateTime or DateTimeOffset or DateOnly => Short(value) is { } date ? $"the date {date}" : "a date",
        IDictionary<string, object?> or IReadOnlyDictionary<string, object?> or System.Collections.IDictionary => "an object",
        System.Collections.IEnumerable => "a list",
        _ => Short(value) ?? "a value of another kind",
    };

    private static string? Short(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: < 60 } text ? text : null;
}
