using System.Globalization;
using System.Text;
using OneToOne.Composition.Cli.Processing;
using OneToOne.Composition.Print;

namespace OneToOne.Composition.Cli.Output;

/// <summary>
/// The merged PDF of a print run (<c>--merge FILE.pdf</c>): every rendered record's pages in input order, through
/// <see cref="PdfBatchWriter"/>, and <c>FILE.manifest.json</c> with each recipient's page range. The PDF is written to a
/// temporary file next to FILE and moved into place by <see cref="Complete"/>, so FILE is whole or untouched; a run
/// that fails before then leaves no trace.
/// </summary>
internal sealed class MergedPdf : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _messageId;
    private readonly string _temp;
    private readonly FileStream _stream;
    private readonly PdfBatchWriter _writer;
    private bool _done;

    /// <summary>Opens the temporary file and the batch writer.</summary>
    /// <param name="path">The merged PDF to write.</param>
    /// <param name="messageId">The message rendered, for error texts.</param>
    /// <param name="options">The print options.</param>
    /// <exception cref="PrintException">A font cannot be loaded.</exception>
    /// <exception cref="IOException">The folder cannot be written.</exception>
    public MergedPdf(string path, string messageId, PrintOptions options)
    {
        PdfPath = Path.GetFullPath(path);
        ManifestPath = ManifestPathFor(PdfPath);
        _messageId = messageId;
        Directory.CreateDirectory(Path.GetDirectoryName(PdfPath)!);
        _temp = AtomicFile.TempPathFor(PdfPath);
        _stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        try
        {
            _writer = new PdfBatchWriter(_stream, options);
        }
        catch
        {
            _stream.Dispose();
            AtomicFile.TryDelete(_temp);
            throw;
        }
    }

    /// <summary>Gets the full path of the merged PDF.</summary>
    public string PdfPath { get; }

    /// <summary>Gets the full path of the manifest: the PDF's path with <c>.manifest.json</c> for its extension.</summary>
    public string ManifestPath { get; }

    /// <summary>Gets the manifest path for a merged PDF: <c>batch.pdf</c> → <c>batch.manifest.json</c>.</summary>
    /// <param name="pdfPath">The merged PDF's path.</param>
    /// <returns>The manifest's path.</returns>
    public static string ManifestPathFor(string pdfPath) => Path.ChangeExtension(pdfPath, ".manifest.json");

    /// <summary>
    /// Appends a rendered record's pages. A record the batch cannot print is returned rejected; the batch writer
    /// lays a message out completely before it paints a page, so such a record leaves nothing in the merged PDF.
    /// </summary>
    /// <param name="result">The record's result; anything but a rendered print record passes through.</param>
    /// <returns>The result, or the record rejected.</returns>
    public RecordResult Add(RecordResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Status != RecordStatus.Rendered || result.PrintMessage is not { } message)
        {
            return result;
        }

        try
        {
            _writer.Add(result.Id ?? string.Create(CultureInfo.InvariantCulture, $"record-{result.Number}"), message);
            return result;
        }
        catch (PrintException ex)
        {
            return result.Reject(RecordProcessor.PrintError(result.Id, _messageId, ex));
        }
    }

    /// <summary>
    /// Finishes the PDF, moves it into place and writes the manifest (atomically too). A run with no printed record has
    /// no PDF to write (a PDF needs a page): the manifest then lists nothing and FILE is left as it was.
    /// </summary>
    /// <returns>The manifest.</returns>
    public PrintManifest Complete()
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _done = true;
        var moved = false;
        PrintManifest manifest;
        try
        {
            manifest = _writer.Complete();

            // Closed before the move; the finally disposes again (harmless) when anything here fails.
            _writer.Dispose();
            _stream.Dispose();
            if (manifest.Entries.Count > 0)
            {
                File.Move(_temp, PdfPath, overwrite: true);
                moved = true;
            }
        }
        finally
        {
            _writer.Dispose();
            _stream.Dispose();
            if (!moved)
            {
                AtomicFile.TryDelete(_temp);
            }
        }

        AtomicFile.Write(ManifestPath, Utf8.GetBytes(manifest.ToJson() + "\n"));
        return manifest;
    }

    /// <summary>Abandons an uncompleted batch: the temporary file is deleted and FILE is left as it was.</summary>
    public void Dispose()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        _writer.Dispose();
        _stream.Dispose();
        AtomicFile.TryDelete(_temp);
    }
}
