using System.Globalization;

namespace OneToOne.Composition.Cli.Input;

/// <summary>
/// Warns once when the recipients do not have the <c>--id-field</c> field (a mistyped name): without ids every file is
/// named <c>record-N</c> and <c>--shard</c> puts every record in shard 1, which is easy to miss in a long run.
/// </summary>
internal static class IdFieldCheck
{
    /// <summary>How many readable records without the field make the warning, when none before them had it.</summary>
    public const int Sample = 100;

    /// <summary>Passes the records through, warning on <paramref name="error"/> when none of the first <see cref="Sample"/> readable records has an id (or none at all, in a shorter input).</summary>
    /// <param name="records">The records, in input order.</param>
    /// <param name="idField">The field the ids come from.</param>
    /// <param name="error">Receives the warning.</param>
    /// <returns>The same records.</returns>
    public static IEnumerable<RecipientRecord> Watch(IEnumerable<RecipientRecord> records, string idField, TextWriter error)
    {
        var checking = true;
        var without = 0;
        string[] fields = [];
        foreach (var record in records)
        {
            if (checking && record.Recipient is { } recipient)
            {
                if (recipient.Id is not null)
                {
                    checking = false;
                }
                else if (++without == 1)
                {
                    fields = [.. recipient.FieldNames];
                }

                if (checking && without == Sample)
                {
                    Warn(error, idField, $"none of the first {Sample} records has", fields);
                    checking = false;
                }
            }

            yield return record;
        }

        if (checking && without > 0)
        {
            Warn(error, idField, without == 1 ? "the record does not have" : $"none of the {without} records has", fields);
        }
    }

    private static void Warn(TextWriter error, string idField, string which, string[] fields)
    {
        // The field the records have that is nearest the name given ('ID' for 'id', 'customerid' for 'customer_id').
        var advice = Suggest.Closest(idField, fields) is { } closest
            ? $"The records have '{OneLineText.Escape(closest)}': give --id-field {OneLineText.Escape(closest)} if that is the id."
            : "Check the field's name.";
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warning: {which} the field '{OneLineText.Escape(idField)}' (--id-field), so no record has an id: files are named record-N, and --shard puts every record in shard 1. {advice}"));
    }
}
