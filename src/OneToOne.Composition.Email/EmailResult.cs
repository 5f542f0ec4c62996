using MimeKit;
using OneToOne.Composition.Email.Mime;

namespace OneToOne.Composition.Email;

/// <summary>A composed email: the MIME message, ready for any SMTP client, and what is worth knowing about it.</summary>
public sealed class EmailResult
{
    internal EmailResult(MimeMessage message, IReadOnlyList<string> warnings)
    {
        Message = message;
        Warnings = warnings;
    }

    /// <summary>Gets the MIME message. It is this result's own; changing it changes what <see cref="WriteTo"/> writes.</summary>
    public MimeMessage Message { get; }

    /// <summary>Gets the warnings, such as an HTML part large enough for Gmail to clip or a relative image URL; empty when there are none.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Writes the message in Internet format (CRLF line endings, RFC 2047-encoded headers), e.g. to an <c>.eml</c> file.</summary>
    /// <param name="stream">The stream to write to.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        Message.WriteTo(WireFormat.Options, stream);
    }

    /// <summary>
    /// Writes the message as <see cref="WriteTo"/> does, asynchronously: to a stream that refuses synchronous writes, such
    /// as an ASP.NET Core response body (<c>await email.WriteToAsync(http.Response.Body, http.RequestAborted)</c>), or a
    /// network or blob stream.
    /// </summary>
    /// <param name="stream">The stream to write to.</param>
    /// <param name="cancellationToken">Stops the write; the stream then holds part of the message.</param>
    /// <returns>A task that completes when the message is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task WriteToAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Message.WriteToAsync(WireFormat.Options, stream, cancellationToken);
    }

    /// <summary>Gets the message in Internet format, as <see cref="WriteTo"/> writes it.</summary>
    /// <returns>The bytes of the message.</returns>
    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        WriteTo(stream);
        return stream.ToArray();
    }
}
