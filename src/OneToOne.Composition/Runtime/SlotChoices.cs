using OneToOne.Composition.Compilation;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// The modules chosen per slot in one decision: a message places a handful of slots, so the ids are kept in order and
/// searched (ordinal), which costs less to build per recipient than a hash table and as little to read.
/// </summary>
internal sealed class SlotChoices
{
    private string[] _slotIds = new string[8];
    private CompiledModule[][] _modules = new CompiledModule[8][];
    private int _count;

    /// <summary>Gets or sets the modules chosen for a slot; reading a slot not decided throws.</summary>
    public CompiledModule[] this[string slotId]
    {
        get => IndexOf(slotId) is var index and >= 0 ? _modules[index] : throw new KeyNotFoundException($"The slot '{slotId}' was not decided.");
        set
        {
            var index = IndexOf(slotId);
            if (index < 0)
            {
                if (_count == _slotIds.Length)
                {
                    Array.Resize(ref _slotIds, _count * 2);
                    Array.Resize(ref _modules, _count * 2);
                }

                index = _count++;
                _slotIds[index] = slotId;
            }

            _modules[index] = value;
        }
    }

    /// <summary>Gets whether the slot was decided.</summary>
    public bool Contains(string slotId) => IndexOf(slotId) >= 0;

    private int IndexOf(string slotId)
    {
        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_slotIds[i], slotId, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
