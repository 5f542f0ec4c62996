using System.Collections;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;

namespace OneToOne.Composition.Recipients;

/// <summary>
/// One recipient's data: named fields read by conditions and templates. Create one with
/// <see cref="FromDictionary(IReadOnlyDictionary{string, object?}, string)"/>, <see cref="FromJson"/> or <see cref="FromObject"/> (the data is
/// read in place, never copied into a template engine object), or read a stream of JSON records with
/// <see cref="RecipientJsonParser"/>.
/// </summary>
/// <remarks>A recipient is immutable as far as the library is concerned; do not change the underlying data while it is being decided or rendered.</remarks>
public sealed class Recipient
{
    private readonly IRecipientFields _fields;

    /// <summary>Creates a recipient over its fields.</summary>
    /// <param name="fields">The fields.</param>
    /// <param name="idField">The field that holds the id.</param>
    /// <param name="writtenId">
    /// The id's text as the source wrote it, when the source is text and the id a number there (<c>1e3</c>, <c>1.0</c>, <c>-0</c>),
    /// or null to format the field's value.
    /// </param>
    private Recipient(IRecipientFields fields, string idField, string? writtenId = null)
    {
        _fields = fields;
        IdField = idField;
        Id = writtenId ?? (fields.TryGetValue(idField, out var id) && id is not null
            ? Convert.ToString(id, CultureInfo.InvariantCulture)
            : null);
    }

    /// <summary>
    /// Gets the recipient's id (the value of <see cref="IdField"/>), or null when it has none. An id that JSON writes as a
    /// number is its text as written (<c>1e3</c> stays <c>1e3</c>, as it does in a CSV file), not the number formatted anew:
    /// the id names the recipient's files and shard, so the same input gives the same id in any format. Templates still read
    /// the field as a number.
    /// </summary>
    public string? Id { get; }

    /// <summary>Gets the name of the field that holds the id.</summary>
    public string IdField { get; }

    /// <summary>Gets the names of the recipient's fields.</summary>
    public IEnumerable<string> FieldNames => _fields.Names;

    /// <summary>
    /// For an error about a field the recipient lacks: " The recipient has 'First Name': …" when it has a field of a close
    /// name (a CSV header written for people, a typo), which is likely the one meant; else empty.
    /// </summary>
    internal string CloseField(string missing) =>
        Suggest.Closest(missing, FieldNames) is { } close && close != missing
            ? $" The recipient has '{close}': if that is the field, name it '{missing}' in the recipient data (in a CSV, the column's header)."
            : string.Empty;

    /// <summary>Creates a recipient from a dictionary of field values.</summary>
    /// <param name="fields">The fields; values may be strings, numbers, booleans, dates, nested dictionaries or lists.</param>
    /// <param name="idField">The field that holds the recipient's id.</param>
    /// <returns>The recipient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> or <paramref name="idField"/> is null.</exception>
    public static Recipient FromDictionary(IReadOnlyDictionary<string, object?> fields, string idField = "id")
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(idField);
        return new Recipient(new DictionaryFields(fields), idField);
    }

    /// <summary>
    /// Creates a recipient from a dictionary of field values read from text (a CSV file, say), whose id is its text as the
    /// source wrote it: a CSV id column declared a number reads <c>007</c> as the number 7 for templates, and the id stays
    /// <c>007</c>, naming the recipient's files and shard as the written text does.
    /// </summary>
    /// <param name="fields">The fields; values may be strings, numbers, booleans, dates, nested dictionaries or lists.</param>
    /// <param name="idField">The field that holds the recipient's id.</param>
    /// <param name="writtenId">The id's text as written; or null to format the id field's value, as <see cref="FromDictionary(IReadOnlyDictionary{string, object?}, string)"/> does.</param>
    /// <returns>The recipient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fields"/> or <paramref name="idField"/> is null.</exception>
    public static Recipient FromDictionary(IReadOnlyDictionary<string, object?> fields, string idField, string? writtenId)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(idField);
        return new Recipient(new DictionaryFields(fields), idField, writtenId);
    }

    /// <summary>Creates a recipient from a JSON object, read in place (never copied).</summary>
    /// <param name="element">
    /// A JSON object; nested objects and arrays are readable from templates. The element is read in place, so its
    /// <see cref="JsonDocument"/> must stay undisposed until the recipient has been decided and rendered
    /// (or pass <c>element.Clone()</c>). A key the object has twice is read as <see cref="JsonElement"/> reads it (the
    /// last value); parse with <see cref="JsonDocumentOptions.AllowDuplicateProperties"/> set to false, or read the
    /// recipient with <see cref="RecipientJsonParser"/>, to refuse such input instead.
    /// </param>
    /// <param name="idField">The field that holds the recipient's id.</param>
    /// <returns>The recipient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="idField"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="element"/> is not a JSON object.</exception>
    public static Recipient FromJson(JsonElement element, string idField = "id")
    {
        ArgumentNullException.ThrowIfNull(idField);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException(NotAJsonObject(element), nameof(element));
        }

        var writtenId = element.TryGetProperty(idField, out var id) && id.ValueKind == JsonValueKind.Number ? id.GetRawText() : null;
        return new Recipient(new JsonFields(element), idField, writtenId);
    }

    /// <summary>Creates a recipient over fields read by <see cref="RecipientJsonParser"/>.</summary>
    /// <param name="fields">The fields.</param>
    /// <param name="idField">The field that holds the id.</param>
    /// <param name="writtenId">The id's text as written, when the JSON wrote it as a number; else null.</param>
    internal static Recipient FromFields(ParsedFields fields, string idField, string? writtenId) => new(fields, idField, writtenId);

    /// <summary>
    /// Creates a recipient from a dictionary of any kind (a <c>Dictionary&lt;string, T&gt;</c> of any value type, an
    /// <see cref="System.Dynamic.ExpandoObject"/>, a <see cref="System.Collections.Hashtable"/> with string keys), a
    /// <see cref="JsonElement"/>, or else a plain object's public properties.
    /// </summary>
    /// <param name="value">The data. A property <c>FirstName</c> of a plain object is readable as <c>FirstName</c> and as <c>first_name</c>.</param>
    /// <param name="idField">The field that holds the recipient's id.</param>
    /// <returns>The recipient.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> or <paramref name="idField"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is a dictionary with a key that is not a string, or a value that cannot be a recipient: text, a number, a date, a list.</exception>
    public static Recipient FromObject(object value, string idField = "id") => FromArgument(value, idField, nameof(value));

    /// <summary>
    /// Creates a recipient as <see cref="FromObject(object, string)"/> does, for a method whose own parameter holds the
    /// data (<c>Catalog.Decide(object recipient, …)</c>): its exceptions name that parameter, not one the caller cannot see.
    /// </summary>
    /// <param name="value">The data.</param>
    /// <param name="idField">The field that holds the recipient's id.</param>
    /// <param name="parameterName">The caller's parameter that holds <paramref name="value"/>.</param>
    /// <returns>The recipient.</returns>
    internal static Recipient FromArgument(object value, string idField, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        ArgumentNullException.ThrowIfNull(idField);
        return value switch
        {
            Recipient recipient => recipient,
            IReadOnlyDictionary<string, object?> dictionary => FromDictionary(dictionary, idField),
            JsonElement { ValueKind: not JsonValueKind.Object } json => throw new ArgumentException(NotAJsonObject(json), parameterName),
            JsonElement json => FromJson(json, idField),
            IDictionary<string, object?> dictionary => FromDictionary(new ReadOnlyDictionary<string, object?>(dictionary), idField),
            IDictionary dictionary => new Recipient(new UntypedDictionaryFields(dictionary, parameterName), idField),
            string or ISpanFormattable or IEnumerable => throw new ArgumentException(
                $"A recipient is a dictionary, a JSON object or an object whose properties are its fields; a {value.GetType().Name} is none of these. Give the recipient's fields, such as new Dictionary<string, object?> {{ [\"id\"] = \"c42\" }}.", parameterName),
            _ => new Recipient(new ObjectFields(value), idField),
        };
    }

    /// <summary>Reads a field. A field that exists with a null value is present (null is not missing).</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value, converted to a form templates can read.</param>
    /// <returns>Whether the recipient has the field.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public bool TryGetValue(string name, out object? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _fields.TryGetValue(name, out value);
    }

    /// <summary>Gets whether the recipient has the field, even with a null value.</summary>
    /// <param name="name">The field name.</param>
    /// <returns>Whether the field exists.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public bool HasField(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _fields.Contains(name);
    }

    private static string NotAJsonObject(JsonElement element) => $"A recipient must be a JSON object, but this is a JSON {element.ValueKind}.";
}
