using System.Text.Json;

namespace OneToOne.Composition.Batch;

/// <summary>
/// A record's output made by a channel package — an email's MIME message, a print piece's PDF — as a
/// <see cref="BatchDocumentRenderer"/> made it. A <see cref="DirectorySink"/> writes it to the record's file; a sink of
/// your own reads the derived type (such as <c>EmailBatchDocument</c> for its MIME message).
/// </summary>
/// <remarks>The Batch package itself knows no email or PDF library: <c>OneToOne.Composition.Batch.Email</c> and
/// <c>OneToOne.Composition.Batch.Print</c> provide the documents and their renderers.</remarks>
public abstract class BatchDocument
{
    /// <summary>Initialises the document.</summary>
    /// <param name="subject">The subject the record's result carries (<see cref="BatchResult.Subject"/>).</param>
    protected BatchDocument(string? subject) => Subject = subject;

    /// <summary>Gets the document's subject.</summary>
    public string? Subject { get; }

    /// <summary>Writes the document's bytes, as its record's file holds them.</summary>
    /// <param name="stream">Where to write.</param>
    public abstract void WriteTo(Stream stream);

    /// <summary>
    /// Writes the fields a JSON Lines account of the record adds for this document (such as an email's recipient and
    /// Message-ID), into the record's object. None by default.
    /// </summary>
    /// <param name="writer">The writer, inside the record's JSON object.</param>
    protected internal virtual void WriteJsonFields(Utf8JsonWriter writer)
    {
    }
}
