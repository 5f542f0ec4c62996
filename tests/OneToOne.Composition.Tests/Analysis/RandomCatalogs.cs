using System.Globalization;
using System.Text;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Tests.Analysis;

/// <summary>
/// Small random catalogs over four fields (numbers <c>a</c>, <c>b</c>; string <c>c</c>; boolean <c>flag</c>) with
/// segments, nested slots, every pick mode, counts, fallbacks and a suppress rule; and every recipient of a grid that
/// covers each class of values those conditions can tell apart (constants, values between them, missing).
/// With decisioning, also an experiment with a holdout (read by conditions too), scores, topics with the recipient's
/// opt-outs (field <c>opted_out</c>), a message topic and named suppress rules.
/// </summary>
internal static class RandomCatalogs
{
    private static readonly object?[] Numbers = [null, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4];
    private static readonly object?[] Strings = [null, "x", "y", "z", "w"];
    private static readonly object?[] Flags = [null, true, false];
    private static readonly object?[] OptOuts = [null, "t0", "t1", "t0;t1"];

    public static string Build(int seed, bool decisioning = false)
    {
        var random = new Random(seed);
        var yaml = new StringBuilder("catalog: random\n");
        if (decisioning)
        {
            var coverage = random.Next(2) == 0 ? 100 : 90;
            var gets = random.Next(2) == 0 ? "fallback" : "suppress";
            var slots = random.Next(2) == 0 ? "\n    slots: [t0]" : string.Empty;
            yaml.Append(CultureInfo.InvariantCulture, $"experiments:\n  ab:\n    arms: {{ A: 45, B: 45, control: 10 }}\n    coverage: {coverage}%\n    holdout: control\n    holdout-gets: {gets}{slots}\n");
            yaml.Append("policy:\n  opted-out-topics: opted_out\n");
        }

        yaml.Append("segments:\n");
        var segmentCount = random.Next(0, 3);
        for (var i = 0; i < segmentCount; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  s{i}: '{Condition(random, 2, i, decisioning)}'\n");
        }

        yaml.Append("modules:\n");
        var leaves = random.Next(2, 6);
        for (var i = 0; i < leaves; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  m{i}:\n    content: \"M{i}\"\n    priority: {random.Next(0, 3)}\n");
            if (random.Next(4) > 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    when: '{Condition(random, 2, segmentCount, decisioning)}'\n");
            }

            if (decisioning && random.Next(2) == 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    score: '(a ?? 0) * {random.Next(-2, 3)} + (b ?? 0) * {random.Next(-2, 3)}'\n");
            }

            if (decisioning && random.Next(3) == 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    topics: [t{random.Next(2)}]\n");
            }
        }

        // Nesting modules place slot 'inner', whose candidates are leaves only (so there is no cycle).
        var nesting = random.Next(0, 3);
        for (var i = 0; i < nesting; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  n{i}:\n    content: '{{{{ slot \"inner\" }}}}'\n");
            if (random.Next(3) > 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    when: '{Condition(random, 2, segmentCount, decisioning)}'\n");
            }
        }

        var leafIds = Enumerable.Range(0, leaves).Select(static i => $"m{i}").ToList();
        var allIds = leafIds.Concat(Enumerable.Range(0, nesting).Select(static i => $"n{i}")).ToList();
        yaml.Append("slots:\n");
        var topSlots = random.Next(1, 3);
        for (var i = 0; i < topSlots; i++)
        {
            yaml.Append(Slot(random, $"t{i}", allIds));
        }

        yaml.Append(Slot(random, "inner", leafIds));
        yaml.Append("messages:\n  m:\n    body: |\n");
        for (var i = 0; i < topSlots; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"      {{{{ slot \"t{i}\" }}}}\n\n");
        }

        if (decisioning)
        {
            if (random.Next(2) == 0)
            {
                yaml.Append("    topic: t0\n");
            }

            if (random.Next(2) == 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    suppress:\n      - {{ name: r0, when: '{Condition(random, 1, segmentCount, decisioning)}', reason: no }}\n");
            }
        }
        else if (random.Next(3) == 0)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"    suppress: {{ when: '{Condition(random, 1, segmentCount)}' }}\n");
        }

        return yaml.ToString();
    }

    /// <summary>Every recipient of the grid, each with every topic opt-out: 2,160 × 4 = 8,640.</summary>
    public static IEnumerable<Recipient> DecisioningGrid()
    {
        var n = 0;
        foreach (var grid in GridFields())
        {
            foreach (var optOut in OptOuts)
            {
                var fields = new Dictionary<string, object?>(grid) { ["id"] = $"d{n++}", ["opted_out"] = optOut };
                yield return Recipient.FromDictionary(fields);
            }
        }
    }

    /// <summary>Every recipient of the grid: 12 × 12 × 5 × 3 = 2,160.</summary>
    public static IEnumerable<Recipient> Grid() => GridFields().Select(static f => Recipient.FromDictionary(f));

    private static IEnumerable<Dictionary<string, object?>> GridFields()
    {
        var n = 0;
        foreach (var a in Numbers)
        {
            foreach (var b in Numbers)
            {
                foreach (var c in Strings)
                {
                    foreach (var flag in Flags)
                    {
                        var fields = new Dictionary<string, object?> { ["id"] = $"r{n++}" };
                        Put(fields, "a", a);
                        Put(fields, "b", b);
                        Put(fields, "c", c);
                        Put(fields, "flag", flag);
                        yield return fields;
                    }
                }
            }
        }
    }

    private static void Put(Dictionary<string, object?> fields, string name, object? value)
    {
        if (value is not null)
        {
            fields[name] = value;
        }
    }

    private static string Slot(Random random, string id, List<string> modules)
    {
        var pick = random.Next(3) switch { 0 => "first", 1 => "best", _ => "all" };
        var from = modules.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(4, modules.Count) + 1)).ToList();
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"  {id}:\n    pick: {pick}\n    from: [{string.Join(", ", from)}]\n");
        if (pick != "first" && random.Next(2) == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"    count: {random.Next(1, 3)}\n");
        }

        if (random.Next(3) == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"    fallback: {modules[random.Next(modules.Count)]}\n");
        }

        return text.ToString();
    }

    private static string Condition(Random random, int depth, int segments, bool decisioning = false)
    {
        if (depth > 0 && random.Next(3) == 0)
        {
            var left = Condition(random, depth - 1, segments, decisioning);
            var right = Condition(random, depth - 1, segments, decisioning);
            return random.Next(3) switch
            {
                0 => $"({left}) && ({right})",
                1 => $"({left}) || ({right})",
                _ => $"!({left})",
            };
        }

        var k = random.Next(0, 4).ToString(CultureInfo.InvariantCulture);
        return random.Next(decisioning ? 14 : 12) switch
        {
            12 => "experiment.ab == \"A\"",
            13 => "experiment.ab != \"B\"",
            0 => $"a < {k}",
            1 => $"a >= {k}",
            2 => $"b == {k}",
            3 => $"b > {k}",
            4 => $"{k} <= a",
            5 => "c == \"x\"",
            6 => "c != \"y\"",
            7 => "flag",
            8 => "flag == false",
            9 => "c == null",
            10 when segments > 0 => $"segment.s{random.Next(segments)}",
            _ => $"b != {k}",
        };
    }
}
