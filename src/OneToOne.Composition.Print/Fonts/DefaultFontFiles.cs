namespace OneToOne.Composition.Print.Fonts;

/// <summary>Finds DejaVu Sans and DejaVu Sans Mono by file name in the usual system font folders.</summary>
internal static class DefaultFontFiles
{
    /// <summary>The folders searched, in order (Debian/Ubuntu first, then Fedora, Arch and Alpine layouts).</summary>
    internal static readonly string[] Folders =
    [
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/dejavu-sans-fonts",
        "/usr/share/fonts/dejavu-sans-mono-fonts",
        "/usr/share/fonts/dejavu",
        "/usr/share/fonts/TTF",
        "/usr/local/share/fonts",
    ];

    /// <summary>The file of the required regular face.</summary>
    internal const string RegularFile = "DejaVuSans.ttf";

    /// <summary>The system package that provides the default fonts on Debian and Ubuntu.</summary>
    internal const string DebianPackage = "fonts-dejavu-core";

    public static PrintFonts Create() => new()
    {
        // When DejaVu is missing this path does not exist; loading then fails with a message naming the package.
        Regular = Find(RegularFile) ?? Path.Combine(Folders[0], RegularFile),
        Bold = Find("DejaVuSans-Bold.ttf"),
        Italic = Find("DejaVuSans-Oblique.ttf"),
        BoldItalic = Find("DejaVuSans-BoldOblique.ttf"),
        Monospace = Find("DejaVuSansMono.ttf"),
        MonospaceBold = Find("DejaVuSansMono-Bold.ttf"),
    };

    private static string? Find(string fileName)
    {
        foreach (var folder in Folders)
        {
            var path = Path.Combine(folder, fileName);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
