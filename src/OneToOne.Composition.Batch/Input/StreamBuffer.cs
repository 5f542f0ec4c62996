using System.Buffers;

namespace OneToOne.Composition.Batch;

/// <summary>A pooled byte buffer read from a stream a block at a time, with the bytes not yet used kept between reads.</summary>
internal static class StreamBuffer
{
    /// <summary>
    /// Reads more of <paramref name="stream"/> after the bytes not yet used (from <paramref name="start"/> to
    /// <paramref name="end"/>): first moves them to the buffer's front or, when they fill it, moves them into a pooled
    /// buffer twice as large (returning the old one to the pool).
    /// </summary>
    /// <param name="stream">The stream.</param>
    /// <param name="buffer">The pooled buffer; replaced when it grows.</param>
    /// <param name="start">Where the bytes not yet used start.</param>
    /// <param name="end">Where they end.</param>
    /// <returns>Whether the stream has ended: nothing more was read.</returns>
    public static bool ReadMore(Stream stream, ref byte[] buffer, ref int start, ref int end)
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }
        else if (end == buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        var read = stream.Read(buffer, end, buffer.Length - end);
        end += read;
        return read == 0;
    }
}
