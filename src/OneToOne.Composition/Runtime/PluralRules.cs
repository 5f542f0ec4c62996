using System.Globalization;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// A language's cardinal plural rules, as CLDR (42, as ICU 72) gives them: which <see cref="PluralCategory"/> a number
/// takes, from the number as written (1 and 1.0 differ: "1 item", "1.0 items"). The operands are CLDR's: <c>n</c> the
/// absolute value, <c>i</c> its whole part, <c>v</c> the number of decimals written, <c>f</c> those decimals as a whole
/// number and <c>t</c> the same without trailing zeros; the exponent <c>e</c> is always 0 here (numbers are never
/// written in compact form).
/// </summary>
internal sealed class PluralRules
{
    private static readonly Dictionary<string, PluralRules> ByLanguage = Create();

    private readonly Func<Operands, PluralCategory> _select;

    private PluralRules(string language, Func<Operands, PluralCategory> select, params (PluralCategory Category, string Examples)[] categories)
    {
        Language = language;
        _select = select;
        Categories = Array.ConvertAll(categories, static c => c.Category);
        Required = Categories;
        Examples = Array.ConvertAll(categories, static c => c.Examples);
    }

    /// <summary>Gets the language (or culture, for <c>pt-PT</c>) the rules are for.</summary>
    public string Language { get; }

    /// <summary>Gets the categories the language uses, in CLDR's order (zero, one, two, few, many, other); <c>other</c> always.</summary>
    public PluralCategory[] Categories { get; }

    /// <summary>
    /// Gets the categories a template must give: <see cref="Categories"/>, but for the <c>many</c> that only whole
    /// millions take in French, Spanish, Italian, Catalan and Portuguese ("1 000 000 d'articles"), which falls back to
    /// <c>other</c> when not given, as ICU's MessageFormat does: an author writing one and other for French is not
    /// refused every French recipient for a number no mailing counts.
    /// </summary>
    public PluralCategory[] Required { get; private set; }

    /// <summary>Gets numbers of each of <see cref="Categories"/>, as a reader of an error is shown them.</summary>
    private string[] Examples { get; }

    /// <summary>Gets the rules for a culture's language; English ones for the invariant culture; null when not known.</summary>
    public static PluralRules? For(CultureInfo culture)
    {
        if (culture.Name.Length == 0)
        {
            return ByLanguage["en"];
        }

        // Portuguese outside Brazil follows Portugal's rules (CLDR's pt_PT, the parent of pt_AO, pt_MZ, …).
        var language = culture.TwoLetterISOLanguageName;
        if (language == "pt" && culture.Name is not ("pt" or "pt-BR"))
        {
            language = "pt-PT";
        }

        return ByLanguage.GetValueOrDefault(language);
    }

    /// <summary>Gets the rules for a language code (<c>pl</c>, <c>pt-PT</c>), or null.</summary>
    public static PluralRules? For(string language) => ByLanguage.GetValueOrDefault(language);

    /// <summary>Gets the language codes that have rules.</summary>
    public static IEnumerable<string> Languages => ByLanguage.Keys;

    /// <summary>The category of a number as written (its scale is the number of decimals written); the sign does not count.</summary>
    public PluralCategory Select(decimal number) => _select(new Operands(number));

    /// <summary>Numbers that take a category, as "2, 3, 4, 22, …".</summary>
    public string ExamplesOf(PluralCategory category) => Examples[Array.IndexOf(Categories, category)];

    private static Dictionary<string, PluralRules> Create()
    {
        const PluralCategory Zero = PluralCategory.Zero, One = PluralCategory.One, Two = PluralCategory.Two,
            Few = PluralCategory.Few, Many = PluralCategory.Many, Other = PluralCategory.Other;
        var rules = new Dictionary<string, PluralRules>(StringComparer.Ordinal);

        void Add(string languages, Func<Operands, PluralCategory> select, params (PluralCategory, string)[] categories)
        {
            foreach (var language in languages.Split(' '))
            {
                rules[language] = new PluralRules(language, select, categories);
            }
        }

        // One form for every number.
        Add("ja zh ko th vi id ms lo km my", static _ => Other, (Other, "0, 1, 2, 1.5, …"));

        // one: exactly 1 written without decimals ("1.0 items").
        Add("en de nl sv fi et", static o => o.I == 1 && o.V == 0 ? One : Other, (One, "1"), (Other, "0, 2, 3, 1.0, 1.5, …"));

        // one: 1, also written with decimals ("1.0").
        Add("nb no nn tr el hu bg", static o => o.N == 1 ? One : Other, (One, "1, 1.0"), (Other, "0, 2, 3, 0.5, 1.5, …"));

        // one: 0 and 1, and decimals below 2 ("0 article", "1,5 article"); many: whole millions ("1 000 000 d'articles").
        Add("fr pt", static o => o.I is 0 or 1 ? One : Million(o) ? Many : Other,
            (One, "0, 1, 1.5"), (Many, "1000000, 2000000, …"), (Other, "2, 3, 100, 2.5, …"));
        Add("it ca pt-PT", static o => o.I == 1 && o.V == 0 ? One : Million(o) ? Many : Other,
            (One, "1"), (Many, "1000000, 2000000, …"), (Other, "0, 2, 3, 1.5, …"));
        Add("es", static o => o.N == 1 ? One : Million(o) ? Many : Other,
            (One, "1, 1.0"), (Many, "1000000, 2000000, …"), (Other, "0, 2, 3, 1.5, …"));

        Add("da", static o => o.N == 1 || (o.T != 0 && o.I is 0 or 1) ? One : Other, (One, "1, 0.5, 1.5"), (Other, "0, 2, 3, 2.5, …"));

        // one: 0 and 1, and decimals below 1.
        Add("fa hi bn", static o => o.I == 0 || o.N == 1 ? One : Other, (One, "0, 1, 0.5"), (Other, "2, 3, 1.5, …"));

        Add("pl", static o => o.V != 0 ? Other
                : o.I == 1 ? One
                : o.I % 10 is >= 2 and <= 4 && o.I % 100 is not (>= 12 and <= 14) ? Few
                : Many,
            (One, "1"), (Few, "2, 3, 4, 22, 23, 24, …"), (Many, "0, 5, 11, 12, 21, 25, …"), (Other, "1.5, 0.5, …"));

        Add("ru uk", static o => o.V != 0 ? Other
                : o.I % 10 == 1 && o.I % 100 != 11 ? One
                : o.I % 10 is >= 2 and <= 4 && o.I % 100 is not (>= 12 and <= 14) ? Few
                : Many,
            (One, "1, 21, 31, 101, …"), (Few, "2, 3, 4, 22, …"), (Many, "0, 5, 11, 12, 25, …"), (Other, "1.5, 0.5, …"));

        Add("cs sk", static o => o.V != 0 ? Many : o.I == 1 ? One : o.I is >= 2 and <= 4 ? Few : Other,
            (One, "1"), (Few, "2, 3, 4"), (Many, "0.5, 1.5, 1.0, …"), (Other, "0, 5, 22, 100, …"));

        Add("hr sr bs", static o =>
                (o.V == 0 && o.I % 10 == 1 && o.I % 100 != 11) || (o.F % 10 == 1 && o.F % 100 != 11) ? One
                : (o.V == 0 && o.I % 10 is >= 2 and <= 4 && o.I % 100 is not (>= 12 and <= 14)) || (o.F % 10 is >= 2 and <= 4 && o.F % 100 is not (>= 12 and <= 14)) ? Few
                : Other,
            (One, "1, 21, 31, 0.1, 1.1, …"), (Few, "2, 3, 4, 22, 0.2, …"), (Other, "0, 5, 11, 12, 0.5, …"));

        Add("sl", static o => o.V != 0 ? Few : (o.I % 100) switch { 1 => One, 2 => Two, 3 or 4 => Few, _ => Other },
            (One, "1, 101, …"), (Two, "2, 102, …"), (Few, "3, 4, 103, 1.5, …"), (Other, "0, 5, 100, …"));

        Add("ro", static o => o.I == 1 && o.V == 0 ? One : o.V != 0 || o.N == 0 || o.N % 100 is >= 1 and <= 19 ? Few : Other,
            (One, "1"), (Few, "0, 2, 19, 101, 1.5, …"), (Other, "20, 21, 100, …"));

        Add("lt", static o => o.N % 10 == 1 && !Whole(o, 11, 19, 100) ? One
                : IntegerIn(o.N % 10, 2, 9) && !Whole(o, 11, 19, 100) ? Few
                : o.F != 0 ? Many
                : Other,
            (One, "1, 21, 31, …"), (Few, "2, 9, 22, …"), (Many, "0.5, 1.5, …"), (Other, "0, 10, 11, 19, 20, …"));

        Add("lv", static o => o.N % 10 == 0 || Whole(o, 11, 19, 100) || (o.V == 2 && o.F % 100 is >= 11 and <= 19) ? Zero
                : (o.N % 10 == 1 && o.N % 100 != 11) || (o.V == 2 && o.F % 10 == 1 && o.F % 100 != 11) || (o.V != 2 && o.F % 10 == 1) ? One
                : Other,
            (Zero, "0, 10, 11, 19, 20, …"), (One, "1, 21, 0.1, …"), (Other, "2, 9, 22, 0.2, …"));

        // CLDR 42 folded Hebrew's 'many' (20, 30, …) into 'other'; decimals below 1 take 'one'.
        Add("he", static o => (o.I == 1 && o.V == 0) || (o.I == 0 && o.V != 0) ? One : o.I == 2 && o.V == 0 ? Two : Other,
            (One, "1, 0.5"), (Two, "2"), (Other, "0, 3, 10, 20, 1.5, …"));

        Add("ar", static o => o.N == 0 ? Zero
                : o.N == 1 ? One
                : o.N == 2 ? Two
                : IntegerIn(o.N % 100, 3, 10) ? Few
                : IntegerIn(o.N % 100, 11, 99) ? Many
                : Other,
            (Zero, "0"), (One, "1"), (Two, "2"), (Few, "3, 10, 103, …"), (Many, "11, 99, 111, …"), (Other, "100, 102, 1.5, …"));

        foreach (var language in (string[])["fr", "pt", "pt-PT", "it", "ca", "es"])
        {
            rules[language].Required = Array.FindAll(rules[language].Categories, static c => c != Many);
        }

        return rules;
    }

    /// <summary>CLDR's <c>e = 0 and i != 0 and i % 1000000 = 0 and v = 0</c>: a whole number of millions.</summary>
    private static bool Million(Operands o) => o.V == 0 && o.I != 0 && o.I % 1_000_000 == 0;

    /// <summary>CLDR's <c>x = from..to</c>: a range holds whole numbers only (3.5 is not in 3..10).</summary>
    private static bool IntegerIn(decimal value, int from, int to) => value == decimal.Truncate(value) && value >= from && value <= to;

    /// <summary>CLDR's <c>n % modulus = from..to</c>.</summary>
    private static bool Whole(Operands o, int from, int to, int modulus) => IntegerIn(o.N % modulus, from, to);

    /// <summary>CLDR's operands of a number as written.</summary>
    private readonly struct Operands
    {
        public Operands(decimal number)
        {
            N = Math.Abs(number);
            I = decimal.Truncate(N);
            V = number.Scale;
            var fraction = N - I;
            var power = 1m;
            for (var k = 0; k < V; k++)
            {
                power *= 10;
            }

            F = decimal.Truncate(fraction * power);
            var t = F;
            while (t != 0 && t % 10 == 0)
            {
                t /= 10;
            }

            T = t;
        }

        public decimal N { get; }

        public decimal I { get; }

        public int V { get; }

        public decimal F { get; }

        public decimal T { get; }
    }
}
