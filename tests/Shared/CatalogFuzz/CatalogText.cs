namespace OneToOne.Composition.Testing;

/// <summary>
/// One file of a catalog as text: its name in the catalog folder and what it holds. The characters U+FDD0 to U+FDD4
/// stand for bytes that are not UTF-8 (<see cref="FuzzFiles"/> writes them as such).
/// </summary>
/// <param name="Name">The file name, such as <c>catalog.yaml</c>.</param>
/// <param name="Text">The file's text.</param>
internal sealed record CatalogText(string Name, string Text);
