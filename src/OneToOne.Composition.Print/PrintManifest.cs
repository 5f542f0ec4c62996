using System.Text;
using System.Text.Json;

namespace OneToOne.Composition.Print;

/// <summary>The page ranges of every message in a merged PDF, in order, for mail-house inserters.</summary>
public sealed class PrintManifest
{
    internal PrintManifest(IReadOnlyList<PrintManifestEntry> entries, int totalPages)
    {
        Entries = entries;
        TotalPages = totalPages;
    }

    /// <summary>Gets one entry per message, in the order they were added.</summary>
    public IReadOnlyList<PrintManifestEntry> Entries { get; }

    /// <summary>Gets the number of pages of the merged PDF, blank duplex filler pages included.</summary>
    public int TotalPages { get; }

    /// <summary>
    /// Writes the manifest as JSON:
    /// <c>{"totalPages":3,"entries":[{"recipientId":"c001","firstPage":1,"pageCount":2,"lastPage":2}, …]}</c>.
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteNumber("totalPages", TotalPages);
            writer.WriteStartArray("entries");
            foreach (var entry in Entries)
            {
                writer.WriteStartObject();
                writer.WriteString("recipientId", entry.RecipientId);
                writer.WriteNumber("firstPage", entry.FirstPage);
                writer.WriteNumber("pageCount", entry.PageCount);
                writer.WriteNumber("lastPage", entry.LastPage);
                if (entry.Arms is { } arms)
                {
                    writer.WriteString("arms", arms);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
