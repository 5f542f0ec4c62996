namespace OneToOne.Composition.Batch;

/// <summary>
/// Writes every record's result, body included, as one JSON object per line (<c>{"id","status","slots","subject",
/// "body","reason","error","stage"}</c>, null members left out) to a writer such as standard output, or as UTF-8
/// straight to a stream.
/// </summary>
/// <remarks>A writer cannot be cut back, so a resumed run can repeat the lines of records written after the last checkpoint commit; use a <see cref="DirectorySink"/> for exactly-once output.</remarks>
public sealed class JsonLinesSink : IMessageSink
{
    /// <summary>How many bytes of lines a stream sink gathers before it writes them.</summary>
    private const int StreamBufferSize = 1 << 16;

    private readonly TextWriter? _output;
    private readonly Stream? _stream;
    private readonly RecordJsonWriter _writer;
    private readonly byte[] _pending = [];
    private int _pendingCount;

    /// <summary>Initializes a sink that writes to a text writer.</summary>
    /// <param name="output">The writer; flushed by <see cref="FlushAsync"/>, never disposed.</param>
    /// <param name="decisionJson">Whether web records take the decision-JSON shape: per slot <c>{"modules":[…],"html":…}</c>, and the HTML as <c>html</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public JsonLinesSink(TextWriter output, bool decisionJson = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _writer = new RecordJsonWriter(output, includeBody: true, decisionJson);
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
        _writer = new RecordJsonWriter(TextWriter.Null, includeBody: true, decisionJson);
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
    {
        if (_stream is null)
        {
            _writer.Write(result);
            return ValueTask.CompletedTask;
        }

        var line = _writer.Serialize(result, file: null, includeBody: true).Span;
        if (_pendingCount + line.Length + 1 > _pending.Length)
        {
            WritePending();
            if (line.Length + 1 > _pending.Length)
            {
                // A line longer than the buffer goes out on its own; the buffer keeps its size.
                _stream.Write(line);
                _stream.WriteByte((byte)'\n');
                return ValueTask.CompletedTask;
            }
        }

        line.CopyTo(_pending.AsSpan(_pendingCount));
        _pendingCount += line.Length;
        _pending[_pendingCount++] = (byte)'\n';
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        Flush();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        Flush();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        // Lines gathered for a stream are written, not lost, when the run stops early.
        if (_stream is not null)
        {
            Flush();
        }

        _writer.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Flush()
    {
        if (_stream is null)
        {
            _output!.Flush();
            return;
        }

        WritePending();
        _stream.Flush();
    }

    private void WritePending()
    {
        _stream!.Write(_pending, 0, _pendingCount);
        _pendingCount = 0;
    }
}
