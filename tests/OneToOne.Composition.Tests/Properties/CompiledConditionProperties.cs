using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Properties;

/// <summary>Compiled conditions must decide exactly as Scriban's interpreter does, errors included.</summary>
public sealed class CompiledConditionProperties
{
    private static readonly string[] Operators = ["==", "!=", "<", "<=", ">", ">="];

    private static readonly object?[] Values = [0, 1, 93, -5, 2.5, 94.0, 3000000000L, "female", "male", "", "93", true, false, null, new List<object?> { 1, "x" }, new object[] { 2 }, Array.Empty<object>()];

    private static Gen<string> Operand() =>
        Gen.OneOf(
            Gen.Elements("a", "b", "c", "missing", "(a | array.size)", "(missing | array.size)"),
            Gen.Elements("0", "93", "2.5", "\"female\"", "\"\"", "true", "false", "null", "1", "2"));

    private static Gen<string> Expression(int size) => size <= 0
        ? Gen.OneOf(
            from left in Operand()
            from op in Gen.Elements(Operators)
            from right in Operand()
            select $"{left} {op} {right}",
            Gen.Elements("a", "segment.s", "!b", "true"))
        : Gen.OneOf(
            Expression(0),
            from left in Expression(size / 2)
            from op in Gen.Elements("&&", "||")
            from right in Expression(size / 2)
            select $"{left} {op} {right}",
            Expression(size - 1).Select(static e => $"!({e})"),
            Expression(size - 1).Select(static e => $"({e})"));

    [Property(MaxTest = 500)]
    public Property CompiledConditions_DecideLikeTheInterpreter() =>
        Prop.ForAll(
            Gen.Sized(static s => Expression(Math.Min(s, 6))).ToArbitrary(),
            Gen.Elements(Values).ArrayOf(3).ToArbitrary(),
            static (condition, values) =>
            {
                var yaml = $"catalog: p\nsegments:\n  s: c == \"male\" || a > 10\nmodules:\n  m:\n    when: {System.Text.Json.JsonSerializer.Serialize(condition)}\n    content: hit\n  other: miss\nslots:\n  x: {{ from: [m, other] }}\nmessages:\n  msg:\n    body: \"{{{{ slot 'x' }}}}\"\n";
                var compiled = new CatalogLoader(TestCatalogs.Untimed).Parse(yaml);
                var interpreted = new CatalogLoader(TestCatalogs.Untimed with { UseCompiledPaths = false }).Parse(yaml);
                var recipient = Person(("a", values[0]), ("b", values[1]), ("c", values[2]));

                var expected = Outcome(interpreted, recipient);
                var actual = Outcome(compiled, recipient);
                return (expected == actual).Label($"{condition} with a={Show(values[0])} b={Show(values[1])} c={Show(values[2])}: interpreter {expected}, compiled {actual}");
            });

    private static string Outcome(Catalog catalog, OneToOne.Composition.Recipients.Recipient recipient)
    {
        try
        {
            var decision = catalog.Decide(recipient, "msg");
            return string.Join(",", decision.GetSlot("x")!.ModuleIds) + "|" + string.Join(",", decision.Segments.Select(static s => s.Value));
        }
        catch (RecipientException ex)
        {
            return "error: " + ex.Problem;
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture) + $" ({value.GetType().Name})",
        _ => value.ToString()!,
    };
}
