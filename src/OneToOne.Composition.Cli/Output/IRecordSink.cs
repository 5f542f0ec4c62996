namespace OneToOne.Composition.Cli.Output;

/// <summary>Where <c>render</c> puts each record's result.</summary>
internal interface IRecordSink : IDisposable
{
    /// <summary>Writes one record's result.</summary>
    /// <param name="result">The result.</param>
    void Write(RecordResult result);
}
