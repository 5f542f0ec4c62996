using System.Globalization;
using Scriban;
using Scriban.Runtime;
using M = OneToOne.Composition.Benchmarks.Peers.ModuleHtml;

namespace OneToOne.Composition.Benchmarks.Peers;

/// <summary>
/// One monolithic Scriban template that writes the HTML directly: the scenario's rules as <c>if</c>/<c>else if</c>
/// chains, a counter for the cross-sells, a <c>for</c> loop over the purchases and <c>math.format</c> in the
/// recipient's culture. Per message: a <see cref="ScriptObject"/> built from the recipient's dictionary and a fresh
/// <see cref="TemplateContext"/> (it is not thread-safe), over one shared set of builtins: <c>new TemplateContext()</c>
/// would build the whole builtin library for every message (about 13 KB more per message), which no careful user does.
/// </summary>
/// <remarks>
/// Values go through <c>esc</c>, a one-line function registered once, not <c>html.escape</c>: <c>html.escape</c> is
/// <c>WebUtility.HtmlEncode</c>, which also encodes <c>'</c> and every non-ASCII letter (<c>ë</c> → <c>&amp;#235;</c>)
/// and so cannot produce the library's (Markdig's) bytes.
/// </remarks>
internal sealed class ScribanPeer
{
    private const string Source =
        // greeting: first match
        "{{ if tier == \"gold\" && locale == \"de-DE\" }}" + M.GreetingGoldDeA + "{{ first_name | esc }}" + M.GreetingGoldDeB +
        "{{ else if locale == \"de-DE\" }}" + M.GreetingDeA + "{{ first_name | esc }}" + M.GreetingDeB +
        "{{ else if locale == \"fr-FR\" }}" + M.GreetingFrA + "{{ first_name | esc }}" + M.GreetingFrB +
        "{{ else if tier == \"gold\" }}" + M.GreetingGoldA + "{{ first_name | esc }}" + M.GreetingGoldB +
        "{{ else }}" + M.GreetingStandardA + "{{ first_name | esc }}" + M.GreetingStandardB + "{{ end }}" +
        // hero: first match
        "{{ if gender == \"female\" && age < 30 }}" + M.HeroYoungWomenA + "{{ first_name | esc }}" + M.HeroYoungWomenB +
        "{{ else if gender == \"female\" }}" + M.HeroWomen +
        "{{ else if gender == \"male\" && iq > 93 && tier != \"standard\" }}" + M.HeroConnoisseur +
        "{{ else if age >= 60 }}" + M.HeroSenior +
        "{{ else }}" + M.HeroDefault + "{{ end }}" +
        // loyalty: highest priority first
        "{{ if tier == \"gold\" && points >= 5000 }}" + M.LoyaltyGoldMilestoneA + "{{ points | math.format \"N0\" | esc }}" + M.LoyaltyGoldMilestoneB +
        "{{ else if tier == \"gold\" }}" + M.LoyaltyGoldA + "{{ points | math.format \"N0\" | esc }}" + M.LoyaltyGoldB +
        "{{ else if tier == \"silver\" }}" + M.LoyaltySilverA + "{{ points | math.format \"N0\" | esc }}" + M.LoyaltySilverB +
        "{{ else if points < 100 }}" + M.LoyaltyWelcome +
        "{{ else }}" + M.LoyaltyBalanceA + "{{ points | math.format \"N0\" | esc }}" + M.LoyaltyBalanceB + "{{ end }}" +
        // orders: a loop in the recipient's culture
        "{{ if (purchases | array.size) > 0 }}<h3>Your recent orders</h3>\n<ul>\n" +
        "{{ for p in purchases }}<li>{{ p.name | esc }}: {{ p.price | math.format \"C\" | esc }}</li>\n{{ end }}</ul>\n" +
        "{{ else }}" + M.OrdersNone + "{{ end }}" +
        "<h3>You might also like</h3>\n" +
        // cross-sell: every eligible one, at most three
        "{{ taken = 0 }}" +
        "{{ if taken < 3 && last_category == \"stout\" }}" + M.XsStout + "{{ taken = taken + 1 }}{{ end }}" +
        "{{ if taken < 3 && last_category == \"ipa\" && tier == \"gold\" }}" + M.XsIpaPremium + "{{ taken = taken + 1 }}{{ end }}" +
        "{{ if taken < 3 && last_category == \"ipa\" }}" + M.XsIpa + "{{ taken = taken + 1 }}{{ end }}" +
        "{{ if taken < 3 && (last_category == \"cider\" || gender == \"female\") }}" + M.XsCider + "{{ taken = taken + 1 }}{{ end }}" +
        "{{ if taken < 3 && (last_category == \"snacks\" || last_category == \"stout\") }}" + M.XsSnacks + "{{ taken = taken + 1 }}{{ end }}" +
        "{{ if taken < 3 && last_category == \"lager\" }}" + M.XsLager + "{{ taken = taken + 1 }}{{ end }}" +
        "{{ if taken < 3 }}" + M.XsExplorer + "{{ taken = taken + 1 }}{{ end }}" +
        "{{ if taken < 3 }}" + M.XsGiftCard + "{{ taken = taken + 1 }}{{ end }}" +
        "{{ if taken < 3 }}" + M.XsGlassware + "{{ taken = taken + 1 }}{{ end }}" +
        // event and legal by country
        "{{ if country == \"DE\" }}" + M.EventDe + "{{ else if country == \"GB\" }}" + M.EventGb +
        "{{ else if country == \"US\" }}" + M.EventUs + "{{ else }}" + M.NoEvent + "{{ end }}" +
        "<hr />\n" +
        "{{ if country == \"US\" }}" + M.LegalUs + "{{ else if country == \"DE\" }}" + M.LegalDe +
        "{{ else if country == \"FR\" }}" + M.LegalFr + "{{ else }}" + M.LegalGeneric + "{{ end }}" +
        // footer with a per-recipient link
        M.FooterA + "{{ email | esc }}" + M.FooterB + "{{ id | esc }}" + M.FooterC;

    private readonly Template _template;
    private readonly ScriptObject _functions;
    private readonly ScriptObject _builtins;

    public ScribanPeer()
    {
        _template = Template.Parse(Source);
        if (_template.HasErrors)
        {
            throw new InvalidOperationException("The Scriban peer's template does not parse: " + string.Join("; ", _template.Messages));
        }

        _builtins = new Scriban.Functions.BuiltinFunctions();
        _functions = new ScriptObject();
        _functions.Import("esc", new Func<string, string>(HtmlText.Escape));
    }

    public string Render(IReadOnlyDictionary<string, object?> recipient)
    {
        var context = new TemplateContext(_builtins);
        context.PushGlobal(_functions);
        context.PushGlobal(ToScriptObject(recipient));
        context.PushCulture(CultureInfo.GetCultureInfo((string)recipient["locale"]!));
        return _template.Render(context);
    }

    private static ScriptObject ToScriptObject(IReadOnlyDictionary<string, object?> fields)
    {
        var result = new ScriptObject(fields.Count);
        foreach (var (key, value) in fields)
        {
            result[key] = value is IReadOnlyList<Dictionary<string, object?>> list ? ToScriptArray(list) : value;
        }

        return result;
    }

    private static ScriptArray ToScriptArray(IReadOnlyList<Dictionary<string, object?>> list)
    {
        var array = new ScriptArray(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            array.Add(ToScriptObject(list[i]));
        }

        return array;
    }
}
