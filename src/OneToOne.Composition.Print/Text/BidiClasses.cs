using System.Globalization;

namespace OneToOne.Composition.Print.Text;

/// <summary>
/// The bidirectional type of a code point, derived from its general category (<see cref="CharUnicodeInfo"/>) and
/// the ranges of UAX #9's <c>DerivedBidiClass.txt</c>, since .NET has no bidi class table.
/// </summary>
/// <remarks>
/// Exact for what the layout meets in practice: ASCII and Latin-1, general punctuation, currency, the Hebrew, Arabic,
/// Syriac, Thaana, N'Ko, Samaritan and Mandaic blocks and their presentation forms, the right-to-left ranges of the
/// supplementary planes, digits, marks and white space. Approximated: a letter-like modifier or symbol that Unicode
/// classes ON although its category is a letter (a few spacing modifier letters, U+02B9–U+02FF), and an
/// <c>OtherNumber</c> outside the listed European-number ranges, which is taken as ON (circled and fractional
/// numbers are; a few historic numerals are L in Unicode). Digits of scripts other than Latin and Arabic (Devanagari,
/// Thai, …) are L, as in Unicode. The explicit embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069) are not given a type here: <see cref="IsExplicitControl"/> tells them apart, and the layout refuses them.
/// </remarks>
internal static class BidiClasses
{
    /// <summary>Gets the bidirectional type of a code point.</summary>
    /// <param name="codePoint">The code point.</param>
    /// <returns>Its type.</returns>
    public static BidiClass Of(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return Ascii(codePoint);
        }

        if (Special(codePoint) is { } special)
        {
            return special;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
        {
            return BidiClass.NSM;
        }

        if (IsArabicRange(codePoint))
        {
            return category == UnicodeCategory.Format ? BidiClass.BN : BidiClass.AL;
        }

        if (IsHebrewLikeRange(codePoint))
        {
            return category == UnicodeCategory.Format ? BidiClass.BN : BidiClass.R;
        }

        return category switch
        {
            UnicodeCategory.SpaceSeparator => BidiClass.WS,
            UnicodeCategory.LineSeparator => BidiClass.WS,
            UnicodeCategory.ParagraphSeparator => BidiClass.B,
            UnicodeCategory.Control or UnicodeCategory.Format => BidiClass.BN,
            UnicodeCategory.CurrencySymbol => BidiClass.ET,
            UnicodeCategory.OtherNumber => BidiClass.ON,
            UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
                or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                or UnicodeCategory.OtherPunctuation or UnicodeCategory.ConnectorPunctuation
                or UnicodeCategory.MathSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => BidiClass.ON,
            _ => BidiClass.L,
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
        >= '0' and <= '9' => BidiClass.EN,
        (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') => BidiClass.L,
        ' ' or '\f' => BidiClass.WS,
        '\t' or '\v' or 0x1F => BidiClass.S,
        '\n' or '\r' or 0x1C or 0x1D or 0x1E => BidiClass.B,
        < 0x20 or 0x7F => BidiClass.BN,
        '+' or '-' => BidiClass.ES,
        '#' or '$' or '%' => BidiClass.ET,
        ',' or '.' or '/' or ':' => BidiClass.CS,
        _ => BidiClass.ON,
    };

    /// <summary>The code points outside ASCII whose type their category does not tell.</summary>
    private static BidiClass? Special(int c) => c switch
    {
        0x0085 => BidiClass.B,
        (>= 0x0080 and <= 0x009F) or 0x00AD => BidiClass.BN,
        0x00A0 or 0x060C or 0x202F or 0x2044 or 0xFE50 or 0xFE52 or 0xFE55 or 0xFF0C or 0xFF0E or 0xFF0F or 0xFF1A => BidiClass.CS,
        0x00B2 or 0x00B3 or 0x00B9 or (>= 0x06F0 and <= 0x06F9) or 0x2070 or (>= 0x2074 and <= 0x2079)
            or (>= 0x2080 and <= 0x2089) or (>= 0x2488 and <= 0x249B) or (>= 0xFF10 and <= 0xFF19)
            or (>= 0x1D7CE and <= 0x1D7FF) or (>= 0x1F100 and <= 0x1F10A) or (>= 0x1FBF0 and <= 0x1FBF9) => BidiClass.EN,
        0x207A or 0x207B or 0x208A or 0x208B or 0x2212 or 0xFB29 or 0xFE62 or 0xFE63 or 0xFF0B or 0xFF0D => BidiClass.ES,
        0x00B0 or 0x00B1 or 0x0609 or 0x060A or 0x066A or 0x09F2 or 0x09F3 or 0x09FB or 0x0AF1 or 0x0BF9 or 0x0E3F
            or 0x17DB or (>= 0x2030 and <= 0x2034) or 0x212E or 0x2213 or 0xA838 or 0xA839 or 0xFE5F or 0xFE69 or 0xFE6A
            or (>= 0xFF03 and <= 0xFF05) => BidiClass.ET,
        (>= 0x0600 and <= 0x0605) or (>= 0x0660 and <= 0x0669) or 0x066B or 0x066C or 0x06DD or 0x0890 or 0x0891
            or 0x08E2 or (>= 0x10D30 and <= 0x10D39) or (>= 0x10E60 and <= 0x10E7E) => BidiClass.AN,
        0xFEFF or (>= 0xFDD0 and <= 0xFDEF) => BidiClass.BN,
        0x060E or 0x060F or 0x06DE or 0x06E9 or 0xFD3E or 0xFD3F or 0xFDFD => BidiClass.ON,
        0x200E => BidiClass.L,
        0x200F => BidiClass.R,
        0x061C => BidiClass.AL,
        0x2028 => BidiClass.WS,
        0x2029 => BidiClass.B,
        0x1680 or (>= 0x2000 and <= 0x200A) or 0x205F or 0x3000 => BidiClass.WS,
        _ => null,
    };

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
