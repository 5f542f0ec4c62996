using System.Globalization;
using System.Runtime.CompilerServices;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Batch;

/// <summary>Turns plain objects (POCOs, records, dictionaries) into recipients, one record each.</summary>
internal static class ObjectRecipients
{
    /// <summary>Wraps the objects lazily.</summary>
    /// <typeparam name="T">The objects' type.</typeparam>
    /// <param name="items">The objects; a null item, or one that cannot be a recipient (text, a number, a dictionary keyed by numbers), becomes a rejected record.</param>
    /// <param name="idField">The field that holds each recipient's id (a property <c>Id</c> reads as <c>id</c>).</param>
    /// <returns>The records.</returns>
    public static IEnumerable<RecipientRecord> Read<T>(IEnumerable<T> items, string idField)
    {
        long number = 0;
        foreach (var item in items)
        {
            yield return Read(++number, item, idField);
        }
    }

    /// <summary>Wraps the objects of an asynchronous source (an Entity Framework query's <c>AsAsyncEnumerable()</c>) as they arrive.</summary>
    /// <typeparam name="T">The objects' type.</typeparam>
    /// <param name="items">The objects; a null item, or one that cannot be a recipient, becomes a rejected record.</param>
    /// <param name="idField">The field that holds each recipient's id.</param>
    /// <param name="cancellationToken">Given to <paramref name="items"/>: the run's stop.</param>
    /// <returns>The records.</returns>
    public static async IAsyncEnumerable<RecipientRecord> ReadAsync<T>(IAsyncEnumerable<T> items, string idField, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long number = 0;
        await foreach (var item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return Read(++number, item, idField);
        }
    }

    private static RecipientRecord Read(long number, object? item, string idField)
    {
        if (item is null)
        {
            return RecipientRecord.Malformed(number, number, string.Create(CultureInfo.InvariantCulture, $"Item {number}: the recipient is null."));
        }

        Recipient recipient;
        try
        {
            recipient = Recipient.FromObject(item, idField);
        }
        catch (ArgumentException ex)
        {
            // The message without .NET's "(Parameter 'value')": the parameter is the item itself.
            var message = ex.ParamName is { } parameter ? ex.Message.Replace($" (Parameter '{parameter}')", string.Empty, StringComparison.Ordinal) : ex.Message;
            return RecipientRecord.Malformed(number, number, string.Create(CultureInfo.InvariantCulture, $"Item {number}: {message}"));
        }

        return RecipientRecord.Read(number, number, recipient);
    }
}
