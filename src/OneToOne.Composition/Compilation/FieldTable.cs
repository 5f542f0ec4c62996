namespace OneToOne.Composition.Compilation;

/// <summary>The recipient fields conditions read, each with an index into the per-decision value cache.</summary>
internal sealed class FieldTable
{
    private readonly Dictionary<string, int> _indexes = new(StringComparer.Ordinal);
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names => _names;

    public int IndexOf(string name)
    {
        if (!_indexes.TryGetValue(name, out var index))
        {
            index = _names.Count;
            _indexes.Add(name, index);
            _names.Add(name);
        }

        return index;
    }
}
