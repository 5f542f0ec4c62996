namespace OneToOne.Composition.Print.Text;

/// <summary>
/// The Unicode Bidirectional Algorithm (UAX #9) for paragraphs without explicit embeddings: the paragraph level from
/// the first strong character (P2–P3), weak types (W1–W7), neutrals (N1–N2) and implicit levels (I1–I2) over the
/// logical text, then, per line after line breaking, trailing white space (L1) and reordering (L2). Mirroring (L4)
/// is the shaper's: a run at an odd level is shaped right to left, and HarfBuzz then draws each mirrored character's
/// mirror glyph (<c>(</c> as <c>)</c>).
/// </summary>
/// <remarks>
/// Not implemented, and why that is safe: the explicit embedding, override and isolate controls (X1–X8) — the layout
/// refuses text with them (<see cref="BidiClasses.IsExplicitControl"/>), so every paragraph is one isolating run
/// sequence at the paragraph level; bracket pairs (N0) — brackets are resolved as other neutrals by N1–N2, so a
/// bracketed run that mixes directions (<c>abc (אבג) def</c> in a right-to-left paragraph) may put a bracket on the
/// other side of the text than a browser does; each bracket still faces its text, as both are drawn at the
/// resolved level. Boundary neutrals (X9) take the level of the character before them. A surrogate pair's two
/// UTF-16 units share one type and one level.
/// </remarks>
internal static class UnicodeBidi
{
    /// <summary>The first UTF-16 unit that can be of type R, AL or AN: no text below it needs the algorithm.</summary>
    private const char FirstRightToLeft = '\u0590';

    /// <summary>Resolves the embedding level of every UTF-16 unit of a paragraph.</summary>
    /// <param name="text">The paragraph's text.</param>
    /// <param name="levels">Receives one level per UTF-16 unit (its length is the text's).</param>
    /// <returns>The paragraph level: 0 (left to right) unless the first strong character is right-to-left.</returns>
    public static byte ResolveLevels(string text, Span<byte> levels)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyInRange(FirstRightToLeft, char.MaxValue))
        {
            // No character of type R, AL or AN: every level resolves to 0 (W7 makes numbers L, N1 neutrals L).
            levels[..text.Length].Clear();
            return 0;
        }

        var classes = new BidiClass[text.Length];
        Classify(text, classes);
        var paragraphLevel = ParagraphLevel(classes);
        ResolveLevels(classes, paragraphLevel, levels);
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

    /// <summary>Resolves the embedding levels of a paragraph without explicit controls (W1–W7, N1–N2, I1–I2, X9).</summary>
    /// <param name="classes">The paragraph's types.</param>
    /// <param name="paragraphLevel">The paragraph level, 0 or 1.</param>
    /// <param name="levels">Receives one level per type.</param>
    public static void ResolveLevels(ReadOnlySpan<BidiClass> classes, byte paragraphLevel, Span<byte> levels)
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
    /// before one or at the end of the line, go to the paragraph level.
    /// </summary>
    /// <param name="classes">The line's original types.</param>
    /// <param name="paragraphLevel">The paragraph level.</param>
    /// <param name="levels">The line's resolved levels, changed in place.</param>
    public static void ResetWhitespaceLevels(ReadOnlySpan<BidiClass> classes, byte paragraphLevel, Span<byte> levels)
    {
        var trailing = true;
        for (var i = classes.Length - 1; i >= 0; i--)
        {
            var type = classes[i];
            if (type is BidiClass.S or BidiClass.B)
            {
                levels[i] = paragraphLevel;
                trailing = true;
            }
            else if (type is BidiClass.WS or BidiClass.BN)
            {
                if (trailing)
                {
                    levels[i] = paragraphLevel;
                }
            }
            else
            {
                trailing = false;
            }
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
