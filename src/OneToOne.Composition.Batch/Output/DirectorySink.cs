using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Writes one file per rendered record into a folder — <c>&lt;id&gt;.txt</c>, <c>&lt;id&gt;.html</c>,
/// <c>&lt;id&gt;.json</c> (web decision JSON), <c>&lt;id&gt;.eml</c> or <c>&lt;id&gt;.pdf</c> by channel — each one
/// atomically (temporary file, then one rename), and an account of every record, one JSON object per line, to
/// <c>results.jsonl</c> in the same folder.
/// </summary>
/// <remarks>
/// <para>A record's file name is its id made safe for a file system (or its number in the input, <see cref="FileNaming"/>); a
/// second record with the same name gets its record number appended (<c>c1-7.txt</c>), so nothing is overwritten. With a checkpoint the sink is resumable exactly once:
/// <c>results.jsonl</c> is cut back to the length the checkpoint recorded and per-record files are replaced whole.
/// </para>
/// <para>A record whose file cannot be named where it goes (the path is too long for the file system) is refused
/// (<see cref="MessageRejectedException"/>; <c>results.jsonl</c> lists it rejected at <c>write</c>) and the run goes on.
/// Any other failure to write — the disk or a quota full, the folder gone or read-only — would fail every record after
/// it, so it stops the run: fix the cause and resume from the checkpoint.</para>
/// <para>One writer at a time: the sink holds an exclusive lock on <c>.onetoone.lock</c> in the folder from its
/// construction to <see cref="DisposeAsync"/>, so a second sink on the same folder, in this process or another, is refused
/// instead of mixing its files with the first's (and deleting its temporary files). The operating system releases the
/// lock when the process ends, however it ends: a lock file a killed run left behind is taken over by the next run, and
/// <see cref="DisposeAsync"/> deletes it, so a finished folder holds only the outputs.</para>
/// </remarks>
public sealed class DirectorySink : IMessageSink, IResumableSink, IResultBorrower
{
    /// <summary>The name of the per-record account in the output folder.</summary>
    public const string ResultsFileName = "results.jsonl";

    /// <summary>The name of the lock file in the output folder (see <see cref="RunLock"/>).</summary>
    internal const string LockFileName = ".onetoone.lock";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly ChannelSettings _settings;
    private readonly string _extension;
    private readonly HashSet<string> _reserved;
    private readonly RunLock _lock;

    // The names taken so far, as 64-bit hashes of the upper-cased name: a run of millions keeps 8 bytes per record, not
    // the names. A hash collision only gives one record the longer name <id>-<number>, the same in every run.
    private readonly HashSet<ulong> _usedNames = [];
    private FileStream? _results;
    private RecordJsonWriter? _writer;

    // The length of results.jsonl at the end of the last record the run has done (IResumableSink.Mark).
    private long _done;

    // Once disposed, the sink has released the folder's lock: it must not open results.jsonl again (cutting it back and
    // deleting temporary files in a folder another sink may hold by now).
    private bool _disposed;

    /// <summary>Creates the folder if needed and takes its lock. <c>results.jsonl</c> is started on the first write.</summary>
    /// <param name="directory">The output folder.</param>
    /// <param name="settings">The channel rendered and its choices, which decide the file type and content.</param>
    /// <param name="reservedNames">File names in the folder that records must not take (such as a merged PDF written there).</param>
    /// <exception cref="ArgumentNullException"><paramref name="directory"/> or <paramref name="settings"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The settings have no renderer for an email or print record's file (<see cref="ChannelSettings.Documents"/>), or one
    /// for another channel.
    /// </exception>
    /// <exception cref="IOException">The folder cannot be created, or another sink (another run) is writing to it.</exception>
    public DirectorySink(string directory, ChannelSettings settings, IEnumerable<string>? reservedNames = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Check(nameof(settings));
        if (settings.Channel == BatchChannel.Print && settings.Documents is null)
        {
            throw new ArgumentException("A DirectorySink for print writes each record's PDF: set ChannelSettings.Documents = new PdfBatchRenderer() (package OneToOne.Composition.Batch.Print).", nameof(settings));
        }

        FullPath = Directory.CreateDirectory(directory).FullName;
        var lockPath = Path.Combine(FullPath, LockFileName);
        _lock = RunLock.Take(lockPath, ex => new IOException($"The folder '{FullPath}' is being written by another run (it holds '{lockPath}'). Wait for that run to finish or stop it, or write to another folder; two runs writing one folder would mix their files and delete each other's temporary files.", ex));
        _settings = settings;
        _extension = Extension(settings);
        _reserved = new HashSet<string>(reservedNames ?? [], StringComparer.OrdinalIgnoreCase) { ResultsFileName };
    }

    /// <summary>Gets the full path of the output folder.</summary>
    public string FullPath { get; }

    /// <summary>Gets how each record's file is named: by its recipient id (the default) or by its number in the input.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="FileNaming"/>.</exception>
    public FileNaming FileNaming
    {
        get;
        init
        {
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "FileNaming is RecipientId or RecordNumber.");
            }

            field = value;
        }
    }

    /// <inheritdoc />
    bool IResultBorrower.KeepsNoResults => true;

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The sink is disposed.</exception>
    public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var writer = _writer ?? Open(0);
        string? refused = null;
        if (result.Status == BatchStatus.Rendered)
        {
            var file = UniqueName(result);
            try
            {
                WriteFile(Path.Combine(FullPath, file), result, writer);
                result.File = file;
            }
            catch (PathTooLongException)
            {
                // This record's name does not fit where the others' do: the record is refused, not the run. The name goes
                // back, so a later record may take it, as it would in a resumed run (whose results.jsonl does not name it).
                _usedNames.Remove(Key(file));
                refused = string.Create(CultureInfo.InvariantCulture, $"Recipient '{result.Id ?? "(no id)"}': its file '{file}' cannot be written in {FullPath}: the path is too long for the file system. Shorten the id, or write to a folder with a shorter path.");
                result.Reject(RejectStage.Write, refused);
            }
        }

        var line = writer.Serialize(result, result.File, includeBody: false).Span;
        _results!.Write(line);
        _results.WriteByte((byte)'\n');
        return refused is null ? ValueTask.CompletedTask : throw new MessageRejectedException(refused);
    }

    /// <inheritdoc />
    public ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _results?.Flush();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="ObjectDisposedException">The sink is disposed.</exception>
    public ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // An empty run still leaves an (empty) account, so "no records" is told apart from "not run".
        _ = _writer ?? Open(0);
        return FlushAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The lock is released even when <c>results.jsonl</c> cannot take its last bytes (a full disk): the folder is not
    /// left claimed, in this process, by a run that is over.
    /// </remarks>
    public ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            _writer?.Dispose();
            _results?.Dispose();
        }
        finally
        {
            _lock.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    void IResumableSink.Mark() => _done = AppendFile.End(_results);

    /// <inheritdoc />
    string IResumableSink.SaveState() => AppendFile.SaveState(_done);

    /// <inheritdoc />
    void IResumableSink.Restore(string? state) => Open(AppendFile.Length(state));

    /// <inheritdoc />
    /// <remarks>One sync of the folder's file system covers <c>results.jsonl</c>, every record's file and its rename.</remarks>
    void IResumableSink.SyncToDisk()
    {
        if (_results is not null)
        {
            DiskSync.FileSystemOf(_results);
        }
    }

    private static string Extension(ChannelSettings settings) => settings.Channel switch
    {
        BatchChannel.Email or BatchChannel.Print => settings.Documents!.FileExtension,
        BatchChannel.Web => settings.DecisionJson ? ".json" : ".html",
        _ => ".txt",
    };

    /// <summary>Gets what writes each <c>results.jsonl</c> line's <c>"trace"</c>, the record's decision trace (the tool's <c>render --trace</c>); null for none.</summary>
    internal RecordTrace? Trace { get; init; }

    /// <summary>Opens <c>results.jsonl</c> cut back to <paramref name="length"/> bytes, and takes back the file names its lines name.</summary>
    private RecordJsonWriter Open(long length)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer?.Dispose();
        _results?.Dispose();
        Reserve();
        var stream = AppendFile.Open(Path.Combine(FullPath, ResultsFileName), length, FileAccess.ReadWrite, "the checkpoint and the folder's contents");
        if (length > 0)
        {
            TakeBackNames(stream);
            stream.Position = length;
        }

        AtomicFile.DeleteStaleTemporaries(FullPath, _reserved);
        _results = stream;
        _done = length;
        return _writer = new RecordJsonWriter(_settings.DecisionJson) { Trace = Trace };
    }

    /// <summary>FNV-1a over the upper-cased UTF-16 name: file names compare without regard to case.</summary>
    private static ulong Key(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in name)
        {
            hash = (hash ^ char.ToUpperInvariant(c)) * 1099511628211UL;
        }

        return hash;
    }

    private void Reserve()
    {
        _usedNames.Clear();
        foreach (var name in _reserved)
        {
            _usedNames.Add(Key(name));
        }
    }

    private void TakeBackNames(FileStream stream)
    {
        stream.Position = 0;
        using var reader = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16, leaveOpen: true);
        while (reader.ReadLine() is { } line)
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.TryGetProperty("file", out var file) && file.GetString() is { } name)
            {
                _usedNames.Add(Key(name));
            }
        }
    }

    private void WriteFile(string path, BatchResult result, RecordJsonWriter writer)
    {
        switch (_settings.Channel)
        {
            case BatchChannel.Email or BatchChannel.Print when result.Document is { } document:
                AtomicFile.Write(path, document, static (stream, document) => document.WriteTo(stream));
                break;
            case BatchChannel.Email or BatchChannel.Print:
                throw new InvalidOperationException($"A rendered {_settings.Channel} record came without its document: the run's ChannelSettings.Documents was not set, while this sink's was. Give the runner and the sink the same settings.");
            case BatchChannel.Web when _settings.DecisionJson:
                // The same object as a JSON Lines record, html included; written out before the writer serialises the next.
                AtomicFile.Write(path, writer.Serialize(result, file: null, includeBody: true));
                break;
            case BatchChannel.Web:
                var html = result.BodyIsDocument
                    ? result.Body ?? string.Empty
                    : HtmlDocument.Wrap(result.Subject ?? string.Empty, result.Body ?? string.Empty, result.Culture);
                AtomicFile.Write(path, Utf8.GetBytes(html));
                break;
            default:
                AtomicFile.Write(path, Utf8.GetBytes($"Subject: {result.Subject}\n\n{result.Body}"));
                break;
        }
    }

    /// <summary>A safe file name that no earlier record of this run used: an id whose safe name another id took gets the record number appended, so no output is overwritten.</summary>
    private string UniqueName(BatchResult result)
    {
        var baseName = SafeFileName.For(FileNaming == FileNaming.RecordNumber ? null : result.Id, result.Number);
        var name = baseName + _extension;
        if (!_usedNames.Add(Key(name)))
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{baseName}-{result.Number}{_extension}");
            for (var n = 2; !_usedNames.Add(Key(name)); n++)
            {
                name = string.Create(CultureInfo.InvariantCulture, $"{baseName}-{result.Number}-{n}{_extension}");
            }
        }

        return name;
    }
}
