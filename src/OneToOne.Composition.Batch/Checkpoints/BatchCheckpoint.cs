using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace OneToOne.Composition.Batch;

/// <summary>
/// A run's checkpoint in an embedded SQLite database (<c>--checkpoint FILE</c>): each record's outcome is recorded as
/// it is written, so a run that crashed or was killed can be run again with the same checkpoint and carry on where
/// it stopped. Together with the built-in sinks, the resumed output is byte for byte the uninterrupted run's.
/// </summary>
/// <remarks>
/// <para>Records are committed in batches (every <see cref="CommitEvery"/> records or second), after the sink has
/// flushed them, in one transaction with the sink's resume state (the length of its JSON Lines files) and the summary's
/// counts. Output is written in input order, so what is committed is always a prefix of the input: a resumed run skips
/// the records up to the last committed one and cuts the sinks' files back to their committed length; records written
/// after that commit are written again, identically.</para>
/// <para>Tables: <c>records(number, id, status, detail, file)</c> — one row per record done, <c>detail</c> the
/// suppression reason; a rejected record's error is not kept, as it may quote the record's values (its address, a
/// field), which the checkpoint does not need: the rejects list and <c>results.jsonl</c> carry it — and <c>run(key, value)</c>. A checkpoint belongs to one run: opening it with a
/// different run key (another catalog, message, input, channel or shard) is refused, naming what differs.</para>
/// <para>One run at a time: the checkpoint holds an exclusive lock on <c>FILE.lock</c>, next to it, from
/// <see cref="Open(string, string, TimeProvider)"/> to <see cref="Dispose"/>, so a second run of the same checkpoint is refused instead of writing the
/// same output as the first (and deleting its temporary files). The operating system releases the lock when the process
/// ends, however it ends (<c>kill -9</c> included): a lock file a killed run left behind is taken over by the next run, and
/// <see cref="Dispose"/> deletes it.</para>
/// <para>SQLite runs in WAL mode with <c>synchronous=NORMAL</c>: a commit survives the process being killed (not a
/// power loss, like the atomic file writes).</para>
/// </remarks>
public sealed class BatchCheckpoint : IDisposable
{
    /// <summary>How many records at most are written between two commits.</summary>
    public const int CommitEvery = 1000;

    private readonly SqliteConnection _connection;
    private readonly RunLock _lock;
    private int _claimed;
    private volatile bool _disposed;

    private BatchCheckpoint(string path, SqliteConnection connection, RunLock runLock)
    {
        Path = path;
        _connection = connection;
        _lock = runLock;
    }

    /// <summary>Gets the checkpoint file's full path.</summary>
    public string Path { get; }

    /// <summary>Gets the number of the last record the checkpoint has recorded (0 for a new checkpoint).</summary>
    public long LastNumber { get; private set; }

    /// <summary>
    /// Gets the run's id: made when the checkpoint is created and kept across resumes, so what a run records elsewhere
    /// (such as contacts for frequency caps) is keyed the same when it resumes, and differently for a new run.
    /// </summary>
    public string RunId { get; private set; } = string.Empty;

    /// <summary>
    /// Gets when the run began: the clock's time when the checkpoint was created, kept across resumes, so a run that
    /// judges dates and stamps messages at its start does so the same way however often and however late it resumes.
    /// </summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>Gets the number of records the checkpoint has recorded.</summary>
    public long RecordsDone { get; private set; }

    /// <summary>Gets whether a run of this checkpoint read its whole input.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Gets the finished run the checkpoint held before this one replaced it (its records and start), or null.</summary>
    internal string? ReplacedRun { get; private set; }

    /// <summary>Gets the sinks' resume state at the last commit, or null for a new checkpoint.</summary>
    internal string? SinkState { get; private set; }

    /// <summary>
    /// Gets the sinks whose state <see cref="SinkState"/> is (<see cref="SinkList.Save"/>), or null for a new checkpoint
    /// and for one written before checkpoints recorded them.
    /// </summary>
    internal string? Sinks { get; private set; }

    /// <summary>Gets the summary's counts at the last commit, or null for a new checkpoint.</summary>
    internal string? Counts { get; private set; }

    /// <summary>Opens a checkpoint, creating it when the file does not exist (its run beginning now, by the system clock).</summary>
    /// <param name="path">The SQLite file.</param>
    /// <param name="runKey">What identifies the run (catalog, message, input, channel, shard…): a checkpoint made by a run with another key is refused. A JSON object of strings lets the refusal name the entries that differ.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="BatchCheckpointException">The file is not a checkpoint, belongs to another run, or is in use by another run.</exception>
    public static BatchCheckpoint Open(string path, string runKey) => Open(path, runKey, TimeProvider.System);

    /// <summary>Opens a checkpoint, creating it when the file does not exist.</summary>
    /// <param name="path">The SQLite file.</param>
    /// <param name="runKey">What identifies the run (catalog, message, input, channel, shard…): a checkpoint made by a run with another key is refused. A JSON object of strings lets the refusal name the entries that differ.</param>
    /// <param name="timeProvider">The clock whose time a new checkpoint records as <see cref="StartedAt"/>.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="BatchCheckpointException">The file is not a checkpoint, belongs to another run, or is in use by another run.</exception>
    public static BatchCheckpoint Open(string path, string runKey, TimeProvider timeProvider) => Open(path, runKey, timeProvider, CheckpointReuse.ResumeOnly);

    /// <summary>
    /// Opens a checkpoint, creating it when the file does not exist; with <see cref="CheckpointReuse.ReplaceFinished"/>, a checkpoint
    /// whose run finished under another run key (last night's, its paths reused by tonight's job) is emptied and begins
    /// this run, instead of being refused. A checkpoint whose run did not finish is refused all the same (its run is to
    /// be resumed, not lost), and one of the same run key is opened as it is (a finished run run again does nothing more).
    /// </summary>
    /// <param name="path">The SQLite file.</param>
    /// <param name="runKey">What identifies the run (catalog, message, input, channel, shard…). A JSON object of strings lets a refusal name the entries that differ.</param>
    /// <param name="timeProvider">The clock whose time a new checkpoint records as <see cref="StartedAt"/>.</param>
    /// <param name="reuse">Whether a finished run of another key gives way to this one (<see cref="CheckpointReuse.ReplaceFinished"/>). Its records and counts are deleted in one transaction: a crash leaves either the finished run or the new, empty one.</param>
    /// <returns>The checkpoint.</returns>
    /// <exception cref="BatchCheckpointException">The file is not a checkpoint, belongs to another run (that has not finished, or <paramref name="reuse"/> is <see cref="CheckpointReuse.ResumeOnly"/>), or is in use by another run.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reuse"/> is not a defined <see cref="CheckpointReuse"/>.</exception>
    public static BatchCheckpoint Open(string path, string runKey, TimeProvider timeProvider, CheckpointReuse reuse)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(runKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (!Enum.IsDefined(reuse))
        {
            throw new ArgumentOutOfRangeException(nameof(reuse), reuse, "CheckpointReuse is ResumeOnly or ReplaceFinished.");
        }

        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var runLock = RunLock.Take(full + ".lock", ex => new BatchCheckpointException($"The checkpoint '{full}' is in use by another run (it holds '{full}.lock'). Wait for that run to finish or stop it, then run this command again; two runs of one checkpoint would overwrite each other's output.", ex));
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString());
        var checkpoint = new BatchCheckpoint(full, connection, runLock);
        try
        {
            connection.Open();
            checkpoint.Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
            checkpoint.Execute("""
                CREATE TABLE IF NOT EXISTS run(key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS records(number INTEGER PRIMARY KEY, id TEXT, status TEXT NOT NULL, detail TEXT, file TEXT);
                """);
            checkpoint.Load(runKey, timeProvider, reuse == CheckpointReuse.ReplaceFinished);
            return checkpoint;
        }
        catch (SqliteException ex)
        {
            checkpoint.Dispose();
            throw new BatchCheckpointException(IsFull(ex)
                ? $"'{full}' cannot be used as a checkpoint: {ex.Message.TrimEnd('.')}. Free space on the disk that holds it, then run this command again."
                : $"'{full}' cannot be used as a checkpoint: {ex.Message.TrimEnd('.')}. Give a new file name, or delete the file to start over.", ex);
        }
        catch
        {
            checkpoint.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Claims the checkpoint for one run until <see cref="Release"/>: it records one run at a time, so a second run given
    /// the same checkpoint while the first goes on (the same runner, or the same options, used twice at once) is refused
    /// instead of interleaving both runs' records.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another run holds the checkpoint.</exception>
    /// <exception cref="ObjectDisposedException">The checkpoint is disposed.</exception>
    internal void Claim()
    {
        // Refused before the run renders anything: a disposed checkpoint has closed its database and given up its lock, so
        // another run may hold the file, and the commit at the end would fail after all the output was written.
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Interlocked.Exchange(ref _claimed, 1) != 0)
        {
            throw new InvalidOperationException($"The checkpoint '{Path}' is in use by another run in this process; a checkpoint records one run at a time. Give each concurrent run its own checkpoint (and its own output), or run them one after the other.");
        }
    }

    /// <summary>Ends the claim <see cref="Claim"/> made.</summary>
    internal void Release() => Volatile.Write(ref _claimed, 0);

    /// <summary>
    /// Refuses a resume whose sinks are not those the checkpoint saved the state of: each sink's state is kept by its
    /// position in the list, so a sink added, removed or moved would be handed another's (and cut its file to another
    /// file's length). Checked before the sinks are restored, so nothing is written.
    /// </summary>
    /// <param name="now">The resumed run's sinks (<see cref="SinkList.Of"/>).</param>
    /// <exception cref="BatchCheckpointException">The checkpoint's sinks differ from <paramref name="now"/>.</exception>
    internal void CheckSinks(IReadOnlyList<SinkList.Entry> now)
    {
        if (SinkState is null)
        {
            // Nothing committed yet: no sink has a state to be handed to another.
            return;
        }

        if (Sinks is not null)
        {
            var was = SinkList.Load(Sinks);
            if (was is not null && SinkList.Match(was, now))
            {
                return;
            }

            throw new BatchCheckpointException($"The checkpoint '{Path}' was made by a run writing to the sinks {(was is null ? $"'{Sinks}'" : SinkList.Show(was))}, and this run writes to {SinkList.Show(now)}. A resumed run carries each sink on from its own output, so it must write to the same sinks, in the same order: resume with the sinks the checkpoint was made with, or start a new run with a new checkpoint file (and empty outputs).");
        }

        // A checkpoint from before they were recorded keeps one state per sink: a run with another number of sinks is
        // refused; one with as many is taken to be the same, as that version did (and its next commit records them).
        var states = SinkState.Split('\n').Length;
        if (states != Math.Max(1, now.Count))
        {
            throw new BatchCheckpointException(string.Create(CultureInfo.InvariantCulture, $"The checkpoint '{Path}' was made by a run writing to {states} sink{(states == 1 ? string.Empty : "s")}, and this run writes to {now.Count}: {SinkList.Show(now)}. A resumed run carries each sink on from its own output, so it must write to the same sinks, in the same order: resume with the sinks the checkpoint was made with, or start a new run with a new checkpoint file (and empty outputs)."));
        }
    }

    /// <summary>Records records as done, with the sinks' state and the counts, in one transaction.</summary>
    /// <param name="results">The records written since the last commit, in order.</param>
    /// <param name="sinkState">The sinks' resume state after they flushed those records.</param>
    /// <param name="sinks">The sinks whose state <paramref name="sinkState"/> is (<see cref="SinkList.Save"/>).</param>
    /// <param name="counts">The summary's counts.</param>
    /// <param name="completed">Whether the run has read its whole input.</param>
    /// <exception cref="BatchCheckpointException">The database cannot record them (its disk is full, say): the checkpoint keeps its last commit.</exception>
    internal void Commit(IReadOnlyList<BatchResult> results, string? sinkState, string sinks, string counts, bool completed)
    {
        try
        {
            CommitOrThrow(results, sinkState, sinks, counts, completed);
        }
        catch (SqliteException ex)
        {
            // The transaction rolled back: the checkpoint still holds its last commit, a true prefix of the output, so the run
            // resumes from there once the cause is fixed. Said as such, not as a stack trace of SQLite's.
            var fix = IsFull(ex) ? "Free space on the disk that holds it" : "Fix the cause";
            throw new BatchCheckpointException(string.Create(CultureInfo.InvariantCulture, $"The checkpoint '{Path}' could not record the records written since its last commit: {ex.Message.TrimEnd('.')}. {fix}, then run the same command again: it carries on after record {LastNumber}, the last one it recorded."), ex);
        }
    }

    private void CommitOrThrow(IReadOnlyList<BatchResult> results, string? sinkState, string sinks, string counts, bool completed)
    {
        using var transaction = _connection.BeginTransaction();
        using (var insert = _connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT OR REPLACE INTO records(number, id, status, detail, file) VALUES ($n, $id, $status, $detail, $file)";
            var number = insert.Parameters.Add("$n", SqliteType.Integer);
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var status = insert.Parameters.Add("$status", SqliteType.Text);
            var detail = insert.Parameters.Add("$detail", SqliteType.Text);
            var file = insert.Parameters.Add("$file", SqliteType.Text);
            insert.Prepare();
            foreach (var result in results)
            {
                number.Value = result.Number;
                id.Value = (object?)result.Id ?? DBNull.Value;
                status.Value = RecordJsonWriter.StatusName(result.Status);
                // The reason only: an error may quote the recipient's values, and nothing reads it back from here.
                detail.Value = (object?)result.Reason ?? DBNull.Value;
                file.Value = (object?)result.File ?? DBNull.Value;
                insert.ExecuteNonQuery();
            }
        }

        var last = results.Count > 0 ? results[^1].Number : LastNumber;
        var done = RecordsDone + results.Count;
        Set(transaction, "last_number", last.ToString(CultureInfo.InvariantCulture));
        Set(transaction, "records_done", done.ToString(CultureInfo.InvariantCulture));
        Set(transaction, "sink_state", sinkState ?? string.Empty);
        Set(transaction, "sinks", sinks);
        Set(transaction, "counts", counts);
        Set(transaction, "completed", completed ? "1" : "0");
        transaction.Commit();
        LastNumber = last;
        RecordsDone = done;
        SinkState = sinkState;
        Sinks = sinks;
        Counts = counts;
        IsCompleted = completed;
    }

    /// <summary>Closes the checkpoint and releases its lock: another run may open it.</summary>
    public void Dispose()
    {
        _disposed = true;
        _connection.Dispose();
        _lock.Dispose();
    }

    private void Load(string runKey, TimeProvider timeProvider, bool replaceFinished)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var select = _connection.CreateCommand())
        {
            select.CommandText = "SELECT key, value FROM run";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                values[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var finished = values.TryGetValue("completed", out var completedValue) && completedValue == "1";
        var replace = replaceFinished && finished && values.TryGetValue("run_key", out var finishedKey) && !string.Equals(finishedKey, runKey, StringComparison.Ordinal);
        if (replace)
        {
            ReplacedRun = string.Create(CultureInfo.InvariantCulture, $"{(values.TryGetValue("records_done", out var recorded) ? recorded : "0")} records{(values.TryGetValue("started_at", out var began) ? $", begun {began}" : string.Empty)}");
        }

        if (replace || !values.TryGetValue("run_key", out var existing))
        {
            RunId = Guid.NewGuid().ToString("N");
            StartedAt = timeProvider.GetUtcNow();
            using var transaction = _connection.BeginTransaction();
            if (replace)
            {
                // In the transaction that begins the new run: a crash leaves the finished run whole, or the new one empty.
                using var clear = _connection.CreateCommand();
                clear.Transaction = transaction;
                clear.CommandText = "DELETE FROM records; DELETE FROM run;";
                clear.ExecuteNonQuery();
            }

            Set(transaction, "run_key", runKey);
            Set(transaction, "run_id", RunId);
            Set(transaction, "started_at", StartedAt.ToString("O", CultureInfo.InvariantCulture));
            transaction.Commit();
            return;
        }

        if (!string.Equals(existing, runKey, StringComparison.Ordinal))
        {
            // A checkpoint kept from a run that finished (last night's, its paths reused tonight) has nothing to resume:
            // said so, for the operator who would otherwise look for what stopped it.
            throw new BatchCheckpointException(finished
                ? $"The checkpoint '{Path}' belongs to another run, which finished ({(values.TryGetValue("records_done", out var recorded) ? recorded : "0")} records{(values.TryGetValue("started_at", out var began) ? $", begun {began}" : string.Empty)}): {Difference(existing, runKey)}. It has nothing to resume: to start a new run, give it a new checkpoint file and a new output folder (the finished run's files are in its own), or delete this checkpoint and empty that folder first."
                : $"The checkpoint '{Path}' belongs to another run: {Difference(existing, runKey)}. Resume with the same command and input, or give a new checkpoint file to start a new run.");
        }

        if (values.TryGetValue("started_at", out var started))
        {
            StartedAt = DateTimeOffset.Parse(started, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        }
        else
        {
            // A checkpoint from before runs recorded their start: this run's start counts from now on.
            StartedAt = timeProvider.GetUtcNow();
            using var transaction = _connection.BeginTransaction();
            Set(transaction, "started_at", StartedAt.ToString("O", CultureInfo.InvariantCulture));
            transaction.Commit();
        }

        RunId = values.TryGetValue("run_id", out var runId) ? runId : string.Empty;
        LastNumber = values.TryGetValue("last_number", out var last) ? long.Parse(last, CultureInfo.InvariantCulture) : 0;
        RecordsDone = values.TryGetValue("records_done", out var done) ? long.Parse(done, CultureInfo.InvariantCulture) : 0;
        SinkState = values.TryGetValue("sink_state", out var state) ? state : null;
        Sinks = values.TryGetValue("sinks", out var sinks) ? sinks : null;
        Counts = values.TryGetValue("counts", out var counts) ? counts : null;
        IsCompleted = values.TryGetValue("completed", out var completed) && completed == "1";
    }

    /// <summary>
    /// Says how two run keys differ: for JSON objects of strings (the command line's keys), each entry that differs, as
    /// it was and as it is; for other keys, both whole.
    /// </summary>
    private static string Difference(string before, string now)
    {
        Dictionary<string, string?>? was = null, @is = null;
        try
        {
            was = JsonSerializer.Deserialize<Dictionary<string, string?>>(before);
            @is = JsonSerializer.Deserialize<Dictionary<string, string?>>(now);
        }
        catch (JsonException)
        {
        }

        if (was is null || @is is null)
        {
            return $"it began as '{before}', not '{now}'";
        }

        return string.Join("; ", was.Keys.Union(@is.Keys).Order(StringComparer.Ordinal)
            .Where(k => !string.Equals(was.GetValueOrDefault(k), @is.GetValueOrDefault(k), StringComparison.Ordinal))
            .Select(k => $"{k} was {Show(was.GetValueOrDefault(k))} when it began, and is {Show(@is.GetValueOrDefault(k))} now"));

        static string Show(string? value) => value is null ? "not given" : $"'{value}'";
    }

    /// <summary>Whether SQLite failed for want of room: <c>SQLITE_FULL</c>, the disk (or the database's page limit) full.</summary>
    private static bool IsFull(SqliteException ex) => ex.SqliteErrorCode == 13;

    /// <summary>Caps the database at its present size, so that the next commit that needs a page more fails as on a full disk (tests).</summary>
    internal void StopGrowing() => Execute("PRAGMA max_page_count = 1");

    private void Set(SqliteTransaction transaction, string key, string value)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO run(key, value) VALUES ($key, $value)";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
