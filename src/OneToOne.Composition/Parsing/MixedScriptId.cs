using System.Globalization;

namespace OneToOne.Composition.Parsing;

/// <summary>
/// Tells an id that mixes the Latin, Greek and Cyrillic alphabets, such as <c>lіght-beer</c> with a Cyrillic 'і' (U+0456)
/// pasted from a document: it is a valid id, but one that looks like another, so a reference typed by hand never finds it
/// and no reader of the catalog sees why. Only those three alphabets share letters that look alike; an id written in one
/// of them, or in any other script (Japanese, Arabic, Hindi), or mixing another script with Latin (<c>sale-東京</c>), is
/// ordinary. No table of look-alike letters is needed: a mix is suspicious whichever letters it holds.
/// </summary>
internal static class MixedScriptId
{
    private enum Script
    {
        None,
        Latin,
        Greek,
        Cyrillic,
    }

    /// <summary>
    /// Describes how an id mixes the alphabets ("Latin letters with the Cyrillic 'і' (U+0456) at character 2"), or null when
    /// it does not. The letters named are those of the alphabets the id holds fewer of, the odd ones out.
    /// </summary>
    /// <param name="id">A valid id (letters, digits, '-' and '_').</param>
    /// <returns>The description, or null.</returns>
    public static string? Describe(string id)
    {
        Span<int> counts = stackalloc int[4];
        foreach (var c in id)
        {
            counts[(int)Of(c)]++;
        }

        var present = (counts[(int)Script.Latin] > 0 ? 1 : 0) + (counts[(int)Script.Greek] > 0 ? 1 : 0) + (counts[(int)Script.Cyrillic] > 0 ? 1 : 0);
        if (present < 2)
        {
            return null;
        }

        // The alphabet with the most letters is the one the id is written in (Latin on a tie: ids are mostly Latin).
        var main = Script.Latin;
        foreach (var script in (ReadOnlySpan<Script>)[Script.Greek, Script.Cyrillic])
        {
            if (counts[(int)script] > counts[(int)main])
            {
                main = script;
            }
        }

        var odd = new List<string>();
        for (var i = 0; i < id.Length && odd.Count < 3; i++)
        {
            var script = Of(id[i]);
            if (script is not Script.None && script != main)
            {
                odd.Add(string.Create(CultureInfo.InvariantCulture, $"the {script} '{id[i]}' (U+{(int)id[i]:X4}) at character {i + 1}"));
            }
        }

        return $"{main} letters with {string.Join(", ", odd)}";
    }

    /// <summary>The alphabet of a letter, by its Unicode block; <see cref="Script.None"/> for a digit, '-', '_' or a letter of another script.</summary>
    private static Script Of(char c) => c switch
    {
        _ when !char.IsLetter(c) => Script.None,
        (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') => Script.Latin,
        >= '\u00C0' and <= '\u024F' => Script.Latin, // Latin-1 Supplement letters, Latin Extended-A and -B
        >= '\u0250' and <= '\u02AF' => Script.Latin, // IPA Extensions
        >= '\u1E00' and <= '\u1EFF' => Script.Latin, // Latin Extended Additional (Vietnamese)
        (>= '\u2C60' and <= '\u2C7F') or (>= '\uA720' and <= '\uA7FF') or (>= '\uAB30' and <= '\uAB6F') => Script.Latin, // Latin Extended-C, -D, -E
        (>= '\uFF21' and <= '\uFF3A') or (>= '\uFF41' and <= '\uFF5A') => Script.Latin, // fullwidth
        (>= '\u0370' and <= '\u03FF') or (>= '\u1F00' and <= '\u1FFF') => Script.Greek, // Greek and Coptic, Greek Extended
        (>= '\u0400' and <= '\u052F') or (>= '\u1C80' and <= '\u1C8F') or (>= '\u2DE0' and <= '\u2DFF') or (>= '\uA640' and <= '\uA69F') => Script.Cyrillic,
        _ => Script.None,
    };
}
