using System.Data;
using System.Globalization;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Batch;

/// <summary>Streams the rows of any ADO.NET <see cref="IDataReader"/> (SQLite, SQL Server, PostgreSQL…) as recipients: one field per column; an integer column declared BOOLEAN, BOOL or BIT reads as true/false.</summary>
internal static class DataReaderRecipients
{
    /// <summary>Reads the rows, one at a time; the reader is not disposed.</summary>
    /// <param name="reader">The open reader.</param>
    /// <param name="idField">The column that holds each recipient's id.</param>
    /// <returns>The records; a row whose values cannot be read becomes a rejected record naming the row and the column.</returns>
    public static IEnumerable<RecipientRecord> Read(IDataReader reader, string idField)
    {
        var names = new string[reader.FieldCount];
        var booleans = new bool[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = reader.GetName(i);

            // As a CSV header's: a column without a name, or a name twice (a join's two ids), would leave a field unread or
            // silently overwritten by the later column, such as the id.
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                throw new RecipientInputException(string.Create(CultureInfo.InvariantCulture, $"Column {i + 1} of the query has no name. Every column needs one (SELECT … AS first_name): it is the recipient field templates read."));
            }

            if (Array.IndexOf(names, names[i], 0, i) is var earlier and >= 0)
            {
                throw new RecipientInputException(string.Create(CultureInfo.InvariantCulture, $"The query has two columns named '{OneLineText.Escape(names[i])}' (columns {earlier + 1} and {i + 1}); the later would overwrite the earlier in every recipient. Name one otherwise (SELECT … AS other_name)."));
            }

            // SQLite (and others) store booleans as 0/1 integers: a column declared BOOLEAN, BOOL or BIT reads as true/false.
            booleans[i] = reader.GetDataTypeName(i).ToUpperInvariant() is "BOOLEAN" or "BOOL" or "BIT";
        }

        long number = 0;
        while (reader.Read())
        {
            number++;
            var fields = new Dictionary<string, object?>(names.Length, StringComparer.Ordinal);
            string? error = null;
            for (var i = 0; i < names.Length && error is null; i++)
            {
                try
                {
                    fields[names[i]] = reader.IsDBNull(i) ? null : Normalize(reader.GetValue(i), booleans[i]);
                }
#pragma warning disable CA1031 // A provider's conversion failure for one row rejects that row, naming it; the run goes on.
                catch (Exception ex) when (ex is not OutOfMemoryException)
#pragma warning restore CA1031
                {
                    error = string.Create(CultureInfo.InvariantCulture, $"Row {number}: column '{names[i]}' cannot be read: {ex.Message}");
                }
            }

            yield return error is null
                ? RecipientRecord.Read(number, number, Recipient.FromDictionary(fields, idField))
                : RecipientRecord.Malformed(number, number, error, fields.TryGetValue(idField, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) : null);
        }
    }

    /// <summary>Gives provider types a form templates read: small integers as <see cref="int"/> like JSON and CSV, blobs as Base64 text.</summary>
    private static object? Normalize(object value, bool boolean) => value switch
    {
        long l when boolean => l != 0,
        long l when l is >= int.MinValue and <= int.MaxValue => (int)l,
        byte[] bytes => Convert.ToBase64String(bytes),
        Guid guid => guid.ToString(),
        _ => value,
    };
}
