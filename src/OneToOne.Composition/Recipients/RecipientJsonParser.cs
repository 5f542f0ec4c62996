using System.Text.Json;

namespace OneToOne.Composition.Recipients;

/// <summary>
/// Reads recipients from UTF-8 JSON objects, one after another (a JSON Lines file, a queue's messages). Each recipient
/// holds its own copy of the values, so the bytes may be reused as soon as <see cref="Parse"/> returns. The parser
/// remembers the property names, and the last short value of each, that it has read, so that a stream of records
/// shaped alike reads a name only once and a value its predecessor had (a country, a tier) without a new string.
/// </summary>
/// <remarks>
/// One parser serves one stream: it is not safe to call <see cref="Parse"/> from several threads at once. The
/// recipients it returns are independent of it and of each other. Nested objects and arrays are kept as parsed JSON
/// and converted each time a template reads them, as with <see cref="Recipient.FromJson"/>. When a name occurs twice
/// in one object, the last value counts.
/// </remarks>
/// <param name="idField">The field that holds each recipient's id.</param>
public sealed class RecipientJsonParser(string idField = "id")
{
    /// <summary>How many distinct names are remembered; names beyond that are read anew each time.</summary>
    private const int MaxNames = 512;

    /// <summary>The longest value (in UTF-8 bytes) whose string is remembered for the next record.</summary>
    private const int MaxRememberedValue = 32;

    private static readonly object True = true;
    private static readonly object False = false;

    private readonly List<NameEntry> _names = [];
    private readonly List<ParsedFields.Field> _fields = [];

    /// <summary>Counts the records parsed, to tell a name's first occurrence in a record from a repeat.</summary>
    private int _record;

    /// <summary>Gets the field that holds each recipient's id.</summary>
    public string IdField { get; } = idField ?? throw new ArgumentNullException(nameof(idField));

    /// <summary>Reads one recipient from a UTF-8 JSON object.</summary>
    /// <param name="utf8Json">The JSON: one object, with nothing after it but white space.</param>
    /// <returns>The recipient.</returns>
    /// <exception cref="JsonException">The bytes are not valid JSON; the exception gives the position.</exception>
    /// <exception cref="FormatException">The JSON is valid but not an object.</exception>
    public Recipient Parse(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, isFinalBlock: true, state: default);
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            var kind = JsonElement.ParseValue(ref reader).ValueKind;
            while (reader.Read())
            {
                // Invalid trailing content is the reader's error, reported as such, before the kind is.
            }

            throw new FormatException($"A recipient must be a JSON object, but this is a JSON {kind.ToString().ToLowerInvariant()}.");
        }

        _fields.Clear();
        _record = unchecked(_record + 1);
        var position = 0;
        var unremembered = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var entry = NameAt(ref reader, position++);
            var name = entry?.Name ?? reader.GetString()!;
            reader.Read();
            var value = ReadValue(ref reader, entry);

            // A remembered name not yet met in this record is new to it: no need to look for it among the fields so far,
            // unless a name read without the memory (escaped) could be the same one.
            unremembered |= entry is null;
            if (!unremembered && entry!.Record != _record)
            {
                entry.Record = _record;
                _fields.Add(new(name, value));
            }
            else
            {
                Add(name, value);
            }
        }

        while (reader.Read())
        {
            // Anything after the object but white space is the reader's error.
        }

        return Recipient.FromFields(new ParsedFields([.. _fields]), IdField);
    }

    /// <summary>Adds a field, or replaces the value of one of the same name (the last value counts).</summary>
    private void Add(string name, object? value)
    {
        for (var i = 0; i < _fields.Count; i++)
        {
            if (string.Equals(_fields[i].Name, name, StringComparison.Ordinal))
            {
                _fields[i] = new(name, value);
                return;
            }
        }

        _fields.Add(new(name, value));
    }

    /// <summary>
    /// The remembered entry for the property name under the reader: the one first remembered at this position when it
    /// matches (the records of a stream are shaped alike), else any that matches, else a new one while there is room.
    /// Null for an escaped name (read as a string by the caller) or when there is no room.
    /// </summary>
    private NameEntry? NameAt(ref Utf8JsonReader reader, int position)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return null;
        }

        var utf8 = reader.ValueSpan;
        if (position < _names.Count && utf8.SequenceEqual(_names[position].Utf8))
        {
            return _names[position];
        }

        foreach (var known in _names)
        {
            if (utf8.SequenceEqual(known.Utf8))
            {
                return known;
            }
        }

        if (_names.Count == MaxNames)
        {
            return null;
        }

        var entry = new NameEntry(utf8.ToArray(), reader.GetString()!);
        _names.Add(entry);
        return entry;
    }

    private static object? ReadValue(ref Utf8JsonReader reader, NameEntry? entry)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return ReadString(ref reader, entry);
            case JsonTokenType.Number:
                // The narrowest type that holds the number, as ValueConverter.FromJson reads a JsonElement's.
                return reader.TryGetInt32(out var i) ? i
                    : reader.TryGetInt64(out var l) ? l
                    : reader.TryGetDecimal(out var d) ? d
                    : reader.GetDouble();
            case JsonTokenType.True:
                return True;
            case JsonTokenType.False:
                return False;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                return JsonElement.ParseValue(ref reader);
            default:
                return null;
        }
    }

    /// <summary>Reads a string value, reusing the string of the last value read under the same name when the bytes are the same.</summary>
    private static string ReadString(ref Utf8JsonReader reader, NameEntry? entry)
    {
        if (entry is null || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxRememberedValue)
        {
            return reader.GetString()!;
        }

        var utf8 = reader.ValueSpan;
        if (entry.LastValue is not null && utf8.SequenceEqual(entry.LastValueUtf8.AsSpan(0, entry.LastValueLength)))
        {
            return entry.LastValue;
        }

        var value = reader.GetString()!;
        utf8.CopyTo(entry.LastValueUtf8);
        entry.LastValueLength = utf8.Length;
        entry.LastValue = value;
        return value;
    }

    /// <summary>A property name seen before, and the last short string value read under it.</summary>
    private sealed class NameEntry(byte[] utf8, string name)
    {
        public byte[] Utf8 { get; } = utf8;

        public string Name { get; } = name;

        /// <summary>Gets the UTF-8 bytes of <see cref="LastValue"/> (the first <see cref="LastValueLength"/>).</summary>
        public byte[] LastValueUtf8 { get; } = new byte[MaxRememberedValue];

        public int LastValueLength { get; set; }

        public string? LastValue { get; set; }

        /// <summary>Gets or sets the record in which the name last occurred.</summary>
        public int Record { get; set; }
    }
}
