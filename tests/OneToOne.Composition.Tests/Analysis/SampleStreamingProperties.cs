using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Analysis;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Tests.Analysis;

/// <summary>
/// Personas from a sample are chosen reading it once, a recipient at a time, keeping the first recipient of each distinct
/// module list: the same choice as over the whole sample held in memory, ties going to the recipient that comes first.
/// </summary>
public sealed class SampleStreamingProperties
{
    private const string Catalog = """
        catalog: ties
        experiments:
          hero: { salt: spring, arms: { A: 45, B: 45, C: 10 } }
        modules:
          bold: { when: 'experiment.hero == "B"', content: 'Bold hero' }
          classic: 'Classic hero'
          gold: { when: 'tier == "gold"', content: 'Gold' }
          silver: { when: 'tier == "silver"', content: 'Silver' }
          std: 'Standard'
          extra: { when: 'points > 1500', content: 'Extra' }
          news: { when: 'news == true', content: 'News' }
          de: { when: 'address.country == "DE"', content: 'Hallo' }
        slots:
          h: { from: [bold, classic] }
          s: { from: [gold, silver, std] }
          n: { pick: all, from: [extra, news, de] }
        messages:
          m:
            suppress: { when: 'opt_out == true', reason: opted out }
            body: '{{ slot "h" }} {{ slot "s" }} {{ slot "n" }}'
        """;

    private static readonly Catalog Ties = new CatalogLoader().Parse(Catalog);

    private static readonly string[] Arms = ["A", "B", "C"];

    /// <summary>
    /// The cover over the distinct sets (in the order they first occur) and the list's count is the cover over the whole
    /// list, each chosen set its first occurrence, and proven minimal alike: lists of up to 40 sets drawn from a few, so
    /// with many copies, on both sides of the exact search's 16.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property SetCover_OverTheDistinctSets_ChoosesWhatTheWholeListChooses(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        string[] items = ["a", "b", "c", "d", "e", "f"];
        var pool = Enumerable.Range(0, random.Next(1, 9))
            .Select(_ => (IReadOnlySet<string>)items.Where(_ => random.Next(3) == 0).ToHashSet(StringComparer.Ordinal)).Where(static s => s.Count > 0).ToList();
        var list = pool.Count == 0 ? [] : Enumerable.Range(0, random.Next(0, 41)).Select(_ => pool[random.Next(pool.Count)]).ToList();
        var universe = items.ToHashSet(StringComparer.Ordinal);
        var firsts = list.Select((s, i) => (Set: s, Index: i)).Where((e, i) => list.FindIndex(s => s.SetEquals(e.Set)) == i).ToList();

        var (whole, wholeMinimal) = SetCover.Cover(list, universe);
        var (distinct, distinctMinimal) = SetCover.Cover([.. firsts.Select(static f => f.Set)], universe, list.Count);

        var mapped = distinct.Select(i => firsts[i].Index).ToList();
        return (mapped.SequenceEqual(whole) && wholeMinimal == distinctMinimal)
            .Label($"whole [{string.Join(",", whole)}] {wholeMinimal}, distinct [{string.Join(",", mapped)}] {distinctMinimal}; list {string.Join(" ", list.Select(static s => "{" + string.Join(",", s.Order(StringComparer.Ordinal)) + "}"))}");
    }

    /// <summary>
    /// The personas chosen from a sample enumerated once (it throws if enumerated again) are those the choice over the whole
    /// sample makes: the set cover of every recipient who gets modules, then in each arm no persona is in the first sample
    /// recipient in it who gets modules, else the first in it, else a made-up persona. Samples of up to 50 recipients of
    /// a few kinds (many alike), some opted out, some rejected (no address), some without an id or sharing one.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property FindPersonas_FromASampleReadOnce_ChoosesWhatTheWholeSampleChooses(PositiveInt seed)
    {
        var random = new Random(seed.Get);
        var sample = Enumerable.Range(0, random.Next(0, 51)).Select(_ => RandomRecipient(random)).ToList();

        var set = Ties.FindPersonas("m", new Once(sample));

        var expected = Expected(sample);
        var actual = set.Personas.Select(static p => p.IsSynthetic ? $"made up: {p.Description[..p.Description.IndexOf(';', StringComparison.Ordinal)]}" : $"{p.Description} [{string.Join(",", p.Modules)}]").ToList();
        var same = actual.SequenceEqual(expected)
            && set.Personas.Where(static p => !p.IsSynthetic).All(p => sample.Exists(r => ReferenceEquals(r, p.Recipient)))
            && set.Personas.Where(static p => !p.IsSynthetic).Select(static p => p.Recipient).SequenceEqual(ExpectedRecipients(sample), ReferenceEqualityComparer.Instance);
        return same.Label($"expected:\n{string.Join('\n', expected)}\nactual:\n{string.Join('\n', actual)}");
    }

    [Fact]
    public void FindPersonas_FromASample_KeepsTheFirstRecipientOfEachModuleList_NotTheSample()
    {
        // The sample was read whole into a list before the choice: every recipient of a customer file stayed alive until
        // the personas were chosen (some 2 KB each, gigabytes for millions). 2,000 recipients of 6 module lists (3 tiers, 2 arms' hero modules): the choice keeps 6, and one per arm.
        var alive = new List<WeakReference>();
        var aliveAtTheEnd = -1;

        IEnumerable<Recipient> Sample()
        {
            for (var i = 0; i < 2000; i++)
            {
                var recipient = Recipient.FromDictionary(new Dictionary<string, object?>
                {
                    ["id"] = string.Create(CultureInfo.InvariantCulture, $"r{i}"),
                    ["tier"] = (i % 3) switch { 0 => "gold", 1 => "silver", _ => "bronze" },
                    ["points"] = 0,
                    ["news"] = false,
                    ["opt_out"] = false,
                    ["address"] = new Dictionary<string, object?> { ["country"] = "FR" },
                });
                alive.Add(new WeakReference(recipient));
                yield return recipient;
            }

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            aliveAtTheEnd = alive.Count(static w => w.IsAlive);
        }

        var set = Ties.FindPersonas("m", Sample());

        Assert.Equal(["bold", "classic", "gold", "silver", "std"], set.Personas.SelectMany(static p => p.Modules).Distinct().Order(StringComparer.Ordinal));
        Assert.All(set.Personas, static p => Assert.False(p.IsSynthetic));
        Assert.InRange(aliveAtTheEnd, 0, 100);
    }

    private static Recipient RandomRecipient(Random random)
    {
        var fields = new Dictionary<string, object?>
        {
            ["tier"] = new[] { "gold", "silver", "bronze" }[random.Next(3)],
            ["points"] = random.Next(2) == 0 ? 100 : 1600,
            ["news"] = random.Next(2) == 0,
            ["opt_out"] = random.Next(8) == 0,
        };
        if (random.Next(10) > 0)
        {
            fields["id"] = string.Create(CultureInfo.InvariantCulture, $"r{random.Next(30)}");
        }

        if (random.Next(8) > 0)
        {
            fields["address"] = new Dictionary<string, object?> { ["country"] = random.Next(2) == 0 ? "DE" : "FR" };
        }

        return Recipient.FromDictionary(fields);
    }

    /// <summary>The modules a recipient gets, in catalog order (none when suppressed or rejected), as the choice takes them.</summary>
    private static List<string> ModulesOf(Recipient recipient)
    {
        try
        {
            var decision = Ties.Decide(recipient, "m");
            var ids = decision.IsSuppressed ? [] : decision.Slots.SelectMany(static s => s.ModuleIds).ToHashSet(StringComparer.Ordinal);
            return [.. new[] { "bold", "classic", "gold", "silver", "std", "extra", "news", "de" }.Where(ids.Contains)];
        }
        catch (RecipientException)
        {
            return [];
        }
    }

    /// <summary>The arm of 'hero' an id hashes into, as deciding a recipient with it that gets a decision shows.</summary>
    private static string? ArmOf(string id) =>
        Ties.Decide(Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = id, ["tier"] = "bronze", ["points"] = 0, ["news"] = false, ["opt_out"] = false, ["address"] = new Dictionary<string, object?> { ["country"] = "FR" } }), "m")
            .Experiments.Single(static a => a.ExperimentId == "hero").Arm;

    /// <summary>The choice over the whole sample in memory, as it was made before the sample was read a recipient at a time.</summary>
    private static List<string> Expected(List<Recipient> sample) =>
        [.. Choose(sample).Select(static c => c.Recipient is null ? $"made up: made up: no sample recipient is in arm '{c.Arm}' of experiment 'hero' (pass recipients in it to show a real one)"
            : c.Arm is null ? $"sample recipient {c.Recipient.Id ?? "(no id)"} [{string.Join(",", c.Modules)}]"
            : $"sample recipient {c.Recipient.Id}, in arm '{c.Arm}' of experiment 'hero' [{string.Join(",", c.Modules)}]")];

    private static IEnumerable<Recipient> ExpectedRecipients(List<Recipient> sample) => Choose(sample).Where(static c => c.Recipient is not null).Select(static c => c.Recipient!);

    private static List<(Recipient? Recipient, List<string> Modules, string? Arm)> Choose(List<Recipient> sample)
    {
        var all = sample.ConvertAll(static r => (Recipient: r, Modules: ModulesOf(r)));
        var candidates = all.FindAll(static c => c.Modules.Count > 0);
        var universe = candidates.SelectMany(static c => c.Modules).ToHashSet(StringComparer.Ordinal);
        var (chosen, _) = SetCover.Cover([.. candidates.Select(static c => (IReadOnlySet<string>)c.Modules.ToHashSet(StringComparer.Ordinal))], universe);
        var personas = chosen.Select(i => ((Recipient?)candidates[i].Recipient, candidates[i].Modules, (string?)null)).ToList();
        bool InArm(Recipient? r, string arm) => r?.Id is { } id && ArmOf(id) == arm;
        var madeUpArms = new List<string>();
        foreach (var arm in Arms)
        {
            if (personas.Exists(p => InArm(p.Item1, arm)) || madeUpArms.Contains(arm))
            {
                continue;
            }

            var inArm = all.FindAll(c => InArm(c.Recipient, arm));
            if (inArm.Count > 0)
            {
                var (recipient, modules) = inArm[Math.Max(0, inArm.FindIndex(static c => c.Modules.Count > 0))];
                personas.Add((recipient, modules, arm));
            }
            else
            {
                // A made-up persona in the arm (its id hashes into it).
                personas.Add((null, [], arm));
                madeUpArms.Add(arm);
            }
        }

        return personas;
    }

    /// <summary>A sample that can be enumerated once, as a file read a record at a time.</summary>
    private sealed class Once(List<Recipient> recipients) : IEnumerable<Recipient>
    {
        private bool _enumerated;

        public IEnumerator<Recipient> GetEnumerator()
        {
            Assert.False(_enumerated, "the sample was enumerated twice");
            _enumerated = true;
            return recipients.GetEnumerator();
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
