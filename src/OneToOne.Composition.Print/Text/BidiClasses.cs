using System.Globalization;
using static OneToOne.Composition.Print.Text.BidiClass;

namespace OneToOne.Composition.Print.Text;

/// <summary>
/// The bidirectional type of a code point, derived from its general category (<see cref="CharUnicodeInfo"/>), since
/// .NET has no bidi class table, and from a table of the code points whose category does not tell their type.
/// </summary>
/// <remarks>
/// By category: letters and spacing marks are L, non-spacing and enclosing marks NSM, controls and format characters
/// BN, currency signs ET, other punctuation, symbols and numbers ON; the letters and unassigned code points of the
/// right-to-left blocks are R or AL, as the defaults of UAX #9's <c>DerivedBidiClass.txt</c> are, and noncharacters
/// BN. The table (<see cref="Listed"/>) holds the rest: the digits, separators and terminators (EN, AN, ES, CS, ET),
/// the punctuation, symbols and numbers of left-to-right scripts that are L (dandas, Tibetan and Myanmar signs,
/// enclosed CJK, Braille, musical symbols), modifier letters that are ON, the direction marks, the unassigned default
/// ignorables (BN). This is exact for Unicode 15.0 wherever .NET's general categories are 15.0's: a test compares
/// every such code point with the data file. A character assigned since then takes the type its category gives,
/// Unicode's for most (a letter L, a mark NSM). The explicit
/// embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) are not given a type here:
/// <see cref="IsExplicitControl"/> tells them apart, and the layout refuses them.
/// </remarks>
internal static class BidiClasses
{
    /// <summary>
    /// The code points outside ASCII whose type their category does not tell, in ranges sorted and apart, each with
    /// its type. A range may span code points that the category types alike.
    /// </summary>
    private static readonly (int First, int Last, BidiClass Class)[] Listed =
    [
        // Latin-1, spacing modifier letters, Greek
        (0x0085, 0x0085, B), (0x00A0, 0x00A0, CS), (0x00B0, 0x00B1, ET), (0x00B2, 0x00B3, EN), (0x00B9, 0x00B9, EN),
        (0x02B9, 0x02BA, ON), (0x02C6, 0x02CF, ON), (0x02EC, 0x02EC, ON), (0x0374, 0x0374, ON),
        // Cyrillic, Armenian, Arabic, Syriac, N'Ko
        (0x0482, 0x0482, L), (0x055A, 0x0589, L), (0x0600, 0x0605, AN), (0x0606, 0x0607, ON), (0x0609, 0x060A, ET),
        (0x060C, 0x060C, CS), (0x060E, 0x060F, ON), (0x061C, 0x061C, AL), (0x0660, 0x0669, AN), (0x066A, 0x066A, ET),
        (0x066B, 0x066C, AN), (0x06DD, 0x06DD, AN), (0x06DE, 0x06DE, ON), (0x06E9, 0x06E9, ON), (0x06F0, 0x06F9, EN),
        (0x070F, 0x070F, AL), (0x07F6, 0x07F9, ON), (0x0890, 0x0891, AN), (0x08E2, 0x08E2, AN),
        // Indic scripts: dandas, fractions, signs; two Kannada vowel signs that are marks but L
        (0x0964, 0x0970, L), (0x09F4, 0x09FA, L), (0x09FD, 0x09FD, L), (0x0A76, 0x0A76, L), (0x0AF0, 0x0AF0, L),
        (0x0B70, 0x0B77, L), (0x0BF0, 0x0BF2, L), (0x0C77, 0x0C77, L), (0x0C7F, 0x0C7F, L), (0x0C84, 0x0C84, L),
        (0x0CBF, 0x0CC6, L), (0x0D4F, 0x0D5E, L), (0x0D70, 0x0D79, L), (0x0DF4, 0x0DF4, L),
        // Thai, Tibetan, Myanmar, Ethiopic, Khmer, Balinese and other Asian scripts' punctuation
        (0x0E4F, 0x0E5B, L), (0x0F01, 0x0F17, L), (0x0F1A, 0x0F34, L), (0x0F36, 0x0F36, L), (0x0F38, 0x0F38, L),
        (0x0F85, 0x0F85, L), (0x0FBE, 0x0FC5, L), (0x0FC7, 0x0FDA, L), (0x104A, 0x104F, L), (0x109E, 0x10FB, L),
        (0x1360, 0x137C, L), (0x166D, 0x166E, L), (0x16EB, 0x16ED, L), (0x1735, 0x1736, L), (0x17D4, 0x17DA, L),
        (0x19DA, 0x19DA, L), (0x1A1E, 0x1A1F, L), (0x1AA0, 0x1AAD, L), (0x1B5A, 0x1B6A, L), (0x1B74, 0x1B7E, L),
        (0x1BFC, 0x1BFF, L), (0x1C3B, 0x1CC7, L), (0x1CD3, 0x1CD3, L),
        // General punctuation, super- and subscripts, currency, letterlike, math, technical, enclosed, Braille
        (0x200E, 0x200E, L), (0x200F, 0x200F, R), (0x202F, 0x202F, CS), (0x2030, 0x2034, ET), (0x2044, 0x2044, CS),
        (0x2065, 0x2065, BN), (0x2070, 0x2070, EN), (0x2074, 0x2079, EN), (0x207A, 0x207B, ES), (0x2080, 0x2089, EN),
        (0x208A, 0x208B, ES), (0x20C1, 0x20CF, ET), (0x212E, 0x212E, ET), (0x214F, 0x214F, L), (0x2212, 0x2212, ES),
        (0x2213, 0x2213, ET), (0x2336, 0x237A, L), (0x2395, 0x2395, L), (0x2488, 0x249B, EN), (0x249C, 0x24E9, L),
        (0x26AC, 0x26AC, L), (0x2800, 0x28FF, L),
        // Tifinagh, CJK: kanbun, enclosed letters and months, squared abbreviations
        (0x2D70, 0x2D70, L), (0x2E2F, 0x2E2F, ON), (0x3190, 0x319F, L), (0x3200, 0x321C, L), (0x3220, 0x324F, L),
        (0x3260, 0x327B, L), (0x327F, 0x32B0, L), (0x32C0, 0x32CB, L), (0x32D0, 0x3376, L), (0x337B, 0x33DD, L),
        (0x33E0, 0x33FE, L),
        // Lisu to Meetei punctuation, presentation forms, small, full- and half-width forms, specials
        (0xA4FE, 0xA4FF, L), (0xA67F, 0xA67F, ON), (0xA6F2, 0xA6F7, L), (0xA717, 0xA71F, ON), (0xA788, 0xA788, ON),
        (0xA789, 0xA78A, L), (0xA830, 0xA837, L), (0xA839, 0xA839, ET), (0xA8CE, 0xA8CF, L), (0xA8F8, 0xA8FC, L),
        (0xA92E, 0xA92F, L), (0xA95F, 0xA95F, L), (0xA9C1, 0xA9DF, L), (0xAA5C, 0xAA79, L), (0xAADE, 0xAADF, L),
        (0xAAF0, 0xAAF1, L), (0xAB5B, 0xAB5B, L), (0xABEB, 0xABEB, L), (0xFB29, 0xFB29, ES), (0xFD3E, 0xFD4F, ON),
        (0xFDCF, 0xFDCF, ON), (0xFDFD, 0xFDFF, ON), (0xFE50, 0xFE50, CS), (0xFE52, 0xFE52, CS), (0xFE55, 0xFE55, CS),
        (0xFE5F, 0xFE5F, ET), (0xFE62, 0xFE63, ES), (0xFE6A, 0xFE6A, ET), (0xFF03, 0xFF05, ET), (0xFF0B, 0xFF0B, ES),
        (0xFF0C, 0xFF0C, CS), (0xFF0D, 0xFF0D, ES), (0xFF0E, 0xFF0F, CS), (0xFF10, 0xFF19, EN), (0xFF1A, 0xFF1A, CS),
        (0xFFF0, 0xFFF8, BN), (0xFFF9, 0xFFFB, ON),
        // Supplementary scripts: Aegean and Greek numbers, Brahmi to Makasar punctuation, cuneiform, hieroglyph controls
        (0x10100, 0x10100, L), (0x10102, 0x1013F, L), (0x10140, 0x10174, ON), (0x1018D, 0x1018E, L),
        (0x101D0, 0x101FC, L), (0x102E1, 0x102FB, EN), (0x10320, 0x10323, L), (0x1039F, 0x1056F, L),
        (0x1091F, 0x1091F, ON), (0x10B39, 0x10B3F, ON), (0x10D30, 0x10D39, AN), (0x10E60, 0x10E7E, AN),
        (0x11047, 0x1104D, L), (0x110BB, 0x110C1, L), (0x110CD, 0x110CD, L), (0x11140, 0x11143, L),
        (0x11174, 0x11175, L), (0x111C5, 0x111C8, L), (0x111CD, 0x111CD, L), (0x111DB, 0x111F4, L),
        (0x11238, 0x1123D, L), (0x112A9, 0x112A9, L), (0x1144B, 0x1145D, L), (0x114C6, 0x114C6, L),
        (0x115C1, 0x115D7, L), (0x11641, 0x11643, L), (0x116B9, 0x116B9, L), (0x1173A, 0x1173F, L),
        (0x1183B, 0x118F2, L), (0x11944, 0x11946, L), (0x119E2, 0x119E2, L), (0x11A07, 0x11A08, L),
        (0x11A3F, 0x11A46, L), (0x11A9A, 0x11B09, L), (0x11C3F, 0x11C71, L), (0x11EF7, 0x11EF8, L),
        (0x11F43, 0x11F4F, L), (0x11FC0, 0x11FD4, L), (0x11FFF, 0x1343F, L), (0x16A6E, 0x16A6F, L),
        (0x16AF5, 0x16AF5, L), (0x16B37, 0x16B61, L), (0x16E80, 0x16E9A, L), (0x1BC9C, 0x1BC9C, L),
        (0x1BC9F, 0x1BC9F, L), (0x1CF50, 0x1D164, L),
        // Musical symbols, counting rods, math alphanumerics, Sutton SignWriting, enclosed supplements
        (0x1D16A, 0x1D16C, L), (0x1D183, 0x1D184, L), (0x1D18C, 0x1D1A9, L), (0x1D1AE, 0x1D1E8, L),
        (0x1D2C0, 0x1D2F3, L), (0x1D360, 0x1D6C1, L), (0x1D6FB, 0x1D6FB, L), (0x1D735, 0x1D735, L),
        (0x1D76F, 0x1D76F, L), (0x1D7A9, 0x1D7A9, L), (0x1D7CE, 0x1D7FF, EN), (0x1D800, 0x1D9FF, L),
        (0x1DA37, 0x1DA3A, L), (0x1DA6D, 0x1DA74, L), (0x1DA76, 0x1DA83, L), (0x1DA85, 0x1DA8B, L),
        (0x1E14F, 0x1E14F, L), (0x1EEF0, 0x1EEF1, ON), (0x1F100, 0x1F10A, EN), (0x1F110, 0x1F12E, L),
        (0x1F130, 0x1F169, L), (0x1F170, 0x1F1AC, L), (0x1F1E6, 0x1F251, L), (0x1FBF0, 0x1FBF9, EN),
        // Unassigned default ignorables
        (0xE0000, 0xE00FF, BN), (0xE01F0, 0xE0FFF, BN)
    ];

    /// <summary>Gets the bidirectional type of a code point.</summary>
    /// <param name="codePoint">The code point.</param>
    /// <returns>Its type.</returns>
    public static BidiClass Of(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return Ascii(codePoint);
        }

        var listed = ListedAt(codePoint);
        if (listed >= 0)
        {
            return Listed[listed].Class;
        }

        if ((codePoint & 0xFFFE) == 0xFFFE || codePoint is >= 0xFDD0 and <= 0xFDEF)
        {
            return BN; // a noncharacter
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
        {
            return NSM;
        }

        if (IsArabicRange(codePoint))
        {
            return category == UnicodeCategory.Format ? BN : AL;
        }

        if (IsHebrewLikeRange(codePoint))
        {
            return category == UnicodeCategory.Format ? BN : R;
        }

        return category switch
        {
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator => WS,
            UnicodeCategory.ParagraphSeparator => B,
            UnicodeCategory.Control or UnicodeCategory.Format => BN,
            UnicodeCategory.CurrencySymbol => ET,
            UnicodeCategory.OtherNumber
                or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
                or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                or UnicodeCategory.OtherPunctuation or UnicodeCategory.ConnectorPunctuation
                or UnicodeCategory.MathSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => ON,
            _ => L,
        };
    }

    /// <summary>
    /// Tells whether a code point is an explicit directional embedding, override or isolate control (LRE, RLE, PDF,
    /// LRO, RLO, LRI, RLI, FSI, PDI).
    /// </summary>
    /// <param name="codePoint">The code point.</param>
    /// <returns>True for U+202A–U+202E and U+2066–U+2069.</returns>
    public static bool IsExplicitControl(int codePoint) => codePoint is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);

    /// <summary>The types of ASCII, by table: letters L, digits EN, and the separators and terminators by name.</summary>
    private static BidiClass Ascii(int c) => c switch
    {
        >= '0' and <= '9' => EN,
        (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') => L,
        ' ' or '\f' => WS,
        '\t' or '\v' or 0x1F => S,
        '\n' or '\r' or 0x1C or 0x1D or 0x1E => B,
        < 0x20 or 0x7F => BN,
        '+' or '-' => ES,
        '#' or '$' or '%' => ET,
        ',' or '.' or '/' or ':' => CS,
        _ => ON,
    };

    /// <summary>Finds the range of <see cref="Listed"/> that holds a code point, by halving.</summary>
    /// <returns>Its index, or -1 when no range holds it.</returns>
    private static int ListedAt(int codePoint)
    {
        var low = 0;
        var high = Listed.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (codePoint < Listed[middle].First)
            {
                high = middle - 1;
            }
            else if (codePoint > Listed[middle].Last)
            {
                low = middle + 1;
            }
            else
            {
                return middle;
            }
        }

        return -1;
    }

    /// <summary>The ranges whose unassigned and letter code points are AL (Arabic, Syriac, Thaana and their forms).</summary>
    private static bool IsArabicRange(int c) =>
        c is (>= 0x0600 and <= 0x07BF) or (>= 0x0860 and <= 0x08FF) or (>= 0xFB50 and <= 0xFDCF) or (>= 0xFDF0 and <= 0xFDFF)
            or (>= 0xFE70 and <= 0xFEFF) or (>= 0x10D00 and <= 0x10D3F) or (>= 0x10EC0 and <= 0x10EFF)
            or (>= 0x10F30 and <= 0x10F6F) or (>= 0x1EC70 and <= 0x1ECBF) or (>= 0x1ED00 and <= 0x1ED4F)
            or (>= 0x1EE00 and <= 0x1EEFF);

    /// <summary>The ranges whose unassigned and letter code points are R (Hebrew, N'Ko, Samaritan, Mandaic, and the supplementary planes' right-to-left scripts).</summary>
    private static bool IsHebrewLikeRange(int c) =>
        c is (>= 0x0590 and <= 0x05FF) or (>= 0x07C0 and <= 0x085F) or (>= 0xFB1D and <= 0xFB4F)
            or (>= 0x10800 and <= 0x10CFF) or (>= 0x10D40 and <= 0x10EBF) or (>= 0x10F00 and <= 0x10F2F)
            or (>= 0x10F70 and <= 0x10FFF) or (>= 0x1E800 and <= 0x1EC6F) or (>= 0x1ECC0 and <= 0x1ECFF)
            or (>= 0x1ED50 and <= 0x1EDFF) or (>= 0x1EF00 and <= 0x1EFFF);
}
