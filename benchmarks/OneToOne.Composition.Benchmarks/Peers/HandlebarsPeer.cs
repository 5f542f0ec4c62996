using System.Globalization;
using HandlebarsDotNet;
using M = OneToOne.Composition.Benchmarks.Peers.ModuleHtml;

namespace OneToOne.Composition.Benchmarks.Peers;

/// <summary>
/// One Handlebars.Net template, compiled once, rendered from the recipient's dictionary as it is. Handlebars has no
/// comparisons, so small helpers supply them (<c>eq</c>, <c>ne</c>, <c>lt</c>, <c>gt</c>, <c>gte</c>, <c>and</c>,
/// <c>or</c>), plus <c>firstN</c> for "every eligible one, at most three" and <c>format</c> for culture-aware numbers.
/// </summary>
/// <remarks>
/// The default encoder (<see cref="HtmlEncoder"/>) encodes non-ASCII letters as numeric entities; a
/// <see cref="MarkdigLikeEncoder"/> that escapes exactly what Markdig escapes makes the bytes match.
/// </remarks>
internal sealed class HandlebarsPeer
{
    private const string Source =
        "{{#if (and (eq tier \"gold\") (eq locale \"de-DE\"))}}" + M.GreetingGoldDeA + "{{first_name}}" + M.GreetingGoldDeB +
        "{{else if (eq locale \"de-DE\")}}" + M.GreetingDeA + "{{first_name}}" + M.GreetingDeB +
        "{{else if (eq locale \"fr-FR\")}}" + M.GreetingFrA + "{{first_name}}" + M.GreetingFrB +
        "{{else if (eq tier \"gold\")}}" + M.GreetingGoldA + "{{first_name}}" + M.GreetingGoldB +
        "{{else}}" + M.GreetingStandardA + "{{first_name}}" + M.GreetingStandardB + "{{/if}}" +
        "{{#if (and (eq gender \"female\") (lt age 30))}}" + M.HeroYoungWomenA + "{{first_name}}" + M.HeroYoungWomenB +
        "{{else if (eq gender \"female\")}}" + M.HeroWomen +
        "{{else if (and (eq gender \"male\") (gt iq 93) (ne tier \"standard\"))}}" + M.HeroConnoisseur +
        "{{else if (gte age 60)}}" + M.HeroSenior +
        "{{else}}" + M.HeroDefault + "{{/if}}" +
        "{{#if (and (eq tier \"gold\") (gte points 5000))}}" + M.LoyaltyGoldMilestoneA + "{{format points \"N0\" locale}}" + M.LoyaltyGoldMilestoneB +
        "{{else if (eq tier \"gold\")}}" + M.LoyaltyGoldA + "{{format points \"N0\" locale}}" + M.LoyaltyGoldB +
        "{{else if (eq tier \"silver\")}}" + M.LoyaltySilverA + "{{format points \"N0\" locale}}" + M.LoyaltySilverB +
        "{{else if (lt points 100)}}" + M.LoyaltyWelcome +
        "{{else}}" + M.LoyaltyBalanceA + "{{format points \"N0\" locale}}" + M.LoyaltyBalanceB + "{{/if}}" +
        "{{#if purchases}}<h3>Your recent orders</h3>\n<ul>\n" +
        "{{#each purchases}}<li>{{name}}: {{format price \"C\" @root.locale}}</li>\n{{/each}}</ul>\n" +
        "{{else}}" + M.OrdersNone + "{{/if}}" +
        "<h3>You might also like</h3>\n" +
        "{{#with (firstN 3 (eq last_category \"stout\") (and (eq last_category \"ipa\") (eq tier \"gold\")) (eq last_category \"ipa\")" +
        " (or (eq last_category \"cider\") (eq gender \"female\")) (or (eq last_category \"snacks\") (eq last_category \"stout\"))" +
        " (eq last_category \"lager\") true true true)}}" +
        "{{#if this.[0]}}" + M.XsStout + "{{/if}}{{#if this.[1]}}" + M.XsIpaPremium + "{{/if}}{{#if this.[2]}}" + M.XsIpa + "{{/if}}" +
        "{{#if this.[3]}}" + M.XsCider + "{{/if}}{{#if this.[4]}}" + M.XsSnacks + "{{/if}}{{#if this.[5]}}" + M.XsLager + "{{/if}}" +
        "{{#if this.[6]}}" + M.XsExplorer + "{{/if}}{{#if this.[7]}}" + M.XsGiftCard + "{{/if}}{{#if this.[8]}}" + M.XsGlassware + "{{/if}}" +
        "{{/with}}" +
        "{{#if (eq country \"DE\")}}" + M.EventDe + "{{else if (eq country \"GB\")}}" + M.EventGb +
        "{{else if (eq country \"US\")}}" + M.EventUs + "{{else}}" + M.NoEvent + "{{/if}}" +
        "<hr />\n" +
        "{{#if (eq country \"US\")}}" + M.LegalUs + "{{else if (eq country \"DE\")}}" + M.LegalDe +
        "{{else if (eq country \"FR\")}}" + M.LegalFr + "{{else}}" + M.LegalGeneric + "{{/if}}" +
        M.FooterA + "{{email}}" + M.FooterB + "{{id}}" + M.FooterC;

    private readonly HandlebarsTemplate<object, object> _template;

    public HandlebarsPeer()
    {
        var handlebars = Handlebars.Create(new HandlebarsConfiguration { TextEncoder = new MarkdigLikeEncoder() });
        handlebars.RegisterHelper("eq", static (context, arguments) => Equals(arguments[0], arguments[1]));
        handlebars.RegisterHelper("ne", static (context, arguments) => !Equals(arguments[0], arguments[1]));
        handlebars.RegisterHelper("lt", static (context, arguments) => Convert.ToDecimal(arguments[0], CultureInfo.InvariantCulture) < Convert.ToDecimal(arguments[1], CultureInfo.InvariantCulture));
        handlebars.RegisterHelper("gt", static (context, arguments) => Convert.ToDecimal(arguments[0], CultureInfo.InvariantCulture) > Convert.ToDecimal(arguments[1], CultureInfo.InvariantCulture));
        handlebars.RegisterHelper("gte", static (context, arguments) => Convert.ToDecimal(arguments[0], CultureInfo.InvariantCulture) >= Convert.ToDecimal(arguments[1], CultureInfo.InvariantCulture));
        handlebars.RegisterHelper("and", static (context, arguments) =>
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                if (arguments[i] is not true)
                {
                    return false;
                }
            }

            return true;
        });
        handlebars.RegisterHelper("or", static (context, arguments) =>
        {
            for (var i = 0; i < arguments.Length; i++)
            {
                if (arguments[i] is true)
                {
                    return true;
                }
            }

            return false;
        });
        handlebars.RegisterHelper("firstN", static (context, arguments) =>
        {
            // firstN N flag0 flag1 …: which flags are among the first N that are true.
            var limit = Convert.ToInt32(arguments[0], CultureInfo.InvariantCulture);
            var chosen = new bool[arguments.Length - 1];
            for (var i = 1; i < arguments.Length && limit > 0; i++)
            {
                if (arguments[i] is true)
                {
                    chosen[i - 1] = true;
                    limit--;
                }
            }

            return chosen;
        });
        handlebars.RegisterHelper("format", static (context, arguments) =>
            ((IFormattable)arguments[0]!).ToString((string)arguments[1]!, CultureInfo.GetCultureInfo((string)arguments[2]!)));
        _template = handlebars.Compile(Source);
    }

    public string Render(IReadOnlyDictionary<string, object?> recipient) => _template(recipient);
}
