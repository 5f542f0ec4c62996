using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OneToOne.Composition.Batch;

/// <summary>
/// One of <see cref="Count"/> shards of an input (<c>--shard K/N</c>, K from 1 to N): the records whose recipient id
/// hashes to it. N machines given shards 1/N … N/N of the same input together produce exactly the single-machine
/// output, each record on exactly one of them. The default value (<c>0/0</c>) is no sharding: it contains every record,
/// as <c>1/1</c> does.
/// </summary>
/// <remarks>
/// <para>The hash is stable and easy to reproduce in any tool: take the SHA-256 of the recipient id's UTF-8 bytes, read
/// its first 8 bytes as a big-endian unsigned 64-bit integer h; the record belongs to shard <c>(h mod N) + 1</c>.
/// In Python: <c>int(hashlib.sha256(id.encode()).hexdigest()[:16], 16) % n + 1</c>.</para>
/// <para>It depends on the id only, never on the line number, so the shard of a recipient does not change when the
/// file is re-sorted or appended to, and records with the same id go to the same shard. A record without an id
/// (one that could not be read, or has no id field) belongs to shard 1.</para>
/// <para>The id's code points are hashed as they are, not normalised: 'José' written composed (U+00E9) and decomposed
/// ('e' + U+0301), which one run takes for one recipient (a duplicate), may go to different shards. Normalising would move
/// every id not already composed to another shard, so a sharded run resumed across the change could skip or repeat those
/// records, and the recipe above would no longer reproduce the split; an export that mixes the forms should write its ids
/// in NFC instead.</para>
/// </remarks>
public readonly record struct Shard
{
    private Shard(int index, int count)
    {
        Index = index;
        Count = count;
    }

    /// <summary>Gets the shard's number, from 1 to <see cref="Count"/>.</summary>
    public int Index { get; }

    /// <summary>Gets the number of shards.</summary>
    public int Count { get; }

    /// <summary>Creates shard <paramref name="index"/> of <paramref name="count"/>.</summary>
    /// <param name="index">The shard, from 1 to <paramref name="count"/>.</param>
    /// <param name="count">The number of shards, at least 1.</param>
    /// <returns>The shard.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The numbers are out of range.</exception>
    public static Shard Of(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, count);
        return new Shard(index, count);
    }

    /// <summary>Parses <c>K/N</c>, such as <c>3/8</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="shard">The shard.</param>
    /// <param name="error">Why the text is not a shard, or null.</param>
    /// <returns>Whether the text is a shard.</returns>
    public static bool TryParse(string? text, out Shard shard, [NotNullWhen(false)] out string? error)
    {
        shard = default;
        var parts = text?.Split('/') ?? [];
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            error = $"'{text}' is not a shard. Write K/N, such as 1/4 for the first of four shards (K from 1 to N).";
            return false;
        }

        if (count < 1 || index < 1 || index > count)
        {
            error = $"'{text}' is not a shard: K must be from 1 to N and N at least 1, such as 1/4 … 4/4.";
            return false;
        }

        shard = new Shard(index, count);
        error = null;
        return true;
    }

    /// <summary>Gets the shard, from 1 to <paramref name="count"/>, that a recipient id belongs to (see the remarks).</summary>
    /// <param name="id">The recipient id, or null for a record without one (shard 1).</param>
    /// <param name="count">The number of shards.</param>
    /// <returns>The shard number.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static int IndexOf(string? id, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (id is null || count == 1)
        {
            return 1;
        }

        var length = Encoding.UTF8.GetMaxByteCount(id.Length);
        var rented = length <= 512 ? null : new byte[length];
        Span<byte> bytes = rented ?? stackalloc byte[512];
        var written = Encoding.UTF8.GetBytes(id, bytes);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes[..written], hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % (ulong)count) + 1;
    }

    /// <summary>Gets whether a recipient id belongs to this shard.</summary>
    /// <param name="id">The recipient id, or null.</param>
    /// <returns>Whether the record is this shard's.</returns>
    public bool Contains(string? id) => Count <= 1 || IndexOf(id, Count) == Index;

    /// <summary>Formats the shard as <c>K/N</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");
}
