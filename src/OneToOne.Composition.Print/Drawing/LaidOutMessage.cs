namespace OneToOne.Composition.Print.Drawing;

/// <summary>A message laid out into pages, ready to paint; nothing has been written yet.</summary>
/// <param name="Title">The document title (the message subject).</param>
/// <param name="Pages">The pages, at least one.</param>
/// <param name="PageWidth">The page width in points.</param>
/// <param name="PageHeight">The page height in points.</param>
internal sealed record LaidOutMessage(string Title, IReadOnlyList<PageContent> Pages, float PageWidth, float PageHeight);
