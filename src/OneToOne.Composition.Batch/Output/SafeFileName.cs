using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Turns a recipient id into a file name that stays inside the output folder: the id in Unicode's composed form (NFC), of which letters, digits and
/// <c>- _ . @ +</c> are kept, and the combining marks that follow a letter (<c>प्रिया</c>, <c>สมใจ</c>), anything else (path separators included) becomes <c>_</c>, runs of dots
/// collapse, no name starts or ends with a dot or an underscore, no name starts with a hyphen (a file named <c>-rf.eml</c>
/// or <c>--checkpoint_action.pdf</c> is read as options by <c>rm *</c>, <c>tar cf x.tar *</c> and other commands a shell's
/// wildcard hands it to), and reserved device names are prefixed. A long id is cut to at most 100 characters and 150 bytes of UTF-8.
/// </summary>
/// <remarks>
/// File systems limit a name to 255 bytes (not characters), and a name is written through a temporary file
/// <c>.NAME.GUID.tmp</c> (38 bytes more) with an extension and perhaps a record number (<c>-123456789</c>) after it: 150 bytes
/// leave room for all of them, where 100 characters of CJK text alone (300 bytes) did not. A cut name is the same in
/// every run; two ids cut to the same name are told apart by the record number, as any duplicate is.
/// </remarks>
internal static class SafeFileName
{
    /// <summary>The most characters kept of an id.</summary>
    private const int MaxLength = 100;

    /// <summary>The most UTF-8 bytes kept of an id.</summary>
    private const int MaxUtf8Bytes = 150;

    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>Makes the base name (no extension) for a record.</summary>
    /// <param name="id">The recipient id, or null.</param>
    /// <param name="recordNumber">The record number, used when the id leaves nothing usable.</param>
    /// <returns>A safe, non-empty base name.</returns>
    public static string For(string? id, long recordNumber)
    {
        var builder = new StringBuilder(Math.Min(id?.Length ?? 0, MaxLength));
        var bytes = 0;
        foreach (var c in Composed(id ?? string.Empty))
        {
            // Each half of a surrogate pair is not a letter on its own, so every character kept is one of the BMP: 1 to 3 bytes.
            // A combining mark after a letter is part of it: Devanagari's vowel signs and virama, Thai's vowels and tones
            // ("प्रिया" was "प_र_या", and ids that differ in a vowel sign, "कि" and "का", were both "क").
            var safe = char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or '+' || (IsMark(c) && builder.Length > 0 && (char.IsLetter(builder[^1]) || IsMark(builder[^1]))) ? c : '_';
            if (safe == '.' && builder.Length > 0 && builder[^1] == '.')
            {
                continue;
            }

            bytes += safe < 0x80 ? 1 : safe < 0x800 ? 2 : 3;
            if (builder.Length == MaxLength || bytes > MaxUtf8Bytes)
            {
                break;
            }

            builder.Append(safe);
        }

        var name = builder.ToString().TrimStart('.', '_', '-').TrimEnd('.', '_');
        if (name.Length == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"record-{recordNumber}");
        }

        return ReservedNames.Contains(name.Split('.')[0]) ? "_" + name : name;
    }

    /// <summary>
    /// The id in Unicode's composed form (NFC). macOS file systems take a name's composed and decomposed forms for one
    /// name: 'José' written with 'é' and with 'e' + U+0301 (as macOS itself and exports made there write it), a Hangul
    /// syllable and its jamo, 'K' and the Kelvin sign. Two such ids made two names that were one file there, the second
    /// record's overwriting the first's; now they make one name, and the second gets its record number as any duplicate
    /// does. A decomposed 'é' also stays 'é' instead of becoming 'e_'.
    /// </summary>
    private static string Composed(string id)
    {
        // Surrogates become '_' either way (no half of a pair is a letter): made so first, a lone one cannot fail Normalize.
        if (id.AsSpan().ContainsAnyInRange('\uD800', '\uDFFF'))
        {
            id = string.Create(id.Length, id, static (chars, id) =>
            {
                for (var i = 0; i < id.Length; i++)
                {
                    chars[i] = char.IsSurrogate(id[i]) ? '_' : id[i];
                }
            });
        }

        return id.IsNormalized(NormalizationForm.FormC) ? id : id.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Tells whether a character is a combining mark (nonspacing, spacing or enclosing).</summary>
    private static bool IsMark(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
