using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace OneToOne.Composition.Batch;

/// <summary>
/// The ids a run has read, to tell a later record with the same id. Each id is kept as its 64-bit XXH3 hash (two of a
/// million distinct ids share one with a chance of about 3 in 100 million) in one open-addressing table (linear probing,
/// at most half full): an id costs 16 bytes or less, and a lookup reads one place in memory, where a
/// <see cref="HashSet{T}"/> reads two and rebuilds more often. It runs on the sequential read path of every record.
/// </summary>
internal sealed class SeenIds
{
    private ulong[] _slots = new ulong[1024];
    private int _count;

    /// <summary>Adds an id; returns false when it was there already.</summary>
    /// <param name="id">The id.</param>
    /// <returns>Whether the id is new.</returns>
    public bool Add(string id)
    {
        // 0 marks an empty slot, so the one id hashing to 0 is kept as 1 (as if it had collided).
        var hash = Math.Max(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan())), 1UL);
        if (!Insert(_slots, hash))
        {
            return false;
        }

        if (++_count > _slots.Length / 2)
        {
            var larger = new ulong[_slots.Length * 2];
            foreach (var kept in _slots)
            {
                if (kept != 0)
                {
                    Insert(larger, kept);
                }
            }

            _slots = larger;
        }

        return true;
    }

    /// <summary>Puts a hash in the first free slot from its own on; false when it is there already.</summary>
    private static bool Insert(ulong[] slots, ulong hash)
    {
        var mask = slots.Length - 1;
        for (var i = (int)(hash >> 32) & mask; ; i = (i + 1) & mask)
        {
            if (slots[i] == hash)
            {
                return false;
            }

            if (slots[i] == 0)
            {
                slots[i] = hash;
                return true;
            }
        }
    }
}
