using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Tests.Properties;

/// <summary>
/// A template never drops a value it reads without a guard: on random shapes of a nested recipient object (members
/// present, missing, null, or of another kind; list items likewise), rendering either writes every value read or
/// rejects the recipient, exactly as a model of the rules says, on both render paths.
/// </summary>
public sealed class MemberPathProperties
{
    private const string Yaml = """
        catalog: t
        messages:
          m:
            body: "{{ customer.name }} / {{ customer.card.level }} / {{ for o in customer.orders }}{{ o.sku }};{{ end }} / {{ customer.nick | default 'none' }}"
        """;

    private static readonly Catalog Compiled = new CatalogLoader(TestCatalogs.Untimed with { UseCompiledPaths = true }).Parse(Yaml);
    private static readonly Catalog General = new CatalogLoader(TestCatalogs.Untimed with { UseCompiledPaths = false }).Parse(Yaml);

    /// <summary>A member's shape: missing, null, or a value of one kind (for list items: an object with or without the member, or text).</summary>
    public enum Shape
    {
        Missing,
        Null,
        Value,
        EmptyObject,
        Text,
        Number,
    }

    [Property(MaxTest = 300)]
    public Property Render_WritesEveryValueReadOrRejects_AsTheModelSays() =>
        Prop.ForAll(
            (from name in Gen.Elements(Shape.Missing, Shape.Null, Shape.Value)
             from card in Gen.Elements(Enum.GetValues<Shape>())
             from orders in Gen.Elements(Enum.GetValues<Shape>())
             from items in Gen.Elements(Shape.Value, Shape.Value, Shape.EmptyObject, Shape.Text).ArrayOf().Where(static a => a.Length < 5)
             select (name, card, orders, items)).ToArbitrary(),
            shapes =>
            {
                var (json, expected) = Model(shapes.name, shapes.card, shapes.orders, shapes.items);
                var compiled = Outcome(Compiled, json);
                var general = Outcome(General, json);
                return (compiled == expected && general == expected)
                    .Label($"{json}\nexpected {expected}\ncompiled {compiled}\ngeneral  {general}");
            });

    /// <summary>The recipient's JSON, and what rendering must come to: the body, or "rejected".</summary>
    private static (string Json, string Expected) Model(Shape name, Shape card, Shape orders, Shape[] items)
    {
        var customer = new List<string>();
        var rejected = false;
        string nameText = string.Empty, levelText = string.Empty;
        var skus = new StringBuilder();

        switch (name)
        {
            case Shape.Missing:
                rejected = true;
                break;
            case Shape.Null:
                customer.Add("\"name\":null");
                break;
            default:
                customer.Add("\"name\":\"Ann\"");
                nameText = "Ann";
                break;
        }

        switch (card)
        {
            case Shape.Value:
                customer.Add("\"card\":{\"level\":\"gold\"}");
                levelText = "gold";
                break;
            case Shape.Missing:
                rejected = true;
                break;
            default:
                // null (reading its member is an error), an object without 'level', text or a number: all rejected.
                customer.Add("\"card\":" + Literal(card));
                rejected = true;
                break;
        }

        switch (orders)
        {
            case Shape.Missing:
                rejected = true;
                break;
            case Shape.Null:
                customer.Add("\"orders\":null");
                break;
            case Shape.Text or Shape.Number or Shape.EmptyObject:
                // Scriban goes through text character by character, none of which has a 'sku'; a number or an object is no list.
                customer.Add("\"orders\":" + Literal(orders));
                rejected = true;
                break;
            default:
                var list = new List<string>();
                for (var i = 0; i < items.Length; i++)
                {
                    list.Add(items[i] == Shape.Value ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{\"sku\":\"s{i}\"}}") : Literal(items[i]));
                    rejected |= items[i] != Shape.Value;
                    skus.Append('s').Append(i).Append(';');
                }

                customer.Add($"\"orders\":[{string.Join(',', list)}]");
                break;
        }

        var json = $"{{\"id\":\"r1\",\"customer\":{{{string.Join(',', customer)}}}}}";
        return (json, rejected ? "rejected" : $"{nameText} / {levelText} / {skus} / none".Trim());
    }

    private static string Literal(Shape shape) => shape switch
    {
        Shape.Null => "null",
        Shape.EmptyObject => "{}",
        Shape.Text => "\"x\"",
        Shape.Number => "5",
        _ => throw new ArgumentOutOfRangeException(nameof(shape)),
    };

    private static string Outcome(Catalog catalog, string json)
    {
        using var document = JsonDocument.Parse(json);
        try
        {
            return catalog.Render(catalog.Decide(Recipient.FromJson(document.RootElement.Clone()), "m"), Channel.Text).Body.Trim();
        }
        catch (RecipientException)
        {
            return "rejected";
        }
    }
}
