using System.Text;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Writes every record's result, body included, as one JSON object per line (<c>{"id","status","slots","subject",
/// "body","reason","error","stage"}</c>, null members left out) to a writer such as standard output, or as UTF-8
/// straight to a stream.
/// </summary>
/// <remarks>A writer cannot be cut back, so a resumed run can repeat the lines of records written after the last checkpoint commit; use a <see cref="DirectorySink"/> for exactly-once output.</remarks>
public sealed class JsonLinesSink : IMessageSink, IResultBorrower
{
    /// <summary>How many bytes of lines a stream sink gathers before it writes them.</summary>
    private const int StreamBufferSize = 1 << 16;

    /// <summary>The end of a line, for a line written on its own.</summary>
    private static readonly ReadOnlyMemory<byte> Newline = "\n"u8.ToArray();

    private readonly TextWriter? _output;
    private readonly Stream? _stream;
    private readonly RecordJsonWriter _writer;
    private readonly byte[] _pending = [];
    private int _pendingCount;
    private char[] _chars = [];

    /// <summary>Gets or sets what writes each line's <c>"trace"</c>, the record's decision trace (the tool's <c>render --trace</c>); null for none.</summary>
    internal RecordTrace? Trace
    {
        get => _writer.Trace;
        init => _writer.Trace = value;
    }

    /// <summary>Initializes a sink that writes to a text writer.</summary>
    /// <param name="output">The writer; flushed by <see cref="FlushAsync"/>, never disposed.</param>
    /// <param name="decisionJson">Whether web records take the decision-JSON shape: per slot <c>{"modules":[…],"html":…}</c>, and the HTML as <c>html</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public JsonLinesSink(TextWriter output, bool decisionJson = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _writer = new RecordJsonWriter(decisionJson);
    }

    /// <summary>
    /// Initializes a sink that writes UTF-8 lines straight to a stream (no BOM), gathered into 64 KB writes: the same bytes
    /// as a UTF-8 text writer gets, without decoding and encoding each line again.
    /// </summary>
    /// <param name="output">The stream; written and flushed by <see cref="FlushAsync"/>, <see cref="CompleteAsync"/> and <see cref="DisposeAsync"/>, never disposed.</param>
    /// <param name="decisionJson">Whether web records take the decision-JSON shape: per slot <c>{"modules":[…],"html":…}</c>, and the HTML as <c>html</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public JsonLinesSink(Stream output, bool decisionJson = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _stream = output;
        _pending = new byte[StreamBufferSize];
        _writer = new RecordJsonWriter(decisionJson);
    }

    /// <inheritdoc />
    bool IResultBorrower.KeepsNoResults => true;

    /// <inheritdoc />
    public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
    {
        var line = _writer.Serialize(result, file: null, includeBody: true);
        if (_stream is null)
        {
            // Decoded into a reused buffer rather than a new string: a record's line is written without allocating.
            var needed = Encoding.UTF8.GetMaxCharCount(line.Length) + 1;
            if (_chars.Length < needed)
            {
                _chars = new char[Math.Max(needed, _chars.Length * 2)];
            }

            var count = Encoding.UTF8.GetChars(line.Span, _chars);
            _chars[count] = '\n';

            // Asynchronously: a writer over an ASP.NET Core response refuses a synchronous write once its buffer fills.
            return new ValueTask(_output!.WriteAsync(_chars.AsMemory(0, count + 1), cancellationToken));
        }

        if (_pendingCount + line.Length + 1 > _pending.Length)
        {
            return WriteThroughAsync(line, cancellationToken);
        }

        Gather(line.Span);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken) => FlushOutputAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask CompleteAsync(CancellationToken cancellationToken) => FlushOutputAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Lines gathered for a stream are written, not lost, when the run stops early.
        if (_stream is not null)
        {
            await FlushOutputAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _writer.Dispose();
    }

    /// <summary>
    /// Writes the gathered lines and then <paramref name="line"/>, which does not fit after them. Every write and flush of
    /// the output is asynchronous: an ASP.NET Core response body (Kestrel's <c>AllowSynchronousIO</c> is off) throws
    /// <see cref="InvalidOperationException"/> on a synchronous <c>Write</c> or <c>Flush</c>, and a network stream would
    /// hold a thread of the pool while it waits.
    /// </summary>
    private async ValueTask WriteThroughAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        await WritePendingAsync(cancellationToken).ConfigureAwait(false);
        if (line.Length + 1 > _pending.Length)
        {
            // A line longer than the buffer goes out on its own; the buffer keeps its size.
            await _stream!.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await _stream.WriteAsync(Newline, cancellationToken).ConfigureAwait(false);
            return;
        }

        Gather(line.Span);
    }

    private void Gather(ReadOnlySpan<byte> line)
    {
        line.CopyTo(_pending.AsSpan(_pendingCount));
        _pendingCount += line.Length;
        _pending[_pendingCount++] = (byte)'\n';
    }

    private async ValueTask FlushOutputAsync(CancellationToken cancellationToken)
    {
        if (_stream is null)
        {
            await _output!.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        await WritePendingAsync(cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask WritePendingAsync(CancellationToken cancellationToken)
    {
        if (_pendingCount > 0)
        {
            await _stream!.WriteAsync(_pending.AsMemory(0, _pendingCount), cancellationToken).ConfigureAwait(false);
            _pendingCount = 0;
        }
    }
}
