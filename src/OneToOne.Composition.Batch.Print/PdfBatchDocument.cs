namespace OneToOne.Composition.Batch;

/// <summary>A record of a print batch laid out as its own PDF (<see cref="PdfBatchRenderer"/>).</summary>
public sealed class PdfBatchDocument : BatchDocument
{
    private readonly byte[] _pdf;

    /// <summary>Initializes the document.</summary>
    /// <param name="subject">The print piece's subject.</param>
    /// <param name="pdf">The PDF's bytes; the document keeps them (copy them first if you change them later).</param>
    /// <exception cref="ArgumentNullException"><paramref name="pdf"/> is null.</exception>
    public PdfBatchDocument(string? subject, byte[] pdf)
        : base(subject)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        _pdf = pdf;
    }

    /// <summary>Gets the PDF's bytes.</summary>
    public ReadOnlyMemory<byte> Pdf => _pdf;

    /// <summary>Writes the PDF.</summary>
    /// <param name="stream">Where to write.</param>
    public override void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(_pdf);
    }
}
