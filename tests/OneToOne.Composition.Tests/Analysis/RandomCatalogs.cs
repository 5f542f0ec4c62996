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
/// With mixed kinds (a <see cref="FieldKinds"/> to fill), conditions also compare fields across kinds as Scriban allows
/// (<c>flag == 1</c>, <c>c == true</c>, <c>a</c> read bare, <c>c &gt; null</c>, text ordering; and, undecidable, number
/// against text: <c>a == "1"</c>, <c>c &gt; 2</c>, and an ordering against true/false: <c>c &lt; false</c>), and <see cref="MixedGrid"/> gives each field values of the kinds its conditions use.
/// With member reads, conditions read the members of one field <c>o</c> instead (<c>o.a</c> a number, also as
/// <c>o["a"]</c> and <c>recipient.o.a</c>; <c>o.c</c> text; <c>o.f</c> true/false; <c>o.n.a</c> a number one deeper) and
/// <c>o</c> itself (bare, against null), and <see cref="MemberGrid"/> gives <c>o</c> every kind of value.
/// </summary>
internal static class RandomCatalogs
{
    private static readonly object?[] Numbers = [null, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4];
    private static readonly object?[] Strings = [null, "x", "y", "z", "w"];
    private static readonly object?[] Flags = [null, true, false];
    private static readonly object?[] OptOuts = [null, "t0", "t1", "t0;t1"];

    public static string Build(int seed, bool decisioning = false, FieldKinds? kinds = null, bool members = false)
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
            var own = kinds is null ? null : new FieldKinds(kinds);
            yaml.Append(CultureInfo.InvariantCulture, $"  s{i}: '{Condition(random, 2, i, decisioning, own, members)}'\n");
            kinds?.Segments.Add(own!);
        }

        yaml.Append("modules:\n");
        var leaves = random.Next(2, 6);
        for (var i = 0; i < leaves; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  m{i}:\n    content: \"M{i}\"\n    priority: {random.Next(0, 3)}\n");
            if (random.Next(4) > 0)
            {
                yaml.Append(CultureInfo.InvariantCulture, $"    when: '{Condition(random, 2, segmentCount, decisioning, kinds, members)}'\n");
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
                yaml.Append(CultureInfo.InvariantCulture, $"    when: '{Condition(random, 2, segmentCount, decisioning, kinds, members)}'\n");
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
            yaml.Append(CultureInfo.InvariantCulture, $"    suppress: {{ when: '{Condition(random, 1, segmentCount, kinds: kinds, members: members)}' }}\n");
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

    /// <summary>
    /// Every recipient whose fields take, each, null and the values of the kinds its conditions compare it with (a field
    /// with none: text and a number), enough to meet every class of values those conditions tell apart.
    /// </summary>
    public static IEnumerable<Recipient> MixedGrid(FieldKinds kinds)
    {
        IEnumerable<Dictionary<string, object?>> recipients = [new Dictionary<string, object?>()];
        foreach (var field in new[] { "a", "b", "c", "flag" })
        {
            var values = kinds.ValuesOf(field);
            recipients = recipients.SelectMany(r => values.Select(v =>
            {
                var fields = new Dictionary<string, object?>(r);
                Put(fields, field, v);
                return fields;
            }));
        }

        return recipients.Select(static (fields, n) =>
        {
            fields["id"] = $"r{n}";
            return Recipient.FromDictionary(fields);
        });
    }

    /// <summary>
    /// Every recipient whose <c>o</c> is missing, text, false, or an object with each class of values its members' conditions
    /// tell apart (<c>o.n</c> missing, text, or an object): 3 + 12 × 4 × 3 × 8 = 1,155.
    /// </summary>
    public static IEnumerable<Recipient> MemberGrid()
    {
        object?[] nested = [null, "s", .. new object?[] { null, 0, 1, 1.5, 2, 3 }.Select(static a => Members(("a", a)))];
        IEnumerable<object?> values = [null, "s", false];
        values = values.Concat(
            from a in Numbers
            from c in new object?[] { null, "x", "y", "w" }
            from f in Flags
            from n in nested
            select Members(("a", a), ("c", c), ("f", f), ("n", n)));
        return values.Select(static (o, i) =>
        {
            var fields = new Dictionary<string, object?> { ["id"] = $"r{i}" };
            Put(fields, "o", o);
            return Recipient.FromDictionary(fields);
        });
    }

    /// <summary>An object of the members that have a value.</summary>
    private static Dictionary<string, object?> Members(params (string Name, object? Value)[] members)
    {
        var value = new Dictionary<string, object?>();
        foreach (var (name, member) in members)
        {
            Put(value, name, member);
        }

        return value;
    }

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

    private static string Condition(Random random, int depth, int segments, bool decisioning = false, FieldKinds? kinds = null, bool members = false)
    {
        if (depth > 0 && random.Next(3) == 0)
        {
            // 'right' is drawn even for '!', so that catalogs stay as they were; its kinds count only where it is written.
            var rightKinds = kinds is null ? null : new FieldKinds(kinds);
            var left = Condition(random, depth - 1, segments, decisioning, kinds, members);
            var right = Condition(random, depth - 1, segments, decisioning, rightKinds, members);
            var written = random.Next(3) switch
            {
                0 => $"({left}) && ({right})",
                1 => $"({left}) || ({right})",
                _ => $"!({left})",
            };

            if (written[0] != '!')
            {
                kinds?.Merge(rightKinds!);
            }

            return written;
        }

        var k = random.Next(0, 4).ToString(CultureInfo.InvariantCulture);
        if (members)
        {
            return random.Next(15) switch
            {
                0 => $"o.a < {k}",
                1 => $"o.a >= {k}",
                2 => $"o[\"a\"] == {k}",
                3 => $"{k} <= recipient.o.a",
                4 => "o.c == \"x\"",
                5 => "o.c != \"y\"",
                6 => "o.f",
                7 => "o.f == false",
                8 => "o.n.a > 1",
                9 => "o.n.a == 2",
                10 => "o",
                11 => "o == null",
                12 => "o.n == null",
                13 when segments > 0 => $"segment.s{random.Next(segments)}",
                _ => $"o.a != {k}",
            };
        }

        var (condition, field, kind) = random.Next(decisioning ? 14 : kinds is null ? 12 : 26) switch
        {
            12 when decisioning => ("experiment.ab == \"A\"", null, null),
            13 when decisioning => ("experiment.ab != \"B\"", null, null),
            0 => ($"a < {k}", "a", FieldKinds.Number),
            1 => ($"a >= {k}", "a", FieldKinds.Number),
            2 => ($"b == {k}", "b", FieldKinds.Number),
            3 => ($"b > {k}", "b", FieldKinds.Number),
            4 => ($"{k} <= a", "a", FieldKinds.Number),
            5 => ("c == \"x\"", "c", FieldKinds.Text),
            6 => ("c != \"y\"", "c", FieldKinds.Text),
            7 => ("flag", "flag", FieldKinds.Boolean),
            8 => ("flag == false", "flag", FieldKinds.Boolean),
            9 => ("c == null", null, null),
            10 when segments > 0 => SegmentReference(random.Next(segments), kinds),
            12 => ("a == true", "a", FieldKinds.Boolean),
            13 => ("a", "a", FieldKinds.Boolean),
            14 => ("flag == 1", "flag", FieldKinds.Number),
            15 => ("flag < 1", "flag", FieldKinds.Number),
            16 => ("c < \"x\"", "c", FieldKinds.Text),
            17 => ("c >= \"y\"", "c", FieldKinds.Text),
            18 => ("c == true", "c", FieldKinds.Boolean),
            19 => ("c < false", "c", FieldKinds.BooleanOrder),
            20 => ("flag == \"true\"", "flag", FieldKinds.Text),
            21 => ("c > null", null, null),
            22 => ("c", "c", FieldKinds.Boolean),
            23 => ("a == \"1\"", "a", FieldKinds.Text),
            24 => ("c > 2", "c", FieldKinds.Number),
            25 => ("c == false", "c", FieldKinds.Boolean),
            _ => ($"b != {k}", "b", FieldKinds.Number),
        };

        if (field is not null)
        {
            kinds?.Add(field, kind!);
        }

        return condition;
    }

    private static (string Condition, string? Field, string? Kind) SegmentReference(int segment, FieldKinds? kinds)
    {
        kinds?.Use(segment);
        return ($"segment.s{segment}", null, null);
    }
}

/// <summary>
/// The kinds of values (number, text, true/false) the conditions of a random catalog compare each field with, counting
/// a segment's conditions only where a condition reads the segment (the analysis never sees an unread one).
/// </summary>
/// <param name="parent">The catalog's kinds, when these are one segment's own; null for the catalog's.</param>
internal sealed class FieldKinds(FieldKinds? parent = null)
{
    public const string Number = "number";
    public const string Text = "text";
    public const string Boolean = "boolean";
    public const string BooleanOrder = "boolean-order";

    private readonly Dictionary<string, HashSet<string>> _kinds = new(StringComparer.Ordinal);
    private readonly List<FieldKinds> _segments = [];

    /// <summary>Gets each segment's own kinds, by index (kept by the catalog's kinds, shared by its segments').</summary>
    public List<FieldKinds> Segments => parent?.Segments ?? _segments;

    /// <summary>Gets whether some field is compared with both numbers and text, or ordered against true/false (the analysis then cannot decide it).</summary>
    public bool HasUndecidable => _kinds.Values.Any(static k => (k.Contains(Number) && k.Contains(Text)) || k.Contains(BooleanOrder));

    public void Add(string field, string kind)
    {
        if (!_kinds.TryGetValue(field, out var set))
        {
            set = new HashSet<string>(StringComparer.Ordinal);
            _kinds.Add(field, set);
        }

        set.Add(kind);
    }

    /// <summary>Counts segment <paramref name="index"/>'s kinds as read.</summary>
    public void Use(int index) => Merge(Segments[index]);

    /// <summary>Adds the other's kinds to these.</summary>
    public void Merge(FieldKinds other)
    {
        foreach (var (field, kinds) in other._kinds)
        {
            foreach (var kind in kinds)
            {
                Add(field, kind);
            }
        }
    }

    /// <summary>Null and values of each kind the field is compared with, meeting each class the generated constants tell apart.</summary>
    public List<object?> ValuesOf(string field)
    {
        var kinds = _kinds.GetValueOrDefault(field) ?? [];
        var values = new List<object?> { null };
        if (kinds.Count == 0 || kinds.SetEquals([BooleanOrder]))
        {
            values.AddRange(["z", 2]);
        }

        if (kinds.Contains(Number))
        {
            values.AddRange(field switch
            {
                "flag" => [-1, 0, 0.5, 1, 2],
                "c" => [-1, 0, 0.5, 1, 1.5, 2, 3],
                _ => [-1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4],
            });
        }

        if (kinds.Contains(Text))
        {
            values.AddRange(field switch
            {
                "a" => ["1", "10", "x"],
                "flag" => ["", "false", "t", "true", "x"],
                _ => ["", "1", "a", "false", "t", "true", "w", "x", "xa", "y", "z"],
            });
        }

        if (kinds.Contains(Boolean) || kinds.Contains(BooleanOrder))
        {
            values.AddRange([true, false]);
        }

        return values;
    }
}
