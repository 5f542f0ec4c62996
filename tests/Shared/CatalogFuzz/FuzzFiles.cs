using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Testing;

/// <summary>Writes mutated catalogs to disk, with their bytes that are not UTF-8, and shows them in a failure report.</summary>
internal static class FuzzFiles
{
    /// <summary>The bytes each stand-in character is written as: a stray byte, a lead byte without its continuation, an encoded surrogate, an overlong '/', a UTF-16 byte order mark.</summary>
    private static readonly byte[][] RawBytes = [[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xFF, 0xFE]];

    /// <summary>Writes the files into a folder, U+FDD0 to U+FDD4 as the raw bytes they stand for and the rest as UTF-8.</summary>
    /// <param name="folder">An empty folder.</param>
    /// <param name="files">The files.</param>
    public static void Write(string folder, IReadOnlyList<CatalogText> files)
    {
        foreach (var file in files)
        {
            using var bytes = new MemoryStream();
            var run = new StringBuilder();
            foreach (var c in file.Text)
            {
                if (c is >= '\uFDD0' and <= '\uFDD4')
                {
                    bytes.Write(Encoding.UTF8.GetBytes(run.ToString()));
                    run.Clear();
                    bytes.Write(RawBytes[c - '\uFDD0']);
                }
                else
                {
                    run.Append(c);
                }
            }

            bytes.Write(Encoding.UTF8.GetBytes(run.ToString()));
            File.WriteAllBytes(Path.Combine(folder, file.Name), bytes.ToArray());
        }
    }

    /// <summary>
    /// Shows files for a failure report: each file's name, then its lines numbered, with characters that do not print
    /// written as <c>\u{…}</c>, raw bytes as <c>&lt;0xFF&gt;</c> and a long run of one character as the character and its count, and a line past 2,000 characters cut there.
    /// </summary>
    /// <param name="files">The files.</param>
    /// <returns>The report text.</returns>
    public static string Show(IReadOnlyList<CatalogText> files)
    {
        var report = new StringBuilder();
        foreach (var file in files)
        {
            report.Append(CultureInfo.InvariantCulture, $"--- {file.Name} ---\n");
            var lines = file.Text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                report.Append(CultureInfo.InvariantCulture, $"{i + 1,4}| {Visible(lines[i])}\n");
            }
        }

        return report.ToString();
    }

    private static string Visible(string line)
    {
        var text = new StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            var run = 1;
            while (i + run < line.Length && line[i + run] == c)
            {
                run++;
            }

            if (run > 40)
            {
                text.Append(CultureInfo.InvariantCulture, $"«{Char(c)} ×{run}»");
                i += run - 1;
                continue;
            }

            text.Append(Char(c));
        }

        return text.Length <= 2_000 ? text.ToString() : $"{text.ToString(0, 2_000)}«… {text.Length - 2_000} more characters»";
    }

    private static string Char(char c) => c switch
    {
        >= '\uFDD0' and <= '\uFDD4' => string.Concat(RawBytes[c - '\uFDD0'].Select(static b => $"<0x{b:X2}>")),
        ' ' => " ",
        _ when char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c) || c is '\uFEFF' or '\uFFFE' or '\u200B' =>
            string.Create(CultureInfo.InvariantCulture, $"\\u{{{(int)c:X4}}}"),
        _ => c.ToString(),
    };
}
