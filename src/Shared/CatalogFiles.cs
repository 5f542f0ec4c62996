namespace OneToOne.Composition;

/// <summary>
/// Which files of a folder form a catalog: its <c>*.yaml</c> and <c>*.yml</c> files, the extension in any case as Windows
/// and macOS find them (<c>Offers.YAML</c>), hidden files too (<c>src/Shared</c>: the loader, and the tool's check that no
/// output overwrites one). A file saved as <c>Offers.YAML</c> on Windows was part of the catalog there and silently left
/// out on Linux, its modules and messages missing.
/// </summary>
internal static class CatalogFiles
{
    private static readonly EnumerationOptions Options = new()
    {
        MatchCasing = MatchCasing.CaseInsensitive,
        MatchType = MatchType.Win32,
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
    };

    /// <summary>Gets the catalog files of a folder, in no particular order.</summary>
    /// <param name="folder">The folder.</param>
    /// <returns>Their full paths.</returns>
    /// <exception cref="IOException">The folder cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder may not be read.</exception>
    public static IEnumerable<string> In(string folder) =>
        Directory.EnumerateFiles(folder, "*.yaml", Options).Concat(Directory.EnumerateFiles(folder, "*.yml", Options));

    /// <summary>Gets whether a file name is a catalog file's: it ends with <c>.yaml</c> or <c>.yml</c>, in any case.</summary>
    /// <param name="name">The file's name.</param>
    /// <returns>Whether a folder's catalog holds the file.</returns>
    public static bool IsCatalogFile(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);
}
