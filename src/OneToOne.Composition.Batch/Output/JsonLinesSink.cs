namespace OneToOne.Composition.Batch;

/// <summary>
/// Writes every record's result, body included, as one JSON object per line (<c>{"id","status","slots","subject",
/// "body","reason","error","stage"}</c>, null members left out) to a writer such as standard output.
/// </summary>
/// <remarks>A writer cannot be cut back, so a resumed run can repeat the lines of records written after the last checkpoint commit; use a <see cref="DirectorySink"/> for exactly-once output.</remarks>
public sealed class JsonLinesSink : IMessageSink
{
    private readonly TextWriter _output;
    private readonly RecordJsonWriter _writer;

    /// <summary>Initializes a sink.</summary>
    /// <param name="output">The writer; flushed by <see cref="FlushAsync"/>, never disposed.</param>
    /// <param name="decisionJson">Whether web records take the decision-JSON shape: per slot <c>{"modules":[…],"html":…}</c>, and the HTML as <c>html</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
    public JsonLinesSink(TextWriter output, bool decisionJson = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _writer = new RecordJsonWriter(output, includeBody: true, decisionJson);
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
    {
        _writer.Write(result);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _output.Flush();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        _writer.Dispose();
        return ValueTask.CompletedTask;
    }
}
