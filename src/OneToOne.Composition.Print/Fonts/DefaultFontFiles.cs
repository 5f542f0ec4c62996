namespace OneToOne.Composition.Print.Fonts;

/// <summary>
/// Finds DejaVu Sans and DejaVu Sans Mono by file name in the usual system font folders, and Noto Color Emoji, when
/// installed, as the fallback for emoji.
/// </summary>
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

    /// <summary>The folders searched for Noto Color Emoji (Debian/Ubuntu, Fedora, then Arch and Alpine).</summary>
    internal static readonly string[] EmojiFolders =
    [
        "/usr/share/fonts/truetype/noto",
        "/usr/share/fonts/google-noto-color-emoji-fonts",
        "/usr/share/fonts/noto",
    ];

    /// <summary>The emoji font's file: colour bitmaps (CBDT), which Skia's PDF backend writes as an image per glyph used.</summary>
    internal const string EmojiFile = "NotoColorEmoji.ttf";

    /// <summary>The system package that provides the emoji font on Debian and Ubuntu.</summary>
    internal const string EmojiDebianPackage = "fonts-noto-color-emoji";

    public static PrintFonts Create() => new()
    {
        // When DejaVu is missing this path does not exist; loading then fails with a message naming the package.
        Regular = Find(RegularFile) ?? Path.Combine(Folders[0], RegularFile),
        Bold = Find("DejaVuSans-Bold.ttf"),
        Italic = Find("DejaVuSans-Oblique.ttf"),
        BoldItalic = Find("DejaVuSans-BoldOblique.ttf"),
        Monospace = Find("DejaVuSansMono.ttf"),
        MonospaceBold = Find("DejaVuSansMono-Bold.ttf"),

        // Optional: without it an emoji is a PrintException naming the character, as any character no font has.
        Fallbacks = Find(EmojiFile, EmojiFolders) is { } emoji ? [emoji] : [],
    };

    private static string? Find(string fileName) => Find(fileName, Folders);

    private static string? Find(string fileName, string[] folders)
    {
        foreach (var folder in folders)
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
