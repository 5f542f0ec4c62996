namespace OneToOne.Composition.Print.Text;

/// <summary>
/// The paired brackets of the Unicode Bidirectional Algorithm (UAX #9, BD14–BD16): each opening bracket's
/// <c>Bidi_Paired_Bracket</c>, as Unicode's <c>BidiBrackets.txt</c> gives it, since .NET has no such table (its
/// <see cref="System.Globalization.UnicodeCategory.OpenPunctuation"/> also covers quotation marks and vertical forms
/// that do not pair).
/// </summary>
/// <remarks>
/// All paired brackets are in the Basic Multilingual Plane, so one UTF-16 unit is one bracket. Two of them have a
/// canonical equivalent that BD16 must pair alike: U+2329/U+232A (angle brackets) decompose to U+3008/U+3009
/// (<see cref="Canonical"/>).
/// </remarks>
internal static class BidiBrackets
{
    /// <summary>
    /// The pairs, each opening bracket followed by its closing one, in the order of the opening brackets' code points.
    /// Mind U+298D–U+2990: the bracket with a tick in the top corner opens at U+298D and closes at U+2990, the one with
    /// a tick in the bottom corner closes at U+298E and opens at U+298F.
    /// </summary>
    private const string Pairs =
        "()[]{}"
        + "\u0F3A\u0F3B\u0F3C\u0F3D" // Tibetan gug rtags, ang khang
        + "\u169B\u169C" // Ogham feather marks
        + "\u2045\u2046" // square brackets with quill
        + "\u207D\u207E\u208D\u208E" // superscript and subscript parentheses
        + "\u2308\u2309\u230A\u230B" // ceiling, floor
        + "\u2329\u232A" // angle brackets (canonically U+3008/U+3009)
        + "\u2768\u2769\u276A\u276B\u276C\u276D\u276E\u276F\u2770\u2771\u2772\u2773\u2774\u2775" // ornaments
        + "\u27C5\u27C6" // S-shaped bag delimiters
        + "\u27E6\u27E7\u27E8\u27E9\u27EA\u27EB\u27EC\u27ED\u27EE\u27EF" // mathematical white square, angle, …
        + "\u2983\u2984\u2985\u2986\u2987\u2988\u2989\u298A\u298B\u298C"
        + "\u298D\u2990\u298F\u298E" // square brackets with ticks: top corner, bottom corner
        + "\u2991\u2992\u2993\u2994\u2995\u2996\u2997\u2998"
        + "\u29D8\u29D9\u29DA\u29DB" // wiggly fences
        + "\u29FC\u29FD" // curved angle brackets
        + "\u2E22\u2E23\u2E24\u2E25\u2E26\u2E27\u2E28\u2E29" // half brackets, sideways U, double parentheses
        + "\u2E55\u2E56\u2E57\u2E58\u2E59\u2E5A\u2E5B\u2E5C" // square brackets with stroke, top and bottom half brackets
        + "\u3008\u3009\u300A\u300B\u300C\u300D\u300E\u300F\u3010\u3011" // CJK angle, corner, lenticular brackets
        + "\u3014\u3015\u3016\u3017\u3018\u3019\u301A\u301B" // CJK tortoise shell, white lenticular, white square
        + "\uFE59\uFE5A\uFE5B\uFE5C\uFE5D\uFE5E" // small forms
        + "\uFF08\uFF09\uFF3B\uFF3D\uFF5B\uFF5D\uFF5F\uFF60\uFF62\uFF63"; // full-width and half-width forms

    /// <summary>Gets a character's paired bracket (its <c>Bidi_Paired_Bracket</c>), and whether it opens.</summary>
    /// <param name="c">The character.</param>
    /// <param name="pair">Receives the bracket that closes it, or that it closes; the character itself when it is no paired bracket.</param>
    /// <param name="opening">Receives whether it is an opening bracket (<c>Bidi_Paired_Bracket_Type</c> Open).</param>
    /// <returns>False when the character is no paired bracket.</returns>
    public static bool TryGetPair(char c, out char pair, out bool opening)
    {
        var index = Pairs.AsSpan().IndexOf(c);
        if (index < 0)
        {
            pair = c;
            opening = false;
            return false;
        }

        opening = (index & 1) == 0;
        pair = Pairs[opening ? index + 1 : index - 1];
        return true;
    }

    /// <summary>Gets the canonical equivalent of a bracket: U+3008 for U+2329, U+3009 for U+232A, else the bracket.</summary>
    /// <param name="bracket">The bracket.</param>
    /// <returns>The bracket as it is after canonical decomposition.</returns>
    public static char Canonical(char bracket) => bracket switch
    {
        '\u2329' => '\u3008',
        '\u232A' => '\u3009',
        _ => bracket,
    };
}
