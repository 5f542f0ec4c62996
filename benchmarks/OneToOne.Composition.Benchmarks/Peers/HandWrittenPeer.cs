using System.Globalization;
using System.Text;
using OneToOne.Composition.Benchmarks.Scenario;

namespace OneToOne.Composition.Benchmarks.Peers;

/// <summary>
/// The practical limit: the scenario's rules written as C# <c>if</c>/<c>else</c> chains that append pre-rendered HTML
/// and escaped recipient values to a reused <see cref="StringBuilder"/>. Reads the same dictionaries the library reads.
/// </summary>
internal static class HandWrittenPeer
{
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Render(IReadOnlyDictionary<string, object?> r)
    {
        var sb = t_builder ??= new StringBuilder(8192);
        sb.Clear();
        Write(sb, r);
        var result = sb.ToString();
        if (sb.Capacity > 64 * 1024)
        {
            t_builder = null;
        }

        return result;
    }

    private static void Write(StringBuilder sb, IReadOnlyDictionary<string, object?> r)
    {
        var firstName = (string)r["first_name"]!;
        var gender = (string)r["gender"]!;
        var tier = (string)r["tier"]!;
        var locale = (string)r["locale"]!;
        var country = (string)r["country"]!;
        var category = (string)r["last_category"]!;
        var age = (int)r["age"]!;
        var iq = (int)r["iq"]!;
        var points = (int)r["points"]!;
        var culture = CultureInfo.GetCultureInfo(locale);

        // greeting: pick first
        if (tier == "gold" && locale == "de-DE")
        {
            sb.Append(ModuleHtml.GreetingGoldDeA).AppendEscaped(firstName).Append(ModuleHtml.GreetingGoldDeB);
        }
        else if (locale == "de-DE")
        {
            sb.Append(ModuleHtml.GreetingDeA).AppendEscaped(firstName).Append(ModuleHtml.GreetingDeB);
        }
        else if (locale == "fr-FR")
        {
            sb.Append(ModuleHtml.GreetingFrA).AppendEscaped(firstName).Append(ModuleHtml.GreetingFrB);
        }
        else if (tier == "gold")
        {
            sb.Append(ModuleHtml.GreetingGoldA).AppendEscaped(firstName).Append(ModuleHtml.GreetingGoldB);
        }
        else
        {
            sb.Append(ModuleHtml.GreetingStandardA).AppendEscaped(firstName).Append(ModuleHtml.GreetingStandardB);
        }

        // hero: pick first
        if (gender == "female" && age < 30)
        {
            sb.Append(ModuleHtml.HeroYoungWomenA).AppendEscaped(firstName).Append(ModuleHtml.HeroYoungWomenB);
        }
        else if (gender == "female")
        {
            sb.Append(ModuleHtml.HeroWomen);
        }
        else if (gender == "male" && iq > 93 && tier != "standard")
        {
            sb.Append(ModuleHtml.HeroConnoisseur);
        }
        else if (age >= 60)
        {
            sb.Append(ModuleHtml.HeroSenior);
        }
        else
        {
            sb.Append(ModuleHtml.HeroDefault);
        }

        // loyalty: pick best (conditions tried in priority order)
        if (tier == "gold" && points >= 5000)
        {
            sb.Append(ModuleHtml.LoyaltyGoldMilestoneA).AppendEscaped(points.ToString("N0", culture)).Append(ModuleHtml.LoyaltyGoldMilestoneB);
        }
        else if (tier == "gold")
        {
            sb.Append(ModuleHtml.LoyaltyGoldA).AppendEscaped(points.ToString("N0", culture)).Append(ModuleHtml.LoyaltyGoldB);
        }
        else if (tier == "silver")
        {
            sb.Append(ModuleHtml.LoyaltySilverA).AppendEscaped(points.ToString("N0", culture)).Append(ModuleHtml.LoyaltySilverB);
        }
        else if (points < 100)
        {
            sb.Append(ModuleHtml.LoyaltyWelcome);
        }
        else
        {
            sb.Append(ModuleHtml.LoyaltyBalanceA).AppendEscaped(points.ToString("N0", culture)).Append(ModuleHtml.LoyaltyBalanceB);
        }

        // orders: a list, or the fallback
        var purchases = (IReadOnlyList<Dictionary<string, object?>>)r["purchases"]!;
        if (purchases.Count > 0)
        {
            sb.Append("<h3>Your recent orders</h3>\n<ul>\n");
            for (var i = 0; i < purchases.Count; i++)
            {
                var p = purchases[i];
                sb.Append("<li>").AppendEscaped((string)p["name"]!).Append(": ")
                  .AppendEscaped(((decimal)p["price"]!).ToString("C", culture)).Append("</li>\n");
            }

            sb.Append("</ul>\n");
        }
        else
        {
            sb.Append(ModuleHtml.OrdersNone);
        }

        sb.Append("<h3>You might also like</h3>\n");

        // cross-sell: every eligible one in catalog order, at most three
        var taken = 0;
        CrossSell(sb, ref taken, category == "stout", ModuleHtml.XsStout);
        CrossSell(sb, ref taken, category == "ipa" && tier == "gold", ModuleHtml.XsIpaPremium);
        CrossSell(sb, ref taken, category == "ipa", ModuleHtml.XsIpa);
        CrossSell(sb, ref taken, category == "cider" || gender == "female", ModuleHtml.XsCider);
        CrossSell(sb, ref taken, category == "snacks" || category == "stout", ModuleHtml.XsSnacks);
        CrossSell(sb, ref taken, category == "lager", ModuleHtml.XsLager);
        CrossSell(sb, ref taken, true, ModuleHtml.XsExplorer);
        CrossSell(sb, ref taken, true, ModuleHtml.XsGiftCard);
        CrossSell(sb, ref taken, true, ModuleHtml.XsGlassware);

        sb.Append(country switch
        {
            "DE" => ModuleHtml.EventDe,
            "GB" => ModuleHtml.EventGb,
            "US" => ModuleHtml.EventUs,
            _ => ModuleHtml.NoEvent,
        });
        sb.Append("<hr />\n");
        sb.Append(country switch
        {
            "US" => ModuleHtml.LegalUs,
            "DE" => ModuleHtml.LegalDe,
            "FR" => ModuleHtml.LegalFr,
            _ => ModuleHtml.LegalGeneric,
        });

        sb.Append(ModuleHtml.FooterA).AppendEscaped((string)r["email"]!)
          .Append(ModuleHtml.FooterB).AppendEscaped((string)r["id"]!).Append(ModuleHtml.FooterC);
    }

    private static void CrossSell(StringBuilder sb, ref int taken, bool eligible, string html)
    {
        if (eligible && taken < 3)
        {
            sb.Append(html);
            taken++;
        }
    }
}
