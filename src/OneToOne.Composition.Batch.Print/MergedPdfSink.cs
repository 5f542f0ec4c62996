using System.Globalization;
using System.Text;
using OneToOne.Composition.Print;

namespace OneToOne.Composition.Batch;

/// <summary>
/// The merged PDF of a print run (<c>--merge FILE.pdf</c>): every rendered print record's pages in input order, through
/// <see cref="PdfBatchWriter"/>, and <c>FILE.manifest.json</c> with each recipient's page range. The PDF is written to a
/// temporary file next to FILE and moved into place by <see cref="CompleteAsync"/>, so FILE is whole or untouched; a run
/// that fails before then leaves no trace. One writer at a time: the sink holds an exclusive lock on <c>.FILE.lock</c>
/// next to FILE until <see cref="DisposeAsync"/>, so a second run merging into the same file is
/// refused instead of leaving one run's PDF with the other's manifest.
/// </summary>
public sealed class MergedPdfSink : IMessageSink
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _temp;
    private readonly FileStream _stream;
    private readonly PdfBatchWriter _writer;
    private readonly RunLock _lock;
    private bool _done;
    private bool _disposed;

    /// <summary>Whether the run handed the sink any record, printed or not.</summary>
    private bool _handed;

    /// <summary>Opens the temporary file and the batch writer.</summary>
    /// <param name="path">The merged PDF to write.</param>
    /// <param name="options">The print options.</param>
    /// <exception cref="PrintException">A font cannot be loaded.</exception>
    /// <exception cref="IOException">The path is no regular file (a device or a pipe), the folder cannot be written, or another sink (another run) is merging into the same file.</exception>
    public MergedPdfSink(string path, PrintOptions options)
    {
        ArgumentNullException.ThrowIfNull(path);

        // Through a link, the file it leads to is replaced (the link stays); a device or a pipe (/dev/stdout) was
        // renamed over, or deleted when nothing printed: as root, the system's own.
        PdfPath = AtomicFile.ReplaceableTarget(Path.GetFullPath(path)) is { } target
            ? Path.GetFullPath(target)
            : throw new IOException($"'{path}' is no regular file (a terminal, a pipe or a device such as /dev/null): a merged PDF is written whole, then replaces FILE, with its manifest beside it. Merge into a file and copy it on from there.");
        ManifestPath = ManifestPathFor(PdfPath);
        Directory.CreateDirectory(Path.GetDirectoryName(PdfPath)!);
        var lockPath = Path.Combine(Path.GetDirectoryName(PdfPath)!, $".{Path.GetFileName(PdfPath)}.lock");
        _lock = RunLock.Take(lockPath, ex => new IOException($"The merged PDF '{PdfPath}' is being written by another run (it holds '{lockPath}'). Wait for that run to finish or stop it, or merge into another file; two runs merging into one file would leave one run's PDF with the other's manifest.", ex));
        _temp = AtomicFile.TempPathFor(PdfPath);
        try
        {
            _stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
            _writer = new PdfBatchWriter(_stream, options);
        }
        catch
        {
            _stream?.Dispose();
            AtomicFile.TryDelete(_temp);
            _lock.Dispose();
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

    /// <summary>Names the sink by the merged PDF it writes, as a run's error names it: <c>MergedPdfSink '/out/run.pdf'</c>.</summary>
    /// <returns>The sink's type and the full path of its PDF.</returns>
    public override string ToString() => $"{nameof(MergedPdfSink)} '{PdfPath}'";

    /// <summary>Gets the manifest, once <see cref="CompleteAsync"/> has written it (null when the run was handed no record).</summary>
    public PrintManifest? Manifest { get; private set; }

    /// <summary>
    /// Appends a rendered print record's pages; anything else passes by. The batch writer lays a message out completely
    /// before it paints a page, so a record it cannot print leaves nothing in the merged PDF.
    /// </summary>
    /// <param name="result">The record's result.</param>
    /// <param name="cancellationToken">Not used: the pages are appended synchronously.</param>
    /// <returns>A completed task.</returns>
    /// <exception cref="MessageRejectedException">The record cannot be printed (a character no font has).</exception>
    /// <exception cref="ObjectDisposedException">The sink is disposed.</exception>
    /// <exception cref="InvalidOperationException">The sink is completed: its PDF is in place and takes no more pages.</exception>
    public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_done)
        {
            throw new InvalidOperationException($"The merged PDF '{PdfPath}' is completed; record '{result.Id ?? "(no id)"}' cannot be added to it. Write every record before completing the sink.");
        }

        _handed = true;
        if (result.Status != BatchStatus.Rendered || result.PrintMessage is not { } message)
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            // A record without an id is record-N; the writer makes its named destination unique should a real id be that too.
            _writer.Add(result.Id ?? string.Create(CultureInfo.InvariantCulture, $"record-{result.Number}"), message);
            return ValueTask.CompletedTask;
        }
        catch (PrintException ex)
        {
            throw new MessageRejectedException(ex.Message, ex);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The sink is disposed, or already completed.</exception>
    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Manifest = Complete();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Finishes the PDF, removes the earlier manifest, moves the PDF into place and writes the manifest (atomically too).
    /// A run with no printed record has no PDF to write (a PDF needs a page): it deletes the FILE an earlier run left,
    /// before writing a manifest that lists nothing, so that last run's letters are not taken for this one's (a failure
    /// in between leaves no FILE, never the old one beside the new manifest). A run handed no record at all (an empty
    /// input, a rerun of a completed checkpoint) leaves FILE and its manifest as they were.
    /// </summary>
    /// <returns>The manifest, or null when none was written.</returns>
    private PrintManifest? Complete()
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
            if (_handed)
            {
                // The earlier run's manifest goes before its PDF is replaced: a crash or failure from here on leaves a PDF
                // without a manifest, never this run's letters beside the page ranges of that run's.
                File.Delete(ManifestPath);
            }

            if (manifest.Entries.Count > 0)
            {
                File.Move(_temp, PdfPath, overwrite: true);
                moved = true;
            }
            else if (_handed)
            {
                File.Delete(PdfPath);
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

        if (manifest.Entries.Count == 0 && !_handed)
        {
            return null;
        }

        AtomicFile.Write(ManifestPath, Utf8.GetBytes(manifest.ToJson() + "\n"));
        return manifest;
    }

    /// <summary>
    /// Abandons an uncompleted batch: the temporary file is deleted and FILE is left as it was. The file is deleted and
    /// the lock released even when closing fails (a full disk).
    /// </summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (!_done)
            {
                _done = true;
                try
                {
                    _writer.Dispose();
                }
                finally
                {
                    try
                    {
                        _stream.Dispose();
                    }
                    finally
                    {
                        AtomicFile.TryDelete(_temp);
                    }
                }
            }
        }
        finally
        {
            _lock.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
