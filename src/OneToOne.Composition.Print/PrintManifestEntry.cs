namespace OneToOne.Composition.Print;

/// <summary>Where one recipient's message is in a merged PDF.</summary>
/// <param name="RecipientId">The recipient id given to <see cref="PdfBatchWriter.Add(string, RenderedMessage)"/>.</param>
/// <param name="FirstPage">The 1-based number of the message's first page in the merged PDF.</param>
/// <param name="PageCount">The number of pages of the message (blank duplex filler pages not included).</param>
/// <param name="Arms">The recipient's experiment arms (<c>experiment=arm</c>, comma-separated), for attributing responses; null when none.</param>
public sealed record PrintManifestEntry(string RecipientId, int FirstPage, int PageCount, string? Arms = null)
{
    /// <summary>Gets the 1-based number of the message's last page.</summary>
    public int LastPage => FirstPage + PageCount - 1;
}
