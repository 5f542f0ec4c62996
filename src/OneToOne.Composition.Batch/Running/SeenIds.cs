using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;

namespace OneToOne.Composition.Batch;

/// <summary>
/// The ids a run has read, to tell a later record with the same id. Each id is kept as its 64-bit XXH3 hash (two of a
/// million distinct ids share one with a chance of about 3 in 100 million) in one open-addressing table (linear probing,
/// at most half full): an id costs 16 bytes or less, and a lookup reads one place in memory, where a
/// <see cref="HashSet{T}"/> reads two and rebuilds more often. It runs on the sequential read path of every record.
/// </summary>
/// <remarks>
/// Ids are compared as Unicode text, not as code units: 'José' written with 'é' (U+00E9) and with 'e' + U+0301, as exports
/// made on macOS write it, are one recipient (canonically equal: the same in Unicode's composed form, NFC), so the second
/// is a duplicate written another way. Ids already composed (every ASCII id among them) are hashed as they are; an id that
/// is not is also kept, by the hash of its composed form, in a second table, which stays as small as such ids are rare.
/// </remarks>
internal sealed class SeenIds
{
    private HashTable _written = new();
    private HashTable _decomposed = new();

    /// <summary>Adds an id; returns false when it, or an id canonically equal to it, was there already.</summary>
    /// <param name="id">The id.</param>
    /// <param name="writtenOtherWay">
    /// Whether the id is canonically equal to one seen before but written with other code points (composed and decomposed),
    /// so it is a duplicate a reader of the two records would not see; false when it is new or was seen written the same way.
    /// </param>
    /// <returns>Whether the id is new.</returns>
    public bool Add(string id, out bool writtenOtherWay)
    {
        writtenOtherWay = false;
        var hash = Hash(id);

        // ASCII (nearly every id) is composed: told without asking Unicode, in one probe while no decomposed id was seen.
        if (Ascii.IsValid(id) || IdForms.Composed(id) is not { } composed)
        {
            // Composed already (or not normalisable, a lone surrogate in it): only the same code units, or a decomposed
            // form of it seen before ('K' + U+212A, the Kelvin sign, for 'K'), are the same id.
            if (_decomposed.Count > 0 && !_written.Contains(hash) && _decomposed.Contains(hash))
            {
                writtenOtherWay = true;
                return false;
            }

            return _written.TryAdd(hash);
        }

        if (_written.Contains(hash))
        {
            return false;
        }

        var composedHash = Hash(composed);
        if (_written.Contains(composedHash) || _decomposed.Contains(composedHash))
        {
            writtenOtherWay = true;
            return false;
        }

        _written.TryAdd(hash);
        _decomposed.TryAdd(composedHash);
        return true;
    }


    /// <summary>The id's 64-bit hash, never 0 (0 marks an empty slot, so the one id hashing to 0 is kept as 1, as if it had collided).</summary>
    private static ulong Hash(string id) => Math.Max(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan())), 1UL);

    /// <summary>A set of hashes: one open-addressing table, linear probing, at most half full.</summary>
    private struct HashTable()
    {
        private ulong[] _slots = new ulong[1024];
        private int _count;

        /// <summary>Tells whether the table holds a hash.</summary>
        public readonly bool Contains(ulong hash)
        {
            var mask = _slots.Length - 1;
            for (var i = (int)(hash >> 32) & mask; ; i = (i + 1) & mask)
            {
                if (_slots[i] == hash)
                {
                    return true;
                }

                if (_slots[i] == 0)
                {
                    return false;
                }
            }
        }

        /// <summary>Gets how many hashes the table holds.</summary>
        public readonly int Count => _count;

        /// <summary>Adds a hash, growing the table when it would be more than half full; false when it was there already.</summary>
        public bool TryAdd(ulong hash)
        {
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
}
