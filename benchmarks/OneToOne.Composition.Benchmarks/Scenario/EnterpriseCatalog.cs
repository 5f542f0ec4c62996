using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Benchmarks.Scenario;

/// <summary>
/// An enterprise team's catalog, generated in code and deterministic: by default 3,000 modules in 300 slots of ten,
/// 40 messages of about a dozen slots each (their own, plus a header, a legal block and a footer shared by all),
/// 40 segments, 20 experiments, six locale variants per module and per message, long <c>when:</c> conditions
/// (segments, ranges, lists of countries, experiment arms) and templates of about 1.5 KB with loops, conditions and
/// formatting. Written as a folder: <c>catalog.yaml</c> (segments, experiments, slots, messages) and one
/// <c>modules-NN.yaml</c> per 30 slots, as a team that splits its catalog by owner would.
/// </summary>
public static class EnterpriseCatalog
{
    /// <summary>The locales every module and message translates into (besides the catalog's en-US).</summary>
    public static readonly string[] Locales = ["de", "fr", "es", "it", "nl", "ja"];

    private static readonly string[] Countries = ["US", "DE", "FR", "ES", "IT", "NL", "JP", "GB", "CH", "AT", "BE", "SE"];
    private static readonly string[] Tiers = ["standard", "silver", "gold", "platinum"];

    /// <summary>The number of slots the message with the given index places of its own (besides the shared ones).</summary>
    private const int SharedSlots = 3;

    /// <summary>The files of a catalog of the given size, by file name.</summary>
    /// <param name="slots">Slots (each of ten modules): 300 makes 3,000 modules.</param>
    /// <param name="messages">Messages; the slots other than the shared three are dealt out among them.</param>
    /// <param name="experiments">Experiments, each over two messages and one of their slots.</param>
    /// <param name="locales">Locale variants per module and message (up to six).</param>
    /// <param name="renamedSlots">
    /// Slots (the first ones) whose <c>from</c> still names its modules by an older id, <c>s012-m3-v2</c> for <c>s012-m3</c>,
    /// as after a rename half done: ten errors each, each with a "did you mean" over every module id.
    /// </param>
    /// <returns>The YAML of each file.</returns>
    public static IReadOnlyDictionary<string, string> Files(int slots = 300, int messages = 40, int experiments = 20, int locales = 6, int renamedSlots = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, SharedSlots + 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(messages, 1);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var own = slots - SharedSlots;
        var main = new StringBuilder();
        main.Append("catalog: enterprise-").Append(slots * 10).Append('\n').Append("locale: en-US\n\nsegments:\n");
        for (var i = 0; i < 40; i++)
        {
            main.Append(CultureInfo.InvariantCulture, $"  seg{i}: (age >= {18 + i} && country == \"{Countries[i % Countries.Length]}\") || (tier == \"{Tiers[i % 4]}\" && points > {i * 250})\n");
        }

        main.Append("\nexperiments:\n");
        for (var e = 0; e < experiments; e++)
        {
            var message = e * 2 % messages;
            main.Append(CultureInfo.InvariantCulture, $"  exp{e}:\n    salt: spring-{e}\n    arms: {{ control: 10, a: 45, b: 45 }}\n    holdout: control\n    slots: [{SlotId(SlotOf(message, 0, own, messages))}]\n    messages: [msg{message}, msg{(message + 1) % messages}]\n");
        }

        main.Append("\nslots:\n");
        for (var s = 0; s < slots; s++)
        {
            var id = SlotId(s);
            var pick = (s % 10) switch
            {
                7 => "best",
                9 => "all\n    count: 2",
                _ => "first",
            };
            main.Append(CultureInfo.InvariantCulture, $"  {id}:\n    pick: {pick}\n    from: [");
            for (var m = 0; m < 10; m++)
            {
                main.Append(m == 0 ? string.Empty : ", ").Append(ModuleId(s, m)).Append(s < renamedSlots ? "-v2" : string.Empty);
            }

            main.Append("]\n");
        }

        main.Append("\nmessages:\n");
        for (var j = 0; j < messages; j++)
        {
            main.Append(CultureInfo.InvariantCulture, $"  msg{j}:\n    subject: \"{{{{ first_name }}}}, news {j} for you\"\n");
            main.Append("    locales:\n");
            for (var l = 0; l < locales; l++)
            {
                main.Append(CultureInfo.InvariantCulture, $"      {Locales[l]}: {{ subject: \"{{{{ first_name }}}}, {Locales[l]} news {j}\" }}\n");
            }

            main.Append("    body: |\n      {{ slot \"").Append(SlotId(own)).Append("\" }}\n\n");
            var count = OwnSlotCount(j, own, messages);
            for (var k = 0; k < count; k++)
            {
                main.Append("      {{ slot \"").Append(SlotId(SlotOf(j, k, own, messages))).Append("\" }}\n\n");
            }

            main.Append("      {{ slot \"").Append(SlotId(own + 1)).Append("\" }}\n\n      {{ slot \"").Append(SlotId(own + 2)).Append("\" }}\n");
        }

        files["catalog.yaml"] = main.ToString();
        for (var first = 0; first < slots; first += 30)
        {
            var sb = new StringBuilder("modules:\n");
            for (var s = first; s < Math.Min(slots, first + 30); s++)
            {
                for (var m = 0; m < 10; m++)
                {
                    AppendModule(sb, s, m, experiments, messages, own, locales);
                }
            }

            files[string.Create(CultureInfo.InvariantCulture, $"modules-{first / 30:D2}.yaml")] = sb.ToString();
        }

        return files;
    }

    /// <summary>Writes the catalog's files into a folder (created when missing).</summary>
    /// <param name="folder">The folder.</param>
    /// <param name="slots">Slots (each of ten modules).</param>
    /// <param name="renamedSlots">Slots whose <c>from</c> names older ids (see <see cref="Files"/>).</param>
    public static void Write(string folder, int slots = 300, int renamedSlots = 0)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, yaml) in Files(slots, renamedSlots: renamedSlots))
        {
            File.WriteAllText(Path.Combine(folder, name), yaml);
        }
    }

    /// <summary>Recipients for the catalog, from a seeded random source.</summary>
    /// <param name="count">How many.</param>
    /// <returns>The recipients' fields.</returns>
    public static IReadOnlyList<Dictionary<string, object?>> Recipients(int count)
    {
        var random = new Random(20261207);
        var list = new List<Dictionary<string, object?>>(count);
        string[] locales = ["en-US", "de-DE", "fr-FR", "es-ES", "it-IT", "nl-NL", "ja-JP", "de-CH"];
        for (var i = 0; i < count; i++)
        {
            var purchases = new List<object?>();
            for (var p = random.Next(0, 4); p > 0; p--)
            {
                purchases.Add(new Dictionary<string, object?> { ["name"] = "Item & <" + p + ">", ["price"] = random.Next(100, 10000) / 100m });
            }

            list.Add(new Dictionary<string, object?>
            {
                ["id"] = string.Create(CultureInfo.InvariantCulture, $"r{i:D6}"),
                ["first_name"] = i % 3 == 0 ? "Zoë" : "Ann & Bob",
                ["email"] = string.Create(CultureInfo.InvariantCulture, $"r{i}@example.com"),
                ["locale"] = locales[random.Next(locales.Length)],
                ["country"] = Countries[random.Next(Countries.Length)],
                ["tier"] = Tiers[random.Next(Tiers.Length)],
                ["age"] = random.Next(18, 90),
                ["points"] = random.Next(0, 12000),
                ["spend"] = random.Next(0, 5000),
                ["visits"] = random.Next(0, 60),
                ["purchases"] = purchases,
            });
        }

        return list;
    }

    /// <summary>The message ids, msg0 … msgN-1.</summary>
    /// <param name="messages">How many messages.</param>
    /// <returns>The ids.</returns>
    public static IEnumerable<string> MessageIds(int messages = 40) => Enumerable.Range(0, messages).Select(static j => string.Create(CultureInfo.InvariantCulture, $"msg{j}"));

    private static string SlotId(int s) => string.Create(CultureInfo.InvariantCulture, $"slot{s:D3}");

    private static string ModuleId(int s, int m) => string.Create(CultureInfo.InvariantCulture, $"s{s:D3}-m{m}");

    private static int OwnSlotCount(int message, int own, int messages) => (own / messages) + (message < own % messages ? 1 : 0);

    // The k-th own slot of a message: the own slots dealt out in order.
    private static int SlotOf(int message, int k, int own, int messages)
    {
        var start = 0;
        for (var j = 0; j < message; j++)
        {
            start += OwnSlotCount(j, own, messages);
        }

        return start + k;
    }

    private static int MessageOf(int slot, int own, int messages)
    {
        for (var j = 0; j < messages; j++)
        {
            if (slot < SlotOf(j, 0, own, messages) + OwnSlotCount(j, own, messages))
            {
                return j;
            }
        }

        return -1;
    }

    private static void AppendModule(StringBuilder sb, int s, int m, int experiments, int messages, int own, int locales)
    {
        sb.Append("  ").Append(ModuleId(s, m)).Append(":\n");
        if (m < 9)
        {
            var country1 = Countries[(s + m) % Countries.Length];
            var country2 = Countries[(s + (m * 3) + 1) % Countries.Length];
            var when = string.Create(CultureInfo.InvariantCulture,
                $"segment.seg{(s + m) % 40} && points > {(s * 37 + m * 113) % 10000} && (country == \"{country1}\" || country == \"{country2}\") && spend >= {(s * 13 + m * 7) % 4000} && visits < {10 + (m * 5)} && tier != \"{Tiers[(s + m) % 4]}\" && age <= {30 + ((s + m) % 60)}");
            var message = s < own ? MessageOf(s, own, messages) : -1;
            var experiment = message < 0 ? -1 : Enumerable.Range(0, experiments).FirstOrDefault(e => e * 2 % messages == message || ((e * 2 % messages) + 1) % messages == message, -1);
            if (experiment >= 0 && m % 3 == 1)
            {
                when += string.Create(CultureInfo.InvariantCulture, $" && experiment.exp{experiment} == \"{(m % 2 == 0 ? "a" : "b")}\"");
            }

            sb.Append("    when: '").Append(when).Append("'\n");
        }

        if (s % 10 == 7)
        {
            sb.Append(CultureInfo.InvariantCulture, $"    priority: {m}\n");
        }

        sb.Append(CultureInfo.InvariantCulture, $"    tags: [t{s % 25}, family-{m}]\n");
        sb.Append("    content: |\n");
        AppendTemplate(sb, s, m, "en", "      ");
        if (locales > 0)
        {
            sb.Append("    locales:\n");
            for (var l = 0; l < locales; l++)
            {
                sb.Append("      ").Append(Locales[l]).Append(": |\n");
                AppendTemplate(sb, s, m, Locales[l], "        ");
            }
        }
    }

    private static void AppendTemplate(StringBuilder sb, int s, int m, string language, string indent)
    {
        sb.Append(indent).Append(CultureInfo.InvariantCulture, $"## [{language}] Offer {s}.{m} for {{{{ first_name }}}}\n");
        sb.Append(indent).Append(CultureInfo.InvariantCulture,
            $"As a **{{{{ tier }}}}** member with {{{{ points | number }}}} points you qualify for offer {s}-{m}. Our team put this together for customers in {{{{ country }}}}, and it is valid until the end of the month.\n");
        sb.Append(indent).Append('\n');
        sb.Append(indent).Append("{{ if purchases.size > 0 }}\n");
        sb.Append(indent).Append("Your recent orders:\n");
        sb.Append(indent).Append('\n');
        sb.Append(indent).Append("{{ for p in purchases }}\n");
        sb.Append(indent).Append("- {{ p.name }}: {{ p.price | number 2 }}\n");
        sb.Append(indent).Append("{{ end }}\n");
        sb.Append(indent).Append("{{ else }}\n");
        sb.Append(indent).Append("You have not ordered yet: here is *10% off* your first order.\n");
        sb.Append(indent).Append("{{ end }}\n");
        sb.Append(indent).Append('\n');
        for (var p = 0; p < 4; p++)
        {
            sb.Append(indent).Append(CultureInfo.InvariantCulture,
                $"Paragraph {p} of offer {s}-{m} ({language}): the terms of this offer are set out in full in your account, {{{{ first_name }}}}; they include a spend of at least {{{{ spend | number }}}} and {{{{ visits }}}} visits, and we will never share your data.\n");
            sb.Append(indent).Append('\n');
        }
    }
}
