using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Lists every rejected record, one JSON object per line, in a file: <c>{"number":12,"id":"c12","stage":"render",
/// "error":"…"}</c> — the records to fix and run again. Other records pass by. Resumable exactly once with a checkpoint.
/// </summary>
public sealed class RejectsSink : IMessageSink, IResumableSink
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _path;
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);
    private FileStream? _stream;

    /// <summary>Initializes a sink; the file is started (emptied) on the first write.</summary>
    /// <param name="path">The file to write; its folder is created if needed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public RejectsSink(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _path = Path.GetFullPath(path);
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var stream = _stream ?? Open(0);
        if (result.Status != BatchStatus.Rejected)
        {
            return ValueTask.CompletedTask;
        }

        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer, Options))
        {
            json.WriteStartObject();
            json.WriteNumber("number", result.Number);
            if (result.Id is { } id)
            {
                json.WriteString("id", id);
            }

            json.WriteString("stage", RecordJsonWriter.StageName(result.Stage ?? RejectStage.Read));
            json.WriteString("error", result.Error);
            json.WriteEndObject();
        }

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
    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        _ = _stream ?? Open(0);
        return FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    string IResumableSink.SaveState()
    {
        _stream?.Flush();
        return (_stream?.Length ?? 0).ToString(CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    void IResumableSink.Restore(string? state) =>
        Open(string.IsNullOrEmpty(state) ? 0 : long.Parse(state, NumberStyles.None, CultureInfo.InvariantCulture));

    private FileStream Open(long length)
    {
        _stream?.Dispose();
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var stream = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 1 << 14);
        if (length > stream.Length)
        {
            stream.Dispose();
            throw new IOException(string.Create(CultureInfo.InvariantCulture, $"'{_path}' is shorter than the checkpoint recorded ({length} bytes): it was changed after the run. Delete the checkpoint and start over."));
        }

        stream.SetLength(length);
        stream.Position = length;
        return _stream = stream;
    }
}
