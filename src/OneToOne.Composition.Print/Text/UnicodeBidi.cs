using System.Buffers;

namespace OneToOne.Composition.Print.Text;

/// <summary>
/// The Unicode Bidirectional Algorithm (UAX #9) for text without explicit embeddings: the text split into paragraphs at
/// each paragraph separator (P1), each paragraph's level from its own first strong character (P2–P3), weak types
/// (W1–W7), bracket pairs (BD16, N0), other neutrals (N1–N2) and implicit levels (I1–I2) over each paragraph's logical
/// text, then, per line after line breaking, trailing white space (L1) and reordering (L2). Mirroring (L4) is the
/// shaper's: a run at an odd level is shaped right to left, and HarfBuzz then draws each mirrored character's mirror
/// glyph (<c>(</c> as <c>)</c>).
/// </summary>
/// <remarks>
/// Not implemented, and why that is safe: the explicit embedding, override and isolate controls (X1–X8) — the layout
/// refuses text with them (<see cref="BidiClasses.IsExplicitControl"/>), so every paragraph is one isolating run
/// sequence at the paragraph level, whose start and end of sequence (sos, eos) are the paragraph's direction, and
/// brackets pair across the whole paragraph (never across a paragraph separator). Boundary neutrals (X9) are left out
/// of the sequence and take the level of the character before them. A surrogate pair's two UTF-16 units share one
/// type and one level.
/// </remarks>
internal static class UnicodeBidi
{
    /// <summary>The first UTF-16 unit that can be of type R, AL or AN: no text below it needs the algorithm.</summary>
    private const char FirstRightToLeft = '\u0590';

    /// <summary>The size of BD16's bracket stack: deeper nesting is beyond what the algorithm pairs.</summary>
    private const int MaxBracketDepth = 63;

    /// <summary>
    /// The characters of type B, paragraph separators: line feed, carriage return, the information separators
    /// U+001C–U+001E, next line (U+0085) and the paragraph separator U+2029. All are in the Basic Multilingual Plane.
    /// </summary>
    private static readonly SearchValues<char> ParagraphSeparators = SearchValues.Create("\n\r\u001C\u001D\u001E\u0085\u2029");

    /// <summary>Tells whether a UTF-16 unit is a paragraph separator (type B), where P1 ends a paragraph.</summary>
    /// <param name="c">The UTF-16 unit.</param>
    /// <returns>Whether its type is B.</returns>
    public static bool IsParagraphSeparator(char c) => ParagraphSeparators.Contains(c);

    /// <summary>
    /// Splits a text into paragraphs after each paragraph separator (P1) and resolves the embedding level of every UTF-16
    /// unit, each paragraph on its own: its level from its own first strong character (P2–P3), then its characters'
    /// levels as <see cref="ResolveLevels(ReadOnlySpan{char}, ReadOnlySpan{BidiClass}, byte, Span{byte})"/> gives them.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="levels">Receives one level per UTF-16 unit (its length is the text's).</param>
    /// <param name="paragraphLevel">
    /// Every paragraph's level, as a higher-level protocol sets it (HL1: the recipient's language, as <c>dir</c> does in
    /// the email and web HTML), or null to find each one's from its first strong character (P2–P3).
    /// </param>
    /// <returns>
    /// The paragraphs, in order and covering the text (one, at level 0, for an empty text): a separator is the last
    /// character of the paragraph it ends, which L1 later sets to that paragraph's level.
    /// </returns>
    public static BidiParagraph[] ResolveParagraphs(string text, Span<byte> levels, byte? paragraphLevel = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var paragraphs = new List<BidiParagraph>();
        var start = 0;
        do
        {
            var separator = text.AsSpan(start).IndexOfAny(ParagraphSeparators);
            var end = separator < 0 ? text.Length : start + separator + 1;
            paragraphs.Add(new BidiParagraph(start, end, ResolveParagraph(text.AsSpan(start, end - start), levels[start..end], paragraphLevel)));
            start = end;
        }
        while (start < text.Length);

        return [.. paragraphs];
    }

    /// <summary>Resolves the levels of one paragraph (P2–P3, then X9 to I2).</summary>
    /// <param name="paragraph">The paragraph's text, up to and with its separator.</param>
    /// <param name="levels">Receives one level per UTF-16 unit of the paragraph.</param>
    /// <param name="forced">The paragraph level a higher-level protocol sets (HL1), or null for P2–P3.</param>
    /// <returns>The paragraph level: <paramref name="forced"/>, else 0 (left to right) unless the first strong character is right-to-left.</returns>
    private static byte ResolveParagraph(ReadOnlySpan<char> paragraph, Span<byte> levels, byte? forced)
    {
        if (forced is null or 0 && !paragraph.ContainsAnyInRange(FirstRightToLeft, char.MaxValue))
        {
            // No character of type R, AL or AN: every level resolves to 0 (W7 makes numbers L, N0–N1 brackets and neutrals L).
            levels.Clear();
            return 0;
        }

        var classes = new BidiClass[paragraph.Length];
        Classify(paragraph, classes);
        var paragraphLevel = forced ?? ParagraphLevel(classes);
        ResolveLevels(paragraph, classes, paragraphLevel, levels);
        return paragraphLevel;
    }

    /// <summary>Gets the type of every UTF-16 unit of a text; both units of a surrogate pair get the pair's type.</summary>
    /// <param name="text">The text.</param>
    /// <param name="classes">Receives the types.</param>
    public static void Classify(ReadOnlySpan<char> text, Span<BidiClass> classes)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                classes[i] = classes[i + 1] = BidiClasses.Of(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                classes[i] = BidiClasses.Of(text[i]);
            }
        }
    }

    /// <summary>Finds the paragraph level (P2–P3): 1 when the first strong type is R or AL, else 0.</summary>
    /// <param name="classes">The paragraph's types.</param>
    /// <returns>0 or 1.</returns>
    public static byte ParagraphLevel(ReadOnlySpan<BidiClass> classes)
    {
        foreach (var type in classes)
        {
            if (type == BidiClass.L)
            {
                return 0;
            }

            if (type is BidiClass.R or BidiClass.AL)
            {
                return 1;
            }
        }

        return 0;
    }

    /// <summary>Resolves the embedding levels of a paragraph without explicit controls (X9, W1–W7, N0–N2, I1–I2).</summary>
    /// <param name="text">The paragraph's text, which tells the brackets apart.</param>
    /// <param name="classes">The paragraph's types, one per UTF-16 unit of the text.</param>
    /// <param name="paragraphLevel">The paragraph level, 0 or 1.</param>
    /// <param name="levels">Receives one level per type.</param>
    public static void ResolveLevels(ReadOnlySpan<char> text, ReadOnlySpan<BidiClass> classes, byte paragraphLevel, Span<byte> levels)
    {
        // X9: boundary neutrals are left out of the resolution and take the level of what precedes them.
        var kept = new int[classes.Length];
        var count = 0;
        for (var i = 0; i < classes.Length; i++)
        {
            if (classes[i] != BidiClass.BN)
            {
                kept[count++] = i;
            }
        }

        var types = new BidiClass[count];
        for (var k = 0; k < count; k++)
        {
            types[k] = classes[kept[k]];
        }

        var embedding = (paragraphLevel & 1) == 0 ? BidiClass.L : BidiClass.R;
        ResolveWeakTypes(types, embedding);
        ResolveBracketPairs(text, classes, kept.AsSpan(0, count), types, embedding);
        ResolveNeutralTypes(types, embedding);

        var previous = paragraphLevel;
        var next = 0;
        for (var i = 0; i < classes.Length; i++)
        {
            if (next < count && kept[next] == i)
            {
                previous = ImplicitLevel(types[next++], paragraphLevel);
            }

            levels[i] = previous;
        }
    }

    /// <summary>
    /// Resets the levels of a line (L1): segment and paragraph separators, and any white space (or boundary neutrals)
    /// before one or at the end of the line, go to the paragraph level. A boundary neutral elsewhere takes the level of
    /// the character before it once that is reset, or the paragraph level first in the line, as UAX #9 asks of an
    /// implementation that keeps what X9 removes (section 5.2).
    /// </summary>
    /// <param name="classes">The line's original types.</param>
    /// <param name="paragraphLevel">The paragraph level.</param>
    /// <param name="levels">The line's resolved levels, changed in place.</param>
    public static void ResetWhitespaceLevels(ReadOnlySpan<BidiClass> classes, byte paragraphLevel, Span<byte> levels)
    {
        for (var i = 0; i < classes.Length;)
        {
            if (classes[i] is BidiClass.S or BidiClass.B)
            {
                levels[i++] = paragraphLevel;
                continue;
            }

            if (classes[i] is not (BidiClass.WS or BidiClass.BN))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < classes.Length && classes[end] is BidiClass.WS or BidiClass.BN)
            {
                end++;
            }

            if (end == classes.Length || classes[end] is BidiClass.S or BidiClass.B)
            {
                levels[i..end].Fill(paragraphLevel);
            }
            else
            {
                for (var k = i; k < end; k++)
                {
                    if (classes[k] == BidiClass.BN)
                    {
                        levels[k] = k == 0 ? paragraphLevel : levels[k - 1];
                    }
                }
            }

            i = end;
        }
    }

    /// <summary>
    /// Reorders a line (L2): from the highest level down to the lowest odd one, reverses every run at that level or
    /// higher.
    /// </summary>
    /// <param name="levels">The line's levels (after <see cref="ResetWhitespaceLevels"/>).</param>
    /// <returns>For each visual position from the left, the logical index drawn there.</returns>
    public static int[] VisualOrder(ReadOnlySpan<byte> levels)
    {
        var order = new int[levels.Length];
        byte highest = 0;
        byte lowest = byte.MaxValue;
        for (var i = 0; i < levels.Length; i++)
        {
            order[i] = i;
            highest = Math.Max(highest, levels[i]);
            lowest = Math.Min(lowest, levels[i]);
        }

        // The lowest odd level at or above the line's lowest level (1 for a line at levels 0 and 2).
        var lowestOdd = lowest | 1;
        for (int level = highest; level >= lowestOdd; level--)
        {
            var i = 0;
            while (i < order.Length)
            {
                if (levels[order[i]] < level)
                {
                    // order[] is permuted only inside runs at this level or higher, so the levels of the positions
                    // outside such runs are still read through order[] correctly.
                    i++;
                    continue;
                }

                var end = i;
                while (end < order.Length && levels[order[end]] >= level)
                {
                    end++;
                }

                order.AsSpan(i, end - i).Reverse();
                i = end;
            }
        }

        return order;
    }

    /// <summary>W1–W7 over one isolating run sequence whose start and end of sequence are the embedding direction.</summary>
    private static void ResolveWeakTypes(BidiClass[] types, BidiClass embedding)
    {
        var n = types.Length;

        // W1: a mark takes the type of the character before it (the start of the sequence's type when first).
        for (var i = 0; i < n; i++)
        {
            if (types[i] == BidiClass.NSM)
            {
                types[i] = i == 0 ? embedding : types[i - 1];
            }
        }

        // W2: a European number after an Arabic letter is an Arabic number. W3: an Arabic letter is R.
        var lastStrong = embedding;
        for (var i = 0; i < n; i++)
        {
            switch (types[i])
            {
                case BidiClass.L or BidiClass.R or BidiClass.AL:
                    lastStrong = types[i];
                    break;
                case BidiClass.EN when lastStrong == BidiClass.AL:
                    types[i] = BidiClass.AN;
                    break;
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (types[i] == BidiClass.AL)
            {
                types[i] = BidiClass.R;
            }
        }

        // W4: one separator between two numbers of a kind joins them.
        for (var i = 1; i < n - 1; i++)
        {
            var before = types[i - 1];
            if (before == types[i + 1]
                && ((types[i] == BidiClass.ES && before == BidiClass.EN)
                    || (types[i] == BidiClass.CS && before is BidiClass.EN or BidiClass.AN)))
            {
                types[i] = before;
            }
        }

        // W5: terminators next to a European number are part of it.
        for (var i = 0; i < n;)
        {
            if (types[i] != BidiClass.ET)
            {
                i++;
                continue;
            }

            var end = i;
            while (end < n && types[end] == BidiClass.ET)
            {
                end++;
            }

            if ((i > 0 && types[i - 1] == BidiClass.EN) || (end < n && types[end] == BidiClass.EN))
            {
                types.AsSpan(i, end - i).Fill(BidiClass.EN);
            }

            i = end;
        }

        // W6: separators and terminators left over are neutral. W7: a European number after L is L.
        lastStrong = embedding;
        for (var i = 0; i < n; i++)
        {
            switch (types[i])
            {
                case BidiClass.ES or BidiClass.ET or BidiClass.CS:
                    types[i] = BidiClass.ON;
                    break;
                case BidiClass.L or BidiClass.R:
                    lastStrong = types[i];
                    break;
                case BidiClass.EN when lastStrong == BidiClass.L:
                    types[i] = BidiClass.L;
                    break;
            }
        }
    }

    /// <summary>
    /// Identifies the bracket pairs of an isolating run sequence (BD16): an opening bracket pairs with the first later
    /// closing bracket that is its <c>Bidi_Paired_Bracket</c> (or that bracket's canonical equivalent) and not inside
    /// a pair of its own; a closing bracket that matches no open one is left alone, and one that matches an open
    /// bracket deeper in the stack drops the unpaired ones above it. The stack holds 63 brackets: an opening bracket
    /// that finds it full stops the search, and the pairs found before it are kept.
    /// </summary>
    /// <param name="text">The paragraph's text.</param>
    /// <param name="positions">The text position of each character of the sequence, in order.</param>
    /// <param name="closingOf">
    /// Receives, for each character of the sequence, the index in the sequence of the bracket closing it, or -1 when it
    /// opens no pair.
    /// </param>
    /// <returns>Whether any pair was found.</returns>
    /// <remarks>
    /// BD14–BD15 ask a bracket's current type to be ON: every paired bracket is ON in Unicode (and in
    /// <see cref="BidiClasses.Of"/>), no weak rule changes an ON, and the overrides that could are refused by the
    /// layout, so the type needs no test here.
    /// </remarks>
    public static bool PairBrackets(ReadOnlySpan<char> text, ReadOnlySpan<int> positions, Span<int> closingOf)
    {
        Span<char> expected = stackalloc char[MaxBracketDepth];
        Span<int> openedAt = stackalloc int[MaxBracketDepth];
        var depth = 0;
        var found = false;
        closingOf[..positions.Length].Fill(-1);
        for (var k = 0; k < positions.Length; k++)
        {
            if (!BidiBrackets.TryGetPair(text[positions[k]], out var pair, out var opening))
            {
                continue;
            }

            if (opening)
            {
                if (depth == MaxBracketDepth)
                {
                    break;
                }

                expected[depth] = BidiBrackets.Canonical(pair);
                openedAt[depth++] = k;
                continue;
            }

            var closing = BidiBrackets.Canonical(text[positions[k]]);
            for (var d = depth - 1; d >= 0; d--)
            {
                if (expected[d] == closing)
                {
                    closingOf[openedAt[d]] = k;
                    depth = d;
                    found = true;
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>
    /// N0: gives each bracket pair, in the order of its opening bracket, one strong direction — the embedding
    /// direction when a strong type of that direction is inside it, else the opposite one when one is inside it and
    /// the first strong type before it (or sos) is opposite too, else the embedding direction; a pair with no strong
    /// type inside is left to N1–N2. Numbers count as R throughout, and a pair resolved earlier is a strong type for
    /// the later ones. Marks (original type NSM) just after a resolved bracket take its direction.
    /// </summary>
    private static void ResolveBracketPairs(ReadOnlySpan<char> text, ReadOnlySpan<BidiClass> original, ReadOnlySpan<int> positions, BidiClass[] types, BidiClass embedding)
    {
        var closingOf = new int[types.Length];
        if (!PairBrackets(text, positions, closingOf))
        {
            return;
        }

        var opposite = embedding == BidiClass.L ? BidiClass.R : BidiClass.L;
        for (var open = 0; open < types.Length; open++)
        {
            var close = closingOf[open];
            if (close < 0)
            {
                continue;
            }

            var inside = BidiClass.ON;
            for (var k = open + 1; k < close && inside != embedding; k++)
            {
                if (BracketStrongType(types[k]) is var strong and not BidiClass.ON)
                {
                    inside = strong;
                }
            }

            if (inside == BidiClass.ON)
            {
                continue;
            }

            var before = embedding;
            for (var k = open - 1; k >= 0; k--)
            {
                if (BracketStrongType(types[k]) is var strong and not BidiClass.ON)
                {
                    before = strong;
                    break;
                }
            }

            var direction = inside == opposite && before == opposite ? opposite : embedding;
            SetBracket(original, positions, types, open, direction);
            SetBracket(original, positions, types, close, direction);
        }
    }

    /// <summary>Sets a bracket's resolved type, and that of the marks (original type NSM) right after it.</summary>
    private static void SetBracket(ReadOnlySpan<BidiClass> original, ReadOnlySpan<int> positions, BidiClass[] types, int bracket, BidiClass direction)
    {
        types[bracket] = direction;
        for (var k = bracket + 1; k < types.Length && original[positions[k]] == BidiClass.NSM; k++)
        {
            types[k] = direction;
        }
    }

    /// <summary>Gets the strong direction a resolved type has for N0: L for L, R for R and numbers, else ON.</summary>
    private static BidiClass BracketStrongType(BidiClass type) => type switch
    {
        BidiClass.L => BidiClass.L,
        BidiClass.R or BidiClass.EN or BidiClass.AN => BidiClass.R,
        _ => BidiClass.ON,
    };

    /// <summary>
    /// N1–N2: a run of neutrals between two strong types of one direction takes it (numbers count as R); any other
    /// takes the embedding direction.
    /// </summary>
    private static void ResolveNeutralTypes(BidiClass[] types, BidiClass embedding)
    {
        var n = types.Length;
        for (var i = 0; i < n;)
        {
            if (!IsNeutral(types[i]))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < n && IsNeutral(types[end]))
            {
                end++;
            }

            var before = i == 0 ? embedding : StrongDirection(types[i - 1]);
            var after = end == n ? embedding : StrongDirection(types[end]);
            types.AsSpan(i, end - i).Fill(before == after ? before : embedding);
            i = end;
        }
    }

    /// <summary>Tells whether a resolved type is a neutral for N1–N2 (separators, white space, other neutrals).</summary>
    private static bool IsNeutral(BidiClass type) => type is BidiClass.B or BidiClass.S or BidiClass.WS or BidiClass.ON;

    /// <summary>Gets the direction a type gives its neighbouring neutrals: L for L, R for R and for numbers (N1).</summary>
    private static BidiClass StrongDirection(BidiClass type) => type == BidiClass.L ? BidiClass.L : BidiClass.R;

    /// <summary>I1–I2: the level of a resolved type at the paragraph level.</summary>
    private static byte ImplicitLevel(BidiClass type, byte paragraphLevel)
    {
        if ((paragraphLevel & 1) == 0)
        {
            return type switch
            {
                BidiClass.R => (byte)(paragraphLevel + 1),
                BidiClass.AN or BidiClass.EN => (byte)(paragraphLevel + 2),
                _ => paragraphLevel,
            };
        }

        return type is BidiClass.L or BidiClass.EN or BidiClass.AN ? (byte)(paragraphLevel + 1) : paragraphLevel;
    }
}
