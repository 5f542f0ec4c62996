using OneToOne.Composition.Compilation;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Analysis;

/// <summary>
/// What choosing personas from a sample keeps of it, read a recipient at a time (a customer file has millions): the
/// first recipient of each distinct list of modules the recipients get and how many get any (the set cover chooses from
/// these the recipients it would choose from all of them, see <see cref="SetCover.Cover(IReadOnlyList{IReadOnlySet{string}}, IReadOnlySet{string}, long)"/>),
/// and for each arm of the message's experiments the first recipient in it and the first in it who gets modules. Memory
/// then grows with the distinct module lists, not with the recipients.
/// </summary>
internal sealed class SampleDigest
{
    private readonly List<CompiledExperiment> _experiments;
    private readonly Dictionary<IReadOnlyList<string>, int> _seen = new(ModuleListComparer.Instance);
    private readonly Dictionary<(int Experiment, string Arm), ArmPick> _arms = [];

    /// <summary>How many arms still have no recipient who gets modules; at 0 ids need not be hashed any more.</summary>
    private int _armsOpen;

    /// <summary>Initializes an empty digest.</summary>
    /// <param name="experiments">The experiments whose arms need a persona.</param>
    public SampleDigest(List<CompiledExperiment> experiments)
    {
        _experiments = experiments;
        _armsOpen = experiments.Sum(static e => PersonaFinder.ArmsOf(e).Count);
    }

    /// <summary>Gets the first recipient of each distinct module list, in the order they were read, with its list as a set.</summary>
    public List<(Recipient Recipient, IReadOnlyList<string> Modules, IReadOnlySet<string> Set)> Distinct { get; } = [];

    /// <summary>Gets how many recipients read get modules (the candidates of the set cover).</summary>
    public long Candidates { get; private set; }

    /// <summary>Takes in the next recipient of the sample.</summary>
    /// <param name="recipient">The recipient.</param>
    /// <param name="modules">The modules it gets, in catalog order (none when suppressed or rejected).</param>
    public void Add(Recipient recipient, IReadOnlyList<string> modules)
    {
        if (modules.Count > 0)
        {
            Candidates++;
            if (_seen.TryAdd(modules, Distinct.Count))
            {
                Distinct.Add((recipient, modules, modules.ToHashSet(StringComparer.Ordinal)));
            }
        }

        if (_armsOpen == 0 || recipient.Id is not { } id)
        {
            return;
        }

        for (var e = 0; e < _experiments.Count; e++)
        {
            if (PersonaFinder.ArmOf(_experiments[e], id) is not { } arm)
            {
                continue;
            }

            var key = (e, arm);
            _arms.TryGetValue(key, out var pick);
            if (modules.Count > 0 && pick.WithModules is null)
            {
                _arms[key] = new ArmPick(pick.First ?? (recipient, modules), (recipient, modules));
                _armsOpen--;
            }
            else if (pick.First is null)
            {
                _arms[key] = new ArmPick((recipient, modules), null);
            }
        }
    }

    /// <summary>The recipient a persona for the arm is taken from: the first in it who gets modules, else the first in it, else none.</summary>
    /// <param name="experiment">One of the experiments the digest was made with.</param>
    /// <param name="arm">One of its arms.</param>
    /// <returns>The recipient and its modules, or null when no recipient read is in the arm.</returns>
    public (Recipient Recipient, IReadOnlyList<string> Modules)? InArm(CompiledExperiment experiment, string arm)
    {
        var pick = _arms.GetValueOrDefault((_experiments.IndexOf(experiment), arm));
        return pick.WithModules ?? pick.First;
    }

    private readonly record struct ArmPick((Recipient Recipient, IReadOnlyList<string> Modules)? First, (Recipient Recipient, IReadOnlyList<string> Modules)? WithModules);

    /// <summary>Module lists compared item by item (they are in catalog order, so equal lists are equal sets).</summary>
    private sealed class ModuleListComparer : IEqualityComparer<IReadOnlyList<string>>
    {
        public static readonly ModuleListComparer Instance = new();

        public bool Equals(IReadOnlyList<string>? x, IReadOnlyList<string>? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            if (x is null || y is null || x.Count != y.Count)
            {
                return false;
            }

            for (var i = 0; i < x.Count; i++)
            {
                if (!string.Equals(x[i], y[i], StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(IReadOnlyList<string> obj)
        {
            var hash = default(HashCode);
            for (var i = 0; i < obj.Count; i++)
            {
                hash.Add(obj[i], StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
