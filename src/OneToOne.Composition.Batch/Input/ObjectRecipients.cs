using System.Globalization;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Batch;

/// <summary>Turns plain objects (POCOs, records, dictionaries) into recipients, one record each.</summary>
internal static class ObjectRecipients
{
    /// <summary>Wraps the objects lazily.</summary>
    /// <typeparam name="T">The objects' type.</typeparam>
    /// <param name="items">The objects; a null item becomes a rejected record.</param>
    /// <param name="idField">The field that holds each recipient's id (a property <c>Id</c> reads as <c>id</c>).</param>
    /// <returns>The records.</returns>
    public static IEnumerable<RecipientRecord> Read<T>(IEnumerable<T> items, string idField)
    {
        long number = 0;
        foreach (var item in items)
        {
            number++;
            yield return item is null
                ? RecipientRecord.Malformed(number, number, string.Create(CultureInfo.InvariantCulture, $"Item {number}: the recipient is null."))
                : RecipientRecord.Read(number, number, Recipient.FromObject(item, idField));
        }
    }
}
