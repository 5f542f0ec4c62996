using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OneToOne.Composition.Decisions;

/// <summary>
/// The published, deterministic assignment of recipients to experiment buckets, so that any other
/// implementation can check itself against ours (test vectors: <c>docs/experiment-test-vectors.json</c>).
/// </summary>
/// <remarks>
/// <para>bucket = (first 8 bytes of SHA-256(UTF-8(salt) ‖ 0x00 ‖ UTF-8(experiment) ‖ 0x00 ‖ UTF-8(recipient id)), read
/// as a big-endian unsigned 64-bit integer) mod 10,000.</para>
/// <para>Arms own bucket ranges: with weights w₁…wₙ (W = Σw) in declaration order, arm i's home range is
/// [⌊10000·Σ_{j&lt;i}wⱼ/W⌋, ⌊10000·Σ_{j≤i}wⱼ/W⌋); with coverage c (basis points) it uses the first
/// ⌊width·c/10000⌋ buckets of that range. Raising coverage only extends each range, so nobody already in is
/// reassigned; changing one arm's weight moves only recipients whose bucket lies in a range that changed.</para>
/// </remarks>
public static class ExperimentBuckets
{
    /// <summary>The number of buckets.</summary>
    public const int Count = 10_000;

    /// <summary>Computes a recipient's bucket for an experiment.</summary>
    /// <param name="salt">The experiment's salt (empty when it has none).</param>
    /// <param name="experimentId">The experiment's id.</param>
    /// <param name="recipientId">The recipient's id.</param>
    /// <returns>The bucket, 0 to 9,999.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static int Bucket(string salt, string experimentId, string recipientId)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(experimentId);
        ArgumentNullException.ThrowIfNull(recipientId);
        var length = Encoding.UTF8.GetByteCount(salt) + Encoding.UTF8.GetByteCount(experimentId) + Encoding.UTF8.GetByteCount(recipientId) + 2;
        var buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        var n = Encoding.UTF8.GetBytes(salt, buffer);
        buffer[n++] = 0;
        n += Encoding.UTF8.GetBytes(experimentId, buffer[n..]);
        buffer[n++] = 0;
        Encoding.UTF8.GetBytes(recipientId, buffer[n..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer, hash);
        return (int)(BinaryPrimitives.ReadUInt64BigEndian(hash) % Count);
    }

    /// <summary>Computes each arm's bucket range [start, end) from relative weights and a coverage.</summary>
    /// <param name="weights">The arms' relative weights in declaration order; none negative, at least one positive.</param>
    /// <param name="coverageBasisPoints">The share of recipients in the experiment, 0 to 10,000 basis points.</param>
    /// <returns>Each arm's range; an arm with an empty range (start == end) gets nobody.</returns>
    /// <exception cref="ArgumentException">A weight is negative, or all are 0, or the coverage is out of range.</exception>
    public static IReadOnlyList<(int Start, int End)> Ranges(IReadOnlyList<decimal> weights, int coverageBasisPoints = Count)
    {
        ArgumentNullException.ThrowIfNull(weights);
        decimal total = 0;
        foreach (var weight in weights)
        {
            if (weight < 0)
            {
                throw new ArgumentException("A weight must not be negative.", nameof(weights));
            }

            total += weight;
        }

        if (total <= 0)
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(coverageBasisPoints);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(coverageBasisPoints, Count);
        var ranges = new (int, int)[weights.Count];
        decimal cumulative = 0;
        for (var i = 0; i < weights.Count; i++)
        {
            var start = (int)decimal.Floor(Count * cumulative / total);
            cumulative += weights[i];
            var end = (int)decimal.Floor(Count * cumulative / total);
            ranges[i] = (start, start + (int)((long)(end - start) * coverageBasisPoints / Count));
        }

        return ranges;
    }

    /// <summary>Finds the arm whose range holds a bucket.</summary>
    /// <param name="ranges">The ranges from <see cref="Ranges"/>.</param>
    /// <param name="bucket">The bucket.</param>
    /// <returns>The arm's index, or -1 when the bucket lies outside the coverage.</returns>
    public static int ArmIndex(IReadOnlyList<(int Start, int End)> ranges, int bucket)
    {
        ArgumentNullException.ThrowIfNull(ranges);
        for (var i = 0; i < ranges.Count; i++)
        {
            if (bucket >= ranges[i].Start && bucket < ranges[i].End)
            {
                return i;
            }
        }

        return -1;
    }
}
