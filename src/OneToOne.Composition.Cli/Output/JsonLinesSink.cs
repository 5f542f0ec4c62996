namespace OneToOne.Composition.Cli.Output;

/// <summary>Writes every record's result, body included, as JSON Lines to a writer (standard output).</summary>
/// <param name="output">The writer; not disposed.</param>
internal sealed class JsonLinesSink(TextWriter output) : IRecordSink
{
    private readonly RecordJsonWriter _writer = new(output, includeBody: true);

    /// <inheritdoc />
    public void Write(RecordResult result) => _writer.Write(result);

    /// <inheritdoc />
    public void Dispose() => _writer.Dispose();
}
