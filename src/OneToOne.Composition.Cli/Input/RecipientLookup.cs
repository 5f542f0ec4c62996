using System.Globalization;

namespace OneToOne.Composition.Cli.Input;

/// <summary>
/// Finds one record of a recipients file for <c>explain</c>, read as <c>render</c> reads it (the same readers, the same
/// <c>--schema</c> types): the record with an id, so a complaint about one recipient of last night's run can be
/// explained from that run's own file, or the file's first record.
/// </summary>
internal static class RecipientLookup
{
    /// <summary>Reads records until the one wanted; the caller disposes it.</summary>
    /// <param name="path">A JSON Lines or CSV file, or <c>-</c> for standard input.</param>
    /// <param name="idField">The field that holds each recipient's id.</param>
    /// <param name="id">The id wanted, as the file writes it (<c>007</c>): the first record with it that a render decides (one that cannot be read only when no other has the id); null for the first record.</param>
    /// <param name="schema">The declared types (a CSV's columns are read as them), or null.</param>
    /// <param name="stdin">Read when the path is <c>-</c>.</param>
    /// <param name="number">The 1-based number of the record wanted, as a render numbers it (<see cref="RecipientRecord.Number"/>); null to find it by <paramref name="id"/>.</param>
    /// <returns>The record, read or not (<see cref="RecipientRecord.Error"/> says why not, as a render would reject it).</returns>
    /// <exception cref="RecipientInputException">The file cannot be read, or no record has the id or the number.</exception>
    public static RecipientRecord Find(string path, string idField, string? id, RecipientSchema? schema, TextReader stdin, long? number = null)
    {
        using var input = RecipientInput.Open(path, stdin);
        var ids = new List<string>();
        var records = 0L;
        RecipientRecord? unread = null;
        foreach (var record in input.Read(idField, schema))
        {
            records = record.Number;
            if (number is not null ? record.Number == number : id is null || string.Equals(record.Id, id, StringComparison.Ordinal))
            {
                // By id, the record a render decides for it: one that could not be read (not UTF-8, a key twice) does not take
                // its id in a run, which decides a later record with it, so it is the answer only when no later record has the id.
                if (id is not null && record.Recipient is null && !record.IsUnfit)
                {
                    if (unread is null)
                    {
                        unread = record;
                    }
                    else
                    {
                        record.Dispose();
                    }

                    continue;
                }

                unread?.Dispose();
                return record;
            }

            if (record.Id is { } other && ids.Count < 100_000)
            {
                ids.Add(other);
            }

            record.Dispose();
        }

        if (unread is not null)
        {
            return unread;
        }

        if (number is not null)
        {
            throw new RecipientInputException(string.Create(CultureInfo.InvariantCulture,
                $"'{path}' has {records} record{(records == 1 ? string.Empty : "s")}, so no record {number}: give the recipients file the run read (records are numbered from 1; blank lines and the CSV header are not records)."));
        }

        if (id is null)
        {
            throw new RecipientInputException($"'{path}' has no records.");
        }

        throw new RecipientInputException(string.Create(CultureInfo.InvariantCulture,
            $"no record of '{path}' has the id '{id}' in its field '{idField}' ({ids.Count} records with ids read).{Suggest.DidYouMean(id, ids)} Ids are compared as the file writes them ('007' is not '7'); give --id-field when the id is in another field."));
    }
}
