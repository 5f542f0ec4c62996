using System.Collections;
using System.Globalization;
using System.Text;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// The culture-aware text functions every mail-merge needs and Scriban lacks: <c>string.titlecase</c> (names typed in
/// capitals or in lower case, as forms collect them) and <c>array.to_sentence</c> (a list as a reader writes one,
/// "a, b and c") and <c>string.plural</c> (the form of a word a number takes, by CLDR's rules). Culture comes from the recipient, as for <c>money</c> (<see cref="CultureFunctions"/>),
/// except for the grammar of the text's own words: <c>string.plural</c> and <c>array.to_sentence</c> follow the language
/// the text is written in (<see cref="CultureFunctions.TextCulture"/>), so a Polish recipient of the English default
/// text reads "2 items", not a rejection for the Polish forms English has not.
/// </summary>
internal static class TextFunctions
{
    /// <summary>
    /// The word for "and" between the last two items of a list, by the culture's language (CLDR's list patterns), for
    /// the languages whose lists are otherwise written "a, b and c".
    /// </summary>
    private static readonly Dictionary<string, string> Ands = new(StringComparer.Ordinal)
    {
        ["bg"] = "и", ["ca"] = "i", ["cs"] = "a", ["da"] = "og", ["de"] = "und", ["el"] = "και", ["en"] = "and",
        ["es"] = "y", ["et"] = "ja", ["fi"] = "ja", ["fr"] = "et", ["hr"] = "i", ["hu"] = "és", ["it"] = "e",
        ["lt"] = "ir", ["lv"] = "un", ["nb"] = "og", ["nl"] = "en", ["nn"] = "og", ["no"] = "og", ["pl"] = "i",
        ["pt"] = "e", ["ro"] = "și", ["ru"] = "и", ["sk"] = "a", ["sl"] = "in", ["sv"] = "och", ["tr"] = "ve", ["uk"] = "і",
    };

    /// <summary>Adds the functions to the builtins' <c>string</c> and <c>array</c> objects.</summary>
    public static void Install(ScriptObject builtins)
    {
        if (builtins["string"] is ScriptObject text)
        {
            text.Import("titlecase", new Func<TemplateContext, string?, string?>(TitleCase));
            text.Import("plural", new Func<TemplateContext, object?, string?, string?, string?, string?, string?, string?, string?>(Plural));
        }

        if (builtins["array"] is ScriptObject array)
        {
            array.Import("to_sentence", new Func<TemplateContext, object?, string?, string?>(ToSentence));
        }
    }

    /// <summary>
    /// <c>{{ first_name | string.titlecase }}</c>: each word that is all capitals or all lower case starts with a capital
    /// and goes on in lower case, in the recipient's culture ("JEAN-LUC" → "Jean-Luc", "mary ann" → "Mary Ann", Turkish
    /// "istanbul" → "İstanbul", "o'brien" → "O'Brien"); a word already in mixed case is kept as written ("McDonald", "DeShawn").
    /// </summary>
    private static string? TitleCase(TemplateContext context, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value;
        }

        var culture = CultureFunctions.Culture(context);
        var result = new StringBuilder(value.Length);
        var start = 0;
        while (start < value.Length)
        {
            if (!IsWordChar(value, start))
            {
                result.Append(value[start++]);
                continue;
            }

            var end = start;
            while (end < value.Length && IsWordChar(value, end))
            {
                end++;
            }

            AppendWord(result, value.AsSpan(start, end - start), culture);
            start = end;
        }

        return result.ToString();
    }

    /// <summary>Whether the character at an index belongs to a word: a letter, mark or digit, or an apostrophe between two letters ("o'brien").</summary>
    private static bool IsWordChar(string text, int index)
    {
        var c = text[index];
        if (char.IsLetterOrDigit(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
        {
            return true;
        }

        return c is '\'' or '\u2019' && index > 0 && index + 1 < text.Length && char.IsLetter(text[index - 1]) && char.IsLetter(text[index + 1]);
    }

    private static void AppendWord(StringBuilder result, ReadOnlySpan<char> word, CultureInfo culture)
    {
        bool upper = false, lower = false;
        foreach (var rune in word.EnumerateRunes())
        {
            if (rune.Value == 'ß')
            {
                // German writes ß in capitals too ("STRAßE"): a lower-case letter there does not make the word mixed case.
                continue;
            }

            upper |= Rune.IsUpper(rune);
            lower |= Rune.IsLower(rune);
        }

        if (upper && lower)
        {
            result.Append(word);
            return;
        }

        var at = result.Length;
        Rune.DecodeFromUtf16(word, out var first, out var length);
        if (culture.TwoLetterISOLanguageName == "nl" && word.Length >= 2 && word[..2].Equals("ij", StringComparison.OrdinalIgnoreCase))
        {
            // Dutch capitalises the digraph ij as one letter: "IJsbrand", "IJzendoorn" (never "Ijsbrand").
            length = 2;
            result.Append("IJ");
        }
        else
        {
            result.Append(Rune.ToUpper(first, culture).ToString());
        }

        var rest = word[length..].ToString().ToLower(culture);
        result.Append(rest);
        if (rest.EndsWith('σ'))
        {
            // .NET lowers Σ to σ everywhere; at the end of a word Greek writes ς ("ΝΙΚΟΣ" → "Νικος", not "Νικοσ").
            result[^1] = 'ς';
        }

        if (length == 1 && word.Length > 2 && word[1] is '\'' or '\u2019' && char.IsLower(result[at + 2]))
        {
            // One letter and an apostrophe start a name of their own: "O'Brien", "D'Angelo" (never "O'brien"); "don't" is left.
            result[at + 2] = char.ToUpper(result[at + 2], culture);
        }
    }

    /// <summary>
    /// <c>{{ categories | array.to_sentence }}</c> or <c>{{ sizes | array.to_sentence "or" }}</c>: the list's items as a
    /// reader writes them, "a, b and c" ("a, b, and c" in US and Canadian English; "a und b" in German), the word from
    /// the text's language (else the recipient's culture) unless given; empty and null items are left out, and an empty list writes nothing.
    /// </summary>
    private static string? ToSentence(TemplateContext context, object? list, string? conjunction = null)
    {
        if (list is null)
        {
            return null;
        }

        if (list is string or not IEnumerable)
        {
            throw new ScriptRuntimeException(context.CurrentSpan,
                $"'array.to_sentence' needs a list, but got {RenderContext.KindOf(list)} '{list}'. For text that holds a list, split it first: '{{{{ value | string.split \";\" | array.to_sentence }}}}'.");
        }

        var culture = CultureFunctions.TextCulture(context);
        if (string.IsNullOrEmpty(conjunction))
        {
            var language = culture.Name.Length == 0 ? "en" : culture.TwoLetterISOLanguageName;
            conjunction = Ands.TryGetValue(language, out var and) ? and : throw new ScriptRuntimeException(context.CurrentSpan,
                $"'array.to_sentence' knows no word for 'and' in {Whose(context)} ({culture.Name}). Give it, as in '{{{{ list | array.to_sentence \"and\" }}}}', written in that language.");
        }

        // The sentence is counted before it is made: a list of 900 values of a million characters each made 900 million
        // (3.6 GB, 15 s in one call) that the template need never write, so the output limit alone did not stop it.
        var items = new List<string>();
        var length = (long)conjunction.Length;
        foreach (var item in (IEnumerable)list)
        {
            if (context.ObjectToString(item) is { Length: > 0 } written)
            {
                items.Add(written);
                length += written.Length + 2;
                if (context.LimitToString > 0 && length >= context.LimitToString)
                {
                    throw new ScriptRuntimeException(context.CurrentSpan, string.Create(CultureInfo.InvariantCulture,
                        $"'array.to_sentence' would make text of at least {length:N0} characters (from its first {items.Count:N0} items); a value must stay under {context.LimitToString:N0} characters (RenderLimits.MaxOutputLength). Give it fewer or shorter items, or raise the limit."));
                }
            }
        }

        if (items.Count < 2)
        {
            return items.Count == 0 ? string.Empty : items[0];
        }

        var serialComma = items.Count > 2 && culture.Name is "" or "en" or "en-US" or "en-CA";
        var result = new StringBuilder();
        for (var i = 0; i < items.Count - 1; i++)
        {
            result.Append(items[i]);
            result.Append(i < items.Count - 2 || serialComma ? ", " : " ");
        }

        return result.Append(conjunction).Append(' ').Append(items[^1]).ToString();
    }

    /// <summary>
    /// <c>{{ n | string.plural one: "item" other: "items" }}</c> (or <c>"item" "items"</c>: one, other): the form of a
    /// word that the number takes in the text's language (else the recipient's), by CLDR's cardinal rules (<see cref="PluralRules"/>),
    /// from the number as written (1.5 and 1.0 take English's plural). Every form the language uses must be given, not
    /// just the number's, so that a proof with any number shows what a language lacks (but a <c>many</c> only millions
    /// take, <see cref="PluralRules.Required"/>, which falls back to <c>other</c>); forms a language does not use are left
    /// unused (one template may give forms for many languages).
    /// </summary>
    private static string? Plural(TemplateContext context, object? value, string? one = null, string? other = null, string? zero = null, string? two = null, string? few = null, string? many = null)
    {
        if (CultureFunctions.ToDecimal(context, value, "string.plural") is not { } number)
        {
            return null;
        }

        var culture = CultureFunctions.TextCulture(context);
        var rules = PluralRules.For(culture) ?? throw new ScriptRuntimeException(context.CurrentSpan,
            $"'string.plural' knows no plural rules for {Whose(context)} ({culture.Name}). Write the text for that locale without it (a 'locales:' variant of the module), as a sentence that needs no plural.");

        string?[] forms = [zero, one, two, few, many, other];
        List<PluralCategory>? missing = null;
        foreach (var category in rules.Required)
        {
            if (forms[(int)category] is null)
            {
                (missing ??= []).Add(category);
            }
        }

        if (missing is not null)
        {
            throw new ScriptRuntimeException(context.CurrentSpan, MissingForms(rules, culture, missing, Whose(context)));
        }

        return forms[(int)rules.Select(number)] ?? forms[(int)PluralCategory.Other];
    }

    /// <summary>The error for forms a language uses that a template does not give: which, with numbers that take them, and the call that gives them all.</summary>
    internal static string MissingForms(PluralRules rules, CultureInfo culture, List<PluralCategory> missing, string whose) =>
        $"'string.plural' needs every form {whose} uses ({(culture.Name.Length == 0 ? "invariant: English rules" : culture.Name)}: {string.Join(", ", Array.ConvertAll(rules.Categories, Name))}), but is given no {Lacking(rules, missing)}. Give them by name: '{AllForms(rules)}'.";

    /// <summary>Whose language a text function's culture is: the text's (its variant's, or the catalog's <c>locale:</c>), else the recipient's.</summary>
    private static string Whose(TemplateContext context) =>
        context is RenderContext { TextCulture: not null } ? "the text's language" : "the recipient's language";

    /// <summary>The forms missing, with numbers that take them: "'few' (for 2, 3, 4, …) and 'many' (for 0, 5, …)".</summary>
    internal static string Lacking(PluralRules rules, List<PluralCategory> missing) =>
        string.Join(" and ", missing.ConvertAll(c => $"'{Name(c)}' (for {rules.ExamplesOf(c)})"));

    /// <summary>A call giving every form a language uses, as an example.</summary>
    internal static string AllForms(PluralRules rules) =>
        $"{{{{ n | string.plural {string.Join(' ', Array.ConvertAll(rules.Categories, static c => Name(c) + ": \"…\""))} }}}}";

    /// <summary>A category's name as CLDR and the function's arguments write it.</summary>
    internal static string Name(PluralCategory category) => category switch
    {
        PluralCategory.Zero => "zero",
        PluralCategory.One => "one",
        PluralCategory.Two => "two",
        PluralCategory.Few => "few",
        PluralCategory.Many => "many",
        _ => "other",
    };
}
