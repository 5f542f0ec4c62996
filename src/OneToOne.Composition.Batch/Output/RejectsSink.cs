using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Lists every rejected record, one JSON object per line, in a file: <c>{"number":12,"id":"c12","stage":"render",
/// "error":"…"}</c> — the records to fix and run again. Other records pass by. Resumable exactly once with a checkpoint.
/// One writer at a time: the sink holds an exclusive lock on <c>.FILE.lock</c> next to FILE
/// from its construction until <see cref="DisposeAsync"/>, so a second run listing its rejects into the same file is
/// refused instead of cutting the first run's list short or mixing the two. A path that is no regular file
/// (<c>/dev/stderr</c>, a pipe) is written as it is, without a lock, and a resume writes on after what it holds.
/// </summary>
public sealed class RejectsSink : IMessageSink, IResumableSink, IResultBorrower
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _path;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private readonly Utf8JsonWriter _json;
    private readonly RunLock? _lock;
    private FileStream? _stream;

    // The file's length at the end of the last record the run has done (IResumableSink.Mark).
    private long _done;

    // Once disposed, the sink has released the file's lock: it must not open (and empty) the file again.
    private bool _disposed;

    /// <summary>Initializes a sink and takes the file's lock; the file is started (emptied) on the first write.</summary>
    /// <param name="path">The file to write; its folder is created if needed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="IOException">The folder cannot be written, or another sink (another run) is writing the same file.</exception>
    public RejectsSink(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _path = Path.GetFullPath(path);
        _json = new Utf8JsonWriter(_buffer, Options);
        if (AtomicFile.IsSpecialFile(_path))
        {
            // A terminal or a pipe (/dev/stderr): nothing to cut short, and no lock file to make beside it in /dev.
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var lockPath = Path.Combine(Path.GetDirectoryName(_path)!, $".{Path.GetFileName(_path)}.lock");
        _lock = RunLock.Take(lockPath, ex => new IOException($"The rejects file '{_path}' is being written by another run (it holds '{lockPath}'). Wait for that run to finish or stop it, or list the rejects in another file; two runs writing one list would cut each other's lines short.", ex));
    }

    /// <summary>Gets the full path of the file written.</summary>
    internal string FullPath => _path;

    /// <inheritdoc />
    bool IResultBorrower.KeepsNoResults => true;

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The sink is disposed.</exception>
    public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var stream = _stream ?? Open(0);
        if (result.Status != BatchStatus.Rejected)
        {
            return ValueTask.CompletedTask;
        }

        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        _json.WriteStartObject();
        _json.WriteNumber("number", result.Number);
        if (result.Id is { } id)
        {
            _json.WriteString("id", id);
        }

        _json.WriteString("stage", RecordJsonWriter.StageName(result.Stage ?? RejectStage.Read));
        _json.WriteString("error", result.Error);
        _json.WriteEndObject();
        _json.Flush();

        stream.Write(_buffer.WrittenSpan);
        stream.WriteByte((byte)'\n');
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _stream?.Flush();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The sink is disposed.</exception>
    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _ = _stream ?? Open(0);
        return FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>The lock is released even when the file cannot take its last bytes (a full disk).</remarks>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            await _json.DisposeAsync().ConfigureAwait(false);
            if (_stream is not null)
            {
                await _stream.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _lock?.Dispose();
        }
    }

    /// <inheritdoc />
    void IResumableSink.Mark() => _done = AppendFile.End(_stream);

    /// <inheritdoc />
    string IResumableSink.SaveState() => AppendFile.SaveState(_done);

    /// <inheritdoc />
    void IResumableSink.Restore(string? state) => Open(AppendFile.Length(state));

    /// <inheritdoc />
    void IResumableSink.SyncToDisk()
    {
        if (_stream is not null)
        {
            DiskSync.FileSystemOf(_stream);
        }
    }

    private FileStream Open(long length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _stream?.Dispose();
        _done = length;
        return _stream = AppendFile.Open(_path, length, FileAccess.Write, "the checkpoint");
    }
}
