using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
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
/// and converted each time a template reads them, as with <see cref="Recipient.FromJson"/>. A name that occurs twice
/// in one object, the record's or one nested in it, is an error (<see cref="FormatException"/>): which of its values the
/// record meant is unknown.
/// </remarks>
/// <param name="idField">The field that holds each recipient's id.</param>
public sealed class RecipientJsonParser(string idField = "id")
{
    /// <summary>How many distinct names are remembered; names beyond that are read anew each time.</summary>
    private const int MaxNames = 512;

    /// <summary>The longest value (in UTF-8 bytes) whose string is remembered for the next record.</summary>
    private const int MaxRememberedValue = 32;

    /// <summary>The names remembered at first, before the memory grows.</summary>
    private const int InitialNames = 16;

    /// <summary>How many fields a record may have before a name is looked for among them in a set rather than one by one.</summary>
    private const int ScannedFields = 32;

    private static readonly object True = true;
    private static readonly object False = false;

    /// <summary>How nested values are parsed: as the reader reads the record, but with a key twice in an object an error.</summary>
    private static readonly JsonDocumentOptions UniqueKeys = new() { AllowDuplicateProperties = false };

    /// <summary>The names met so far, by index; never changed once added, so other threads read them (as field names) freely.</summary>
    private readonly List<NameEntry> _names = [];

    // What the parser writes for every record lives in padded arrays of its own (see Padded), never in this object's
    // fields: the count of records parsed (to tell a name's first occurrence in a record from a repeat), the fields of the
    // record being read, and per remembered name the record it last occurred in and its last short value (string and bytes).
    private readonly int[] _records = Padded<int>(1);
    private ParsedFields.Field[] _fields = Padded<ParsedFields.Field>(InitialNames);
    private Memory[] _memory = Padded<Memory>(InitialNames);
    private byte[] _lastValues = Padded<byte>(InitialNames * MaxRememberedValue);

    /// <summary>
    /// The names of the first fields of the record being read, once it has more than <see cref="ScannedFields"/>: a record
    /// of 300,000 keys (4 MB of JSON) looked for each name among the fields before it, and took ten minutes to read.
    /// Empty for every other record, so that it costs them nothing.
    /// </summary>
    private readonly HashSet<string> _fieldNames = new(StringComparer.Ordinal);

    /// <summary>Gets the field that holds each recipient's id.</summary>
    public string IdField { get; } = idField ?? throw new ArgumentNullException(nameof(idField));

    /// <summary>Reads one recipient from a UTF-8 JSON object.</summary>
    /// <param name="utf8Json">The JSON: one object, with nothing after it but white space.</param>
    /// <returns>The recipient.</returns>
    /// <exception cref="JsonException">The bytes are not valid JSON; the exception gives the position.</exception>
    /// <exception cref="FormatException">The JSON is valid but not an object, has a name twice, or a string in it is not valid UTF-8 (the message names the byte).</exception>
    public Recipient Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return ParseObject(utf8Json);
        }
        catch (InvalidOperationException) when (!System.Text.Unicode.Utf8.IsValid(utf8Json))
        {
            // The JSON reader leaves the bytes of strings to be checked as they are read (System.Text.Json's "Cannot transcode invalid UTF-8").
            throw new FormatException(NotUtf8(utf8Json));
        }
    }

    /// <summary>The error of JSON that is not valid UTF-8: the first bad byte (1-based) and how to fix the input.</summary>
    private static string NotUtf8(ReadOnlySpan<byte> utf8Json)
    {
        var at = Utf8Bytes.FirstInvalid(utf8Json, out _);
        var value = at >= 0 ? utf8Json[at] : (byte)0;
        return string.Create(CultureInfo.InvariantCulture, $"the JSON is not valid UTF-8 at byte {at + 1} (0x{value:X2}): save the input as UTF-8; it looks like Windows-1252/Latin-1 or another 8-bit encoding.");
    }

    private Recipient ParseObject(ReadOnlySpan<byte> utf8Json)
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

        // Left from a wide record before (one that failed too); on an empty set, this writes nothing.
        _fieldNames.Clear();
        ref var records = ref _records[Padding<int>()];
        var record = records = unchecked(records + 1);
        var count = 0;
        var position = 0;
        var unremembered = false;
        string? writtenId = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = NameAt(ref reader, position++);
            var name = index >= 0 ? _names[index].Name : JsonStrings.Read(ref reader);
            reader.Read();
            if (index >= 0 ? _names[index].IsId : string.Equals(name, IdField, StringComparison.Ordinal))
            {
                // A number id is kept as written (1e3, 1.0, -0), as a CSV file's id is.
                writtenId = reader.TokenType == JsonTokenType.Number ? Encoding.UTF8.GetString(reader.ValueSpan) : null;
            }

            var value = ReadValue(ref reader, utf8Json, index, name);

            // A remembered name not yet met in this record is new to it: no need to look for it among the fields so far,
            // unless a name read without the memory (escaped) could be the same one.
            unremembered |= index < 0;
            if (!unremembered && MemoryOf(index).Record != record)
            {
                MemoryOf(index).Record = record;
                AddField(ref count, new(name, value));
            }
            else
            {
                Add(ref count, name, value);
            }
        }

        while (reader.Read())
        {
            // Anything after the object but white space is the reader's error.
        }

        return Recipient.FromFields(new ParsedFields(_fields.AsSpan(Padding<ParsedFields.Field>(), count).ToArray()), IdField, writtenId);
    }

    /// <summary>
    /// An array with room for <paramref name="length"/> elements between two unused stretches of 128 bytes (read at
    /// <see cref="Padding{T}"/>). The parser writes its arrays for every record, and the workers of a batch take turns
    /// at parsing while the others read field names and values the parser made: were one of those objects to share a
    /// cache line with what the parser writes, every write would take the line from the reading cores' caches, and
    /// reading a field would slow several-fold on every core but the parser's.
    /// </summary>
    private static T[] Padded<T>(int length) => new T[(2 * Padding<T>()) + length];

    /// <summary>The unused elements at each end of a <see cref="Padded{T}"/> array: 128 bytes' worth (two cache lines).</summary>
    private static int Padding<T>() => (128 + Unsafe.SizeOf<T>() - 1) / Unsafe.SizeOf<T>();

    /// <summary>The elements of a <see cref="Padded{T}"/> array between its paddings.</summary>
    private static int Capacity<T>(T[] padded) => padded.Length - (2 * Padding<T>());

    /// <summary>A <see cref="Padded{T}"/> array twice as large, with the used elements copied.</summary>
    private static T[] Grown<T>(T[] padded)
    {
        var grown = Padded<T>(2 * Capacity(padded));
        padded.AsSpan(Padding<T>(), Capacity(padded)).CopyTo(grown.AsSpan(Padding<T>()));
        return grown;
    }

    private ref Memory MemoryOf(int index) => ref _memory[Padding<Memory>() + index];

    private Span<byte> LastValueOf(int index) => _lastValues.AsSpan(Padding<byte>() + (index * MaxRememberedValue), MaxRememberedValue);

    private void AddField(ref int count, ParsedFields.Field field)
    {
        if (count == Capacity(_fields))
        {
            _fields = Grown(_fields);
        }

        _fields[Padding<ParsedFields.Field>() + count++] = field;
    }

    /// <summary>Adds a field, or replaces the value of one of the same name (the last value counts).</summary>
    private void Add(ref int count, string name, object? value)
    {
        var fields = _fields.AsSpan(Padding<ParsedFields.Field>(), count);
        bool twice;
        if (count < ScannedFields)
        {
            twice = false;
            foreach (var field in fields)
            {
                twice |= string.Equals(field.Name, name, StringComparison.Ordinal);
            }
        }
        else
        {
            // The set holds the names of the first fields (all distinct); the fields added since are added to it first.
            foreach (var field in fields[_fieldNames.Count..])
            {
                _fieldNames.Add(field.Name);
            }

            twice = !_fieldNames.Add(name);
        }

        if (twice)
        {
            // As a CSV file may not have a column twice: one of the values would be dropped unseen.
            throw new FormatException($"the key \"{name}\" occurs twice in the object, so which value is meant is unknown: keep one of them.");
        }

        AddField(ref count, new(name, value));
    }

    /// <summary>
    /// The index of the remembered property name under the reader: the one first remembered at this position when it
    /// matches (the records of a stream are shaped alike), else any that matches, else a new one while there is room.
    /// -1 for an escaped name (read as a string by the caller) or when there is no room.
    /// </summary>
    private int NameAt(ref Utf8JsonReader reader, int position)
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return -1;
        }

        var utf8 = reader.ValueSpan;
        if (position < _names.Count && utf8.SequenceEqual(_names[position].Utf8))
        {
            return position;
        }

        for (var i = 0; i < _names.Count; i++)
        {
            if (utf8.SequenceEqual(_names[i].Utf8))
            {
                return i;
            }
        }

        if (_names.Count == MaxNames)
        {
            return -1;
        }

        if (_names.Count == Capacity(_memory))
        {
            _memory = Grown(_memory);
            _lastValues = Grown(_lastValues);
        }

        var name = reader.GetString()!;
        _names.Add(new NameEntry(utf8.ToArray(), name, string.Equals(name, IdField, StringComparison.Ordinal)));
        return _names.Count - 1;
    }

    private object? ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8Json, int index, string name)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return ReadString(ref reader, index);
            case JsonTokenType.Number:
                // The narrowest type that holds the number, as ValueConverter.FromJson reads a JsonElement's.
                return reader.TryGetInt32(out var i) ? i
                    : reader.TryGetInt64(out var l) ? l
                    : reader.TryGetDecimal(out var d) ? ValueConverter.ExactOrText(d, reader.ValueSpan)
                    : ValueConverter.BeyondDecimal(reader.ValueSpan) ?? reader.GetDouble();
            case JsonTokenType.True:
                return True;
            case JsonTokenType.False:
                return False;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                return ReadNested(ref reader, utf8Json, name);
            default:
                return null;
        }
    }

    /// <summary>
    /// Reads a nested object or array (a field's value), refusing it when an object in it has a key twice: a template
    /// reading that key would get one of the values, the other dropped unseen, as at the top level.
    /// </summary>
    private static JsonElement ReadNested(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8Json, string name)
    {
        var start = checked((int)reader.TokenStartIndex);
        reader.Skip();
        var json = utf8Json[start..checked((int)reader.BytesConsumed)].ToArray();
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            // Checked here, where the record is read, as a top-level string is (templates would read U+FFFD for the bad bytes).
            throw new FormatException(NotUtf8(utf8Json));
        }

        try
        {
            using var document = JsonDocument.Parse(json, UniqueKeys);
            return document.RootElement.Clone();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // The reader has read the value, so the error is a key twice; or a key with an escaped lone surrogate ("\ud800"),
            // which System.Text.Json's check cannot read: either way the key and where it is are found here.
            using var document = JsonDocument.Parse(json);
            return FirstKeyTwice(document.RootElement, name) is ({ } key, { } path)
                ? throw new FormatException($"the key \"{key}\" occurs twice in \"{path}\", so which value is meant is unknown: keep one of them.")
                : document.RootElement.Clone();
        }
    }

    /// <summary>The first key that an object in <paramref name="element"/> has twice, and the path of that object; null when there is none.</summary>
    private static (string Key, string Path)? FirstKeyTwice(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (FirstKeyTwice(item, string.Create(CultureInfo.InvariantCulture, $"{path}[{i++}]")) is { } found)
                {
                    return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var key = NameOf(property);
                if (!keys.Add(key))
                {
                    return (key, path);
                }

                if (FirstKeyTwice(property.Value, $"{path}.{key}") is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    /// <summary>A property's name, read as <see cref="JsonStrings"/> reads text (a lone surrogate escaped in it kept).</summary>
    private static string NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes("{" + property.ToString() + "}"));
            reader.Read();
            reader.Read();
            return JsonStrings.Read(ref reader);
        }
    }

    /// <summary>Reads a string value, reusing the string of the last value read under the same name when the bytes are the same.</summary>
    private string ReadString(ref Utf8JsonReader reader, int index)
    {
        if (index < 0 || reader.ValueIsEscaped || reader.HasValueSequence || reader.ValueSpan.Length > MaxRememberedValue)
        {
            return JsonStrings.Read(ref reader);
        }

        var utf8 = reader.ValueSpan;
        ref var memory = ref MemoryOf(index);
        var last = LastValueOf(index);
        if (memory.LastValue is not null && utf8.SequenceEqual(last[..memory.LastValueLength]))
        {
            return memory.LastValue;
        }

        var value = reader.GetString()!;
        utf8.CopyTo(last);
        memory.LastValueLength = utf8.Length;
        memory.LastValue = value;
        return value;
    }

    /// <summary>A property name seen before: its UTF-8 bytes, its string, and whether it is <see cref="IdField"/>.</summary>
    private sealed record NameEntry(byte[] Utf8, string Name, bool IsId);

    /// <summary>What the parser remembers of a name between records: the last short string value read under it (its bytes in <c>_lastValues</c>), and the record in which the name last occurred.</summary>
    private struct Memory
    {
        public string? LastValue;
        public int LastValueLength;
        public int Record;
    }
}
