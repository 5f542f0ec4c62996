namespace OneToOne.Composition.Cli.Output;

/// <summary>Writes every record's result, body included, as JSON Lines to a writer (standard output).</summary>
/// <param name="output">The writer; not disposed.</param>
/// <param name="decisionJson">Whether records take the decision-JSON shape (<c>--format json</c>).</param>
internal sealed class JsonLinesSink(TextWriter output, bool decisionJson) : IRecordSink
{
    private readonly RecordJsonWriter _writer = new(output, includeBody: true, decisionJson);

    /// <inheritdoc />
    public void Write(RecordResult result) => _writer.Write(result);

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
