using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Analysis;

/// <summary>A recipient chosen or made up so that a proof shows certain modules.</summary>
public sealed class Persona
{
    internal Persona(Recipient recipient, IReadOnlyList<string> modules, string description, bool isSynthetic)
    {
        Recipient = recipient;
        Modules = modules;
        Description = description;
        IsSynthetic = isSynthetic;
    }

    /// <summary>Gets the recipient.</summary>
    public Recipient Recipient { get; }

    /// <summary>Gets the modules this persona gets (checked by deciding it), in catalog order.</summary>
    public IReadOnlyList<string> Modules { get; }

    /// <summary>Gets what makes the persona: the field values its decisions depend on (<c>country = "DE", tier missing</c>), or its id for a sample recipient.</summary>
    public string Description { get; }

    /// <summary>Gets whether the persona was made up from the conditions (true) or taken from a sample (false).</summary>
    public bool IsSynthetic { get; }
}

/// <summary>
/// A small set of personas that together get every reachable module of a message at least once and show every arm of
/// the experiments the message carries (from a sample, with a made-up persona for an arm no sample recipient is in), made by
/// <see cref="Catalog.FindPersonas(string)"/> or chosen from a sample by <see cref="Catalog.FindPersonas(string, IEnumerable{Recipient})"/>.
/// </summary>
public sealed class PersonaSet
{
    internal PersonaSet(string messageId, IReadOnlyList<Persona> personas, IReadOnlyList<string> reachable, IReadOnlyList<string> uncovered, bool isMinimal)
    {
        MessageId = messageId;
        Personas = personas;
        ReachableModules = reachable;
        UncoveredModules = uncovered;
        IsMinimal = isMinimal;
    }

    /// <summary>Gets the message id.</summary>
    public string MessageId { get; }

    /// <summary>Gets the personas.</summary>
    public IReadOnlyList<Persona> Personas { get; }

    /// <summary>Gets the modules the analysis finds reachable (the ones to cover), in catalog order.</summary>
    public IReadOnlyList<string> ReachableModules { get; }

    /// <summary>
    /// Gets reachable modules no persona gets: for synthetic personas, modules behind conditions the analysis cannot
    /// decide (use a sample), or, rarely, modules of a group of slots too large to explore that its work limit left out;
    /// for a sample, modules no sample recipient gets.
    /// </summary>
    public IReadOnlyList<string> UncoveredModules { get; }

    /// <summary>
    /// Gets whether no smaller set covers as much: set cover is solved exactly when there are at most 16 candidate outcomes
    /// (or sample recipients) per group of slots, and greedily otherwise; a greedy cover is still proven minimal when it
    /// meets the lower bound (a slot whose outcomes hold at most k of its n reachable modules needs ⌈n / k⌉ personas).
    /// The personas also show every arm of the message's experiments; when that takes more personas than the modules
    /// do, the set is minimal only when it has no more personas than the experiment with the most arms has arms, or than
    /// the modules' lower bound.
    /// </summary>
    public bool IsMinimal { get; }
}
