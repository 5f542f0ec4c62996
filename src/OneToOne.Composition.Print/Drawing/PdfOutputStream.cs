using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;
using SkiaSharp;

namespace OneToOne.Composition.Print.Drawing;

/// <summary>
/// The stream SkiaSharp writes a PDF into: its bytes go on to a .NET stream, and an exception that stream throws (a full
/// disk, a closed pipe) is kept instead of thrown. Skia calls the stream from native code, through which a managed
/// exception cannot pass: the runtime ends the process ("Unhandled exception", SIGABRT), so a merged print run on a full
/// disk aborted, leaving its temporary file and lock behind. Skia is told the write failed and writes nothing more;
/// <see cref="ThrowIfFailed"/> throws the kept exception, with its stack trace, once Skia has returned.
/// </summary>
internal sealed class PdfOutputStream : SKAbstractManagedWStream
{
    private const int ChunkSize = 1 << 16;

    private readonly Stream _output;
    private byte[]? _chunk;
    private long _written;
    private ExceptionDispatchInfo? _failure;
    private MemoryStream? _capture;
    private long _captureStart;

    /// <summary>Initializes a stream that writes to <paramref name="output"/> (which it never disposes).</summary>
    /// <param name="output">The stream the PDF's bytes go to.</param>
    public PdfOutputStream(Stream output) => _output = output;

    /// <summary>Gets whether writing to the output failed; nothing is written after a failure.</summary>
    public bool Failed => _failure is not null;

    /// <summary>Throws the exception the output threw, if it did.</summary>
    public void ThrowIfFailed() => _failure?.Throw();

    /// <summary>Gets how many bytes went to the output.</summary>
    public long Written => _written;

    /// <summary>
    /// Keeps a copy of every byte written from now on (<see cref="Captured"/>): a merged PDF is read back only from where
    /// SkiaSharp closes it (its page tree, catalog, fonts and cross-reference section), never its pages.
    /// </summary>
    public void StartCapture()
    {
        _capture = new MemoryStream();
        _captureStart = _written;
    }

    /// <summary>Gets the bytes kept since <see cref="StartCapture"/> and the offset in the output of the first of them.</summary>
    public (ReadOnlyMemory<byte> Bytes, long Offset) Captured =>
        _capture is null ? (ReadOnlyMemory<byte>.Empty, _written) : (_capture.GetBuffer().AsMemory(0, (int)_capture.Length), _captureStart);

    /// <summary>Writes bytes of our own after SkiaSharp's (an incremental update); a failure is kept, as for SkiaSharp's.</summary>
    /// <param name="bytes">The bytes.</param>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_failure is not null)
        {
            return;
        }

        try
        {
            _output.Write(bytes);
            _written += bytes.Length;
        }
#pragma warning disable CA1031 // Kept and thrown by ThrowIfFailed, as SkiaSharp's writes are.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
        }
    }

    /// <inheritdoc />
    protected override bool OnWrite(IntPtr buffer, IntPtr size)
    {
        if (_failure is not null)
        {
            return false;
        }

        try
        {
            var remaining = (long)size;
            // Rented: a buffer of its own for each PDF was 64 KB of every letter's allocations.
            _chunk ??= ArrayPool<byte>.Shared.Rent(ChunkSize);
            for (var offset = 0L; remaining > 0;)
            {
                var count = (int)Math.Min(remaining, _chunk.Length);
                Marshal.Copy(buffer + (nint)offset, _chunk, 0, count);
                _output.Write(_chunk, 0, count);
                _capture?.Write(_chunk, 0, count);
                offset += count;
                remaining -= count;
            }

            _written += (long)size;
            return true;
        }
#pragma warning disable CA1031 // Kept and thrown by ThrowIfFailed: none may pass back into native code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
            return false;
        }
    }

    /// <inheritdoc />
    protected override void OnFlush()
    {
        if (_failure is not null)
        {
            return;
        }

        try
        {
            _output.Flush();
        }
#pragma warning disable CA1031 // Kept and thrown by ThrowIfFailed: none may pass back into native code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
        }
    }

    /// <inheritdoc />
    protected override IntPtr OnBytesWritten() => checked((IntPtr)_written);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _capture?.Dispose();
            _capture = null;
        }

        if (disposing && _chunk is { } chunk)
        {
            _chunk = null;
            ArrayPool<byte>.Shared.Return(chunk);
        }

        base.Dispose(disposing);
    }
}
