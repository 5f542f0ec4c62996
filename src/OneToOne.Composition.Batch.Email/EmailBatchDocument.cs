using System.Text.Json;
using OneToOne.Composition.Email;

namespace OneToOne.Composition.Batch;

/// <summary>A record of an email batch: its composed MIME message (<see cref="EmailBatchRenderer"/>).</summary>
public sealed class EmailBatchDocument : BatchDocument
{
    private static readonly JsonEncodedText To = JsonEncodedText.Encode("to"), MessageId = JsonEncodedText.Encode("messageId"), Warnings = JsonEncodedText.Encode("warnings");

    /// <summary>Initializes the document.</summary>
    /// <param name="email">The composed email.</param>
    /// <exception cref="ArgumentNullException"><paramref name="email"/> is null.</exception>
    public EmailBatchDocument(EmailResult email)
        : base(email?.Message.Subject)
    {
        ArgumentNullException.ThrowIfNull(email);
        Email = email;
    }

    /// <summary>Gets the composed email: the MIME message, ready for any SMTP client, and its warnings.</summary>
    public EmailResult Email { get; }

    /// <summary>Writes the message in Internet format, as an <c>.eml</c> file holds it.</summary>
    /// <param name="stream">Where to write.</param>
    public override void WriteTo(Stream stream) => Email.WriteTo(stream);

    /// <summary>Writes the first recipient's address (<c>to</c>), the <c>messageId</c> and the composer's <c>warnings</c>.</summary>
    /// <param name="writer">The writer, inside the record's JSON object.</param>
    protected override void WriteJsonFields(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Email.Message.To.Mailboxes.FirstOrDefault()?.Address is { } to)
        {
            writer.WriteString(To, to);
        }

        if (Email.Message.MessageId is { } messageId)
        {
            writer.WriteString(MessageId, messageId);
        }

        writer.WriteStartArray(Warnings);
        foreach (var warning in Email.Warnings)
        {
            writer.WriteStringValue(warning);
        }

        writer.WriteEndArray();
    }
}
