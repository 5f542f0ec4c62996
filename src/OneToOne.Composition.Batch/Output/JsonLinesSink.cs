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

    private readonly TextWriter? _output;
    private readonly Stream? _stream;
    private readonly RecordJsonWriter _writer;
    private readonly byte[] _pending = [];
    private int _pendingCount;
    private char[] _chars = [];

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
        var line = _writer.Serialize(result, file: null, includeBody: true).Span;
        if (_stream is null)
        {
            // Decoded into a reused buffer rather than a new string: a record's line is written without allocating.
            var needed = Encoding.UTF8.GetMaxCharCount(line.Length) + 1;
            if (_chars.Length < needed)
            {
                _chars = new char[Math.Max(needed, _chars.Length * 2)];
            }

            var count = Encoding.UTF8.GetChars(line, _chars);
            _chars[count] = '\n';
            _output!.Write(_chars, 0, count + 1);
            return ValueTask.CompletedTask;
        }

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
