namespace OneToOne.Composition.Analysis;

/// <summary>
/// What a condition reads: a recipient field (<c>tier</c>), or a path below one (<c>address.country</c>,
/// <c>address["country"]</c>, <c>customer.card.level</c>), each a variable of the analysis of its own, keyed by the path
/// written with dots. A member's own value counts only while its parent holds an object (<see cref="ObjectValue"/>);
/// otherwise the read goes as Scriban's does (relaxed member access, as the decider runs it): a member of a missing field
/// fails and the recipient is rejected; a member of text, a number or true/false is missing; an index
/// (<c>["country"]</c>) into any of those fails.
/// </summary>
internal sealed class FieldPath
{
    /// <summary>The prefix of the variables standing for experiment arms (<c>experiment.hero</c>); no recipient field is called <c>experiment</c> in a path, so they are never member paths.</summary>
    public const string ExperimentPrefix = "experiment.";

    private FieldPath(string key, FieldPath? parent, bool indexed)
    {
        Key = key;
        Parent = parent;
        Indexed = indexed;
        Depth = parent is null ? 0 : parent.Depth + 1;
    }

    /// <summary>Gets the variable's name: the field's, or the path written with dots (<c>address.country</c>).</summary>
    public string Key { get; }

    /// <summary>Gets the path whose member this is; null for a field.</summary>
    public FieldPath? Parent { get; }

    /// <summary>Gets whether the member is read by an index (<c>address["country"]</c>), which fails on anything but an object.</summary>
    public bool Indexed { get; }

    /// <summary>Gets how many members below its field the path reads.</summary>
    public int Depth { get; }

    /// <summary>Gets what a condition on the path can come to while its value is not known: true or false, and for a member, rejected.</summary>
    public Truth Unknown => Parent is null ? Truth.True | Truth.False : Truth.True | Truth.False | Truth.Rejected;

    /// <summary>A recipient field, or another variable without a parent (an experiment's arm).</summary>
    public static FieldPath Field(string name) => new(name, null, false);

    /// <summary>Whether <paramref name="name"/> can name a member in a path key: Scriban's identifiers (letters, digits, <c>_</c>, not first a digit).</summary>
    public static bool IsMemberName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>The key of the path a variable's key reads a member of, or null for a field, an experiment's arm or an opaque atom.</summary>
    public static string? ParentKey(string key)
    {
        var dot = key.LastIndexOf('.');
        return dot > 0 && key[0] != '\u0001' && !key.StartsWith(ExperimentPrefix, StringComparison.Ordinal) ? key[..dot] : null;
    }

    /// <summary>The path reading member <paramref name="name"/> of this one.</summary>
    public FieldPath Member(string name, bool indexed) => new($"{Key}.{name}", this, indexed);

    /// <summary>
    /// Reads the path as Scriban would under a partial assignment: false when that depends on something unassigned;
    /// otherwise true, with the value (null when missing), or with <paramref name="rejected"/> set when the read fails.
    /// </summary>
    public bool TryRead(Assignment assignment, out object? value, out bool rejected)
    {
        rejected = false;
        value = null;
        if (Parent is null)
        {
            return assignment.TryGetField(Key, out value);
        }

        if (!Parent.TryRead(assignment, out var parent, out rejected) || rejected)
        {
            return rejected; // unknown, or the parent's read fails already
        }

        // A member of nothing fails; of an object, it is the member's own value; of text, a number or true/false, it is
        // missing, while an index into one fails.
        switch (parent)
        {
            case null:
                rejected = true;
                return true;
            case ObjectValue:
                return assignment.TryGetField(Key, out value);
            default:
                rejected = Indexed;
                return true;
        }
    }

    /// <summary>Adds the path's key and its parents' (the search assigns a parent first: its key sorts first).</summary>
    public void CollectVariables(HashSet<string> variables)
    {
        for (var path = this; path is not null; path = path.Parent)
        {
            variables.Add(path.Key);
        }
    }
}
