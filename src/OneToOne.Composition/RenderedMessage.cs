namespace OneToOne.Composition;

/// <summary>A message rendered for one recipient and one channel.</summary>
public sealed class RenderedMessage
{
    internal RenderedMessage(Channel channel, string subject, string body)
    {
        Channel = channel;
        Subject = subject;
        Body = body;
    }

    /// <summary>Gets the channel rendered for.</summary>
    public Channel Channel { get; }

    /// <summary>Gets the subject as one line of plain text (empty when the message has none).</summary>
    public string Subject { get; }

    /// <summary>Gets the body: plain text for <see cref="Channel.Text"/>, an HTML fragment for <see cref="Channel.Web"/>, Markdown for <see cref="Channel.Print"/>.</summary>
    public string Body { get; }
}
