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
        foreach (var record in records)
        {
            if (checking && record.Recipient is { } recipient)
            {
                if (recipient.Id is not null)
                {
                    checking = false;
                }
                else if (++without == Sample)
                {
                    Warn(error, idField, $"none of the first {Sample} records has");
                    checking = false;
                }
            }

            yield return record;
        }

        if (checking && without > 0)
        {
            Warn(error, idField, without == 1 ? "the record does not have" : $"none of the {without} records has");
        }
    }

    private static void Warn(TextWriter error, string idField, string which) =>
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warning: {which} the field '{OneLineText.Escape(idField)}' (--id-field), so no record has an id: files are named record-N, and --shard puts every record in shard 1. Check the field's name."));
}
