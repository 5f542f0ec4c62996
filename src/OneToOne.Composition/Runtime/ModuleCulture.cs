using System.Collections.Concurrent;
using System.Globalization;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// The culture a module in another language (<c>lang:</c>) writes its numbers, amounts and dates in: a German module in
/// an en-US message writes <c>1.234,5</c> and <c>7. Dezember 2026</c>, not <c>1,234.5</c> and <c>December 7, 2026</c>.
/// </summary>
/// <remarks>
/// The language (and script) come from <c>lang:</c>, the region from the recipient where .NET knows that pair
/// (<c>lang: de</c> for an en-CH recipient writes as de-CH does, <c>1’234.50</c>), else from <c>lang:</c> itself
/// (<c>de</c> or <c>de-AT</c> for an en-US recipient: there is no German of the United States). A module in the
/// recipient's own language writes in the recipient's culture, whatever region <c>lang:</c> names (<c>lang: de-AT</c>
/// for a de-CH recipient writes Swiss numbers): the tag says which language the text is in, and a reader of that
/// language keeps their own conventions. The currency is never the language's: <c>money</c> without a code writes the
/// recipient's (<see cref="CultureFunctions"/>).
/// </remarks>
internal static class ModuleCulture
{
    /// <summary>How many pairs are remembered: recipients' cultures are predefined ones, a few hundred, and modules' tags few.</summary>
    private const int MaxRemembered = 4096;

    private static readonly ConcurrentDictionary<(string Language, string Recipient), CultureInfo?> Pairs = new();

    /// <summary>
    /// The culture a template in <paramref name="language"/> writes in for a recipient of <paramref name="recipient"/>, or
    /// null when that is the recipient's own (the same language, or a recipient without a language).
    /// </summary>
    /// <param name="language">The module's <c>lang:</c>, as a culture .NET knows.</param>
    /// <param name="recipient">The recipient's culture (<c>Decision.Culture</c>).</param>
    public static CultureInfo? For(CultureInfo language, CultureInfo recipient)
    {
        var key = (language.Name, recipient.Name);
        return Pairs.TryGetValue(key, out var known) ? known
            : Pairs.Count < MaxRemembered ? Pairs.GetOrAdd(key, static (_, pair) => Find(pair.language, pair.recipient), (language, recipient))
            : Find(language, recipient);
    }

    /// <summary>
    /// The culture a module's <c>lang:</c> writes in: the culture of the tag, else of its longest prefix .NET knows
    /// (<c>de-DE-1996</c> → de-DE); null when .NET knows none (<c>tlh</c>, a private-use <c>x-…</c> tag): the tag is then
    /// a label only (OTO1013).
    /// </summary>
    /// <param name="tag">The tag, normalized (<see cref="Parsing.LanguageTag.Normalize"/>).</param>
    public static CultureInfo? Of(string tag)
    {
        for (var name = tag; name.Length > 0 && !name.StartsWith("x-", StringComparison.OrdinalIgnoreCase); name = name.LastIndexOf('-') is var dash and > 0 ? name[..dash] : string.Empty)
        {
            try
            {
                return CultureNames.Get(name);
            }
            catch (CultureNotFoundException)
            {
                // Try the tag without its last subtag.
            }
        }

        return null;
    }

    private static CultureInfo? Find(CultureInfo language, CultureInfo recipient)
    {
        if (recipient.Name.Length == 0 || SameLanguage(language, recipient))
        {
            return null;
        }

        if (Region(recipient) is { } region && Neutral(language) is { Name.Length: > 0 } neutral)
        {
            try
            {
                return CultureNames.Get(neutral.Name + "-" + region);
            }
            catch (CultureNotFoundException)
            {
                // No such pair (German of the United States): lang:'s own culture below.
            }
        }

        return language;
    }

    /// <summary>Whether two cultures are in one language and script (de-AT and de-CH; not sr-Latn-RS and sr-Cyrl-RS).</summary>
    private static bool SameLanguage(CultureInfo a, CultureInfo b) =>
        !Parsing.LanguageTag.Differs(Neutral(a).Name, Neutral(b).Name);

    /// <summary>The culture's language, with its script where it names one: de-AT → de, sr-Latn-RS → sr-Latn, zh-CN → zh-Hans.</summary>
    private static CultureInfo Neutral(CultureInfo culture)
    {
        var c = culture;
        while (!c.IsNeutralCulture && c.Parent.Name.Length > 0)
        {
            c = c.Parent;
        }

        return c;
    }

    /// <summary>The region a specific culture names (US for en-US), or null for a language alone.</summary>
    private static string? Region(CultureInfo culture)
    {
        if (culture.IsNeutralCulture)
        {
            return null;
        }

        try
        {
            return new RegionInfo(culture.Name).TwoLetterISORegionName;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
