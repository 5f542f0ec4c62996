using Microsoft.Data.Sqlite;
using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Sqlite;

/// <summary>
/// A contact history in one SQLite file (created with its schema when missing), in WAL mode so that readers and one
/// writer proceed together. Several processes may record into the same file: every write is a transaction, and the
/// key (recipient, message, run) makes recording idempotent, so a re-run never double-counts. Opening for writing checks
/// the file end to end (schema, a write, <c>PRAGMA quick_check</c>) and throws <see cref="ContactHistoryException"/> when
/// it is locked, read-only or corrupt, so a run stops before anything is rendered or recorded instead of skipping caps.
/// <see cref="OpenReadOnly"/> checks the schema only; <see cref="Check"/> is the full check, on demand.
/// </summary>
/// <remarks>
/// Thread-safe: calls are serialised over one connection. For data protection the history can show what it holds about
/// one recipient (<see cref="Contacts"/>), forget recipients (<see cref="Forget"/>, <see cref="ForgetMany"/>) and drop
/// contacts no cap can count any more (<see cref="Prune"/>); deleted contacts are overwritten in the file and its
/// write-ahead log, not only unlinked.
/// </remarks>
public sealed class SqliteContactHistory : IContactHistory, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS contacts (
            recipient TEXT NOT NULL,
            message   TEXT NOT NULL,
            run       TEXT NOT NULL,
            channel   TEXT NOT NULL,
            topic     TEXT NULL,
            at_ms     INTEGER NOT NULL,
            PRIMARY KEY (recipient, message, run)
        ) WITHOUT ROWID;
        DROP INDEX IF EXISTS contacts_by_recipient_time;
        CREATE INDEX IF NOT EXISTS contacts_for_caps ON contacts (recipient, at_ms, channel, topic);
        """;

    /// <summary>
    /// A cap's count: the recipient's contacts in the window, from <c>contacts_for_caps</c> alone. The index holds every
    /// column the count reads (an index of a table without rowid carries its key, message and run), so the count reads
    /// the window's index entries only. The index of earlier versions, <c>(recipient, at_ms)</c>, found the window's
    /// entries and then looked each up in the table for its channel and topic: on a year of nightly runs (7,300,000
    /// contacts, 30 in a 30-day window; benchmarks/history-year.sh) that took 2.6 times the processor time per count
    /// (27 µs against 10 µs, the sqlite3 shell 3.40), for an index 1% larger. The first writable open of a file made by an
    /// earlier version drops the old index and builds the new one in its pages, once (10 s of processor time on that year).
    /// </summary>
    internal const string CountSql = """
        SELECT COUNT(*) FROM contacts
        WHERE recipient = $recipient AND at_ms > $since AND at_ms <= $until
          AND ($channel IS NULL OR channel = $channel)
          AND ($message IS NULL OR message = $message)
          AND ($topic IS NULL OR topic = $topic)
          AND ($run IS NULL OR run <> $run);
        """;

    private const string InsertSql = """
        INSERT INTO contacts (recipient, message, run, channel, topic, at_ms)
        VALUES ($recipient, $message, $run, $channel, $topic, $at)
        ON CONFLICT (recipient, message, run) DO NOTHING;
        """;

    private const string SelectSql = """
        SELECT recipient, message, run, channel, topic, at_ms FROM contacts
        WHERE recipient IN ($recipient, $form2, $form3)
        ORDER BY at_ms, message, run, recipient;
        """;

    private const string ForgetSql = "DELETE FROM contacts WHERE recipient = $recipient;";

    private const string PruneSql = "DELETE FROM contacts WHERE at_ms < $before;";

    private const string Restore = "Restore it from a backup, or move it away to start an empty history (caps then start from zero).";

    private readonly SqliteConnection _connection;
    private bool _disposed;
    private readonly Lock _lock = new();

    /// <summary>Opens (or creates) the history file and checks that it can be read and written.</summary>
    /// <param name="path">The database file.</param>
    /// <param name="busyTimeout">How long to wait for another process's write to finish before failing; 5 seconds when null, <see cref="Timeout.InfiniteTimeSpan"/> to wait without end.</param>
    /// <exception cref="ContactHistoryException">The file is locked, read-only, not a database, corrupt, or cannot be created.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="busyTimeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public SqliteContactHistory(string path, TimeSpan? busyTimeout = null)
        : this(path, busyTimeout, readOnly: false)
    {
    }

    private SqliteContactHistory(string path, TimeSpan? busyTimeout, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var timeout = busyTimeout ?? TimeSpan.FromSeconds(5);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(busyTimeout), busyTimeout, "The busy timeout must be zero or more, or Timeout.InfiniteTimeSpan to wait without end.");
        }

        // SQLite reads a negative busy_timeout as "do not wait": infinite is the longest wait it takes (about 24 days).
        var milliseconds = timeout == Timeout.InfiniteTimeSpan ? int.MaxValue : (int)Math.Min(int.MaxValue, Math.Ceiling(timeout.TotalMilliseconds));
        Path = System.IO.Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(milliseconds / 1000.0)),
        };
        _connection = new SqliteConnection(builder.ToString());
        try
        {
            _connection.Open();
            Execute(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {milliseconds};"));
            if (readOnly)
            {
                // No WAL switch, no schema, no write lock: compiling the count checks that the file is a history at all.
                CheckTable(() => Prepare(CountSql));
            }
            else
            {
                OpenForWriting();

                // Every page, before a run records anything: a corrupt file found halfway through a run would be restored from
                // a backup without the contacts the run had recorded. It reads the whole file (1.5 s of processor time at 775
                // MB, a year of nightly runs unpruned; 0.1 s pruned to 30 days). A read-only open (explain, export) writes
                // nothing and reads one recipient's pages, any of which SQLite reports corrupt as it reads it: it skips this.
                // Kept on every writable open, not only a process's first (0.34 s at 174 MB, the README says why).
                if (Scalar("PRAGMA quick_check;") is not "ok" and var problem)
                {
                    throw new ContactHistoryException($"The contact history '{Path}' is corrupt ({problem}). {Restore}");
                }
            }
        }
        catch (SqliteException ex)
        {
            _connection.Dispose();
            throw Translate(ex, "open");
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens an existing history for reading only (<c>explain</c>): it takes no write lock, so it neither waits for nor
    /// blocks a run that is recording, and it never creates or changes the file. Recording into it throws. It checks the
    /// schema but does not read the whole file: a corrupt page is reported (a <see cref="ContactHistoryException"/>) by
    /// the call that reads it; <see cref="Check"/> checks every page.
    /// </summary>
    /// <param name="path">The database file.</param>
    /// <param name="busyTimeout">How long a read waits for a lock before failing; 5 seconds when null, <see cref="Timeout.InfiniteTimeSpan"/> to wait without end.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ContactHistoryException">The file is missing, not a database, or has no contact table.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="busyTimeout"/> is negative and not <see cref="Timeout.InfiniteTimeSpan"/>.</exception>
    public static SqliteContactHistory OpenReadOnly(string path, TimeSpan? busyTimeout = null) => new(path, busyTimeout, readOnly: true);

    /// <summary>Gets the database file's full path.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public int Count(ContactQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var command = _connection.CreateCommand();
                command.CommandText = CountSql;
                command.Parameters.AddWithValue("$recipient", query.RecipientId);
                command.Parameters.AddWithValue("$since", SinceMilliseconds(query.Since));
                command.Parameters.AddWithValue("$until", query.Until.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$channel", (object?)query.Channel ?? DBNull.Value);
                command.Parameters.AddWithValue("$message", (object?)query.MessageId ?? DBNull.Value);
                command.Parameters.AddWithValue("$topic", (object?)query.Topic ?? DBNull.Value);
                command.Parameters.AddWithValue("$run", (object?)query.ExceptRunId ?? DBNull.Value);
                return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (SqliteException ex)
            {
                throw Translate(ex, "read");
            }
        }
    }

    /// <summary>
    /// The window's exclusive start for <c>at_ms &gt; $since</c>. Times are kept to the millisecond (a contact's is
    /// truncated), so a start within a millisecond counts every contact of that millisecond: a contact just after the
    /// start is never missed, at the cost of one made just before it in the same millisecond.
    /// </summary>
    private static long SinceMilliseconds(DateTimeOffset since)
    {
        var milliseconds = since.ToUnixTimeMilliseconds();
        return since.UtcTicks % TimeSpan.TicksPerMillisecond == 0 ? milliseconds : milliseconds - 1;
    }

    /// <inheritdoc/>
    public void Record(ContactRecord contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        RecordMany([contact]);
    }

    /// <summary>Records a group of contacts in one transaction (all or none): a batch run's group, from <c>ContactHistoryObserver</c>.</summary>
    /// <param name="contacts">The contacts.</param>
    /// <exception cref="ContactHistoryException">The history cannot be written.</exception>
    /// <exception cref="ObjectDisposedException">The history is disposed.</exception>
    void IContactHistory.RecordMany(IReadOnlyList<ContactRecord> contacts) => RecordMany(contacts);

    /// <summary>Records several contacts in one transaction (all or none). Contacts already recorded for the same (recipient, message, run) are left as they are.</summary>
    /// <param name="contacts">The contacts.</param>
    /// <returns>How many were new.</returns>
    /// <exception cref="ContactHistoryException">The history cannot be written.</exception>
    /// <exception cref="ObjectDisposedException">The history is disposed.</exception>
    public int RecordMany(IEnumerable<ContactRecord> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var transaction = _connection.BeginTransaction(deferred: false);
                using var command = _connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = InsertSql;
                var recipient = command.Parameters.Add("$recipient", SqliteType.Text);
                var message = command.Parameters.Add("$message", SqliteType.Text);
                var run = command.Parameters.Add("$run", SqliteType.Text);
                var channel = command.Parameters.Add("$channel", SqliteType.Text);
                var topic = command.Parameters.Add("$topic", SqliteType.Text);
                var at = command.Parameters.Add("$at", SqliteType.Integer);
                var added = 0;
                foreach (var contact in contacts)
                {
                    ArgumentNullException.ThrowIfNull(contact);
                    recipient.Value = contact.RecipientId;
                    message.Value = contact.MessageId;
                    run.Value = contact.RunId;
                    channel.Value = contact.Channel;
                    topic.Value = (object?)contact.Topic ?? DBNull.Value;
                    at.Value = contact.At.ToUnixTimeMilliseconds();
                    added += command.ExecuteNonQuery();
                }

                transaction.Commit();
                return added;
            }
            catch (SqliteException ex)
            {
                throw Translate(ex, "write");
            }
        }
    }

    /// <summary>
    /// Reads every contact recorded for one recipient, oldest first: all the history holds about them, for a data
    /// subject's access request (GDPR Art. 15).
    /// </summary>
    /// <param name="recipientId">The recipient's id, read as written and in its other Unicode forms (<c>José</c> with <c>é</c>, and with <c>e</c> + U+0301), as <see cref="ForgetMany"/> erases them; each contact names the form it was recorded under.</param>
    /// <returns>The contacts, oldest first (then by message and run); empty when none is recorded.</returns>
    /// <exception cref="ContactHistoryException">The history cannot be read.</exception>
    /// <exception cref="ObjectDisposedException">The history is disposed.</exception>
    public IReadOnlyList<ContactRecord> Contacts(string recipientId)
    {
        ArgumentNullException.ThrowIfNull(recipientId);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var command = _connection.CreateCommand();
                command.CommandText = SelectSql;
                // The id as written and its other Unicode forms (one, two or none), the missing ones repeating the id.
                var forms = IdForms.Written(recipientId).ToList();
                command.Parameters.AddWithValue("$recipient", recipientId);
                command.Parameters.AddWithValue("$form2", forms.ElementAtOrDefault(1) ?? recipientId);
                command.Parameters.AddWithValue("$form3", forms.ElementAtOrDefault(2) ?? recipientId);
                using var reader = command.ExecuteReader();
                var contacts = new List<ContactRecord>();
                while (reader.Read())
                {
                    contacts.Add(new ContactRecord(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                        reader.GetString(2)));
                }

                return contacts;
            }
            catch (SqliteException ex)
            {
                throw Translate(ex, "read");
            }
        }
    }

    /// <summary>
    /// Erases every contact of one recipient (GDPR Art. 17) and wipes them from the file: see <see cref="ForgetMany"/>.
    /// </summary>
    /// <param name="recipientId">The recipient's id.</param>
    /// <returns>How many contacts were erased (0 when the history held none).</returns>
    /// <exception cref="ContactHistoryException">The history cannot be written, or the erased contacts could not be wiped from its write-ahead log (the message says how to finish).</exception>
    /// <exception cref="ObjectDisposedException">The history is disposed.</exception>
    public int Forget(string recipientId)
    {
        ArgumentNullException.ThrowIfNull(recipientId);
        return ForgetMany([recipientId])[recipientId];
    }

    /// <summary>
    /// Erases every contact of several recipients in one transaction (all or none), for a batch of erasure requests
    /// (GDPR Art. 17), then wipes them: the rows are overwritten with zeros as they are deleted, and the write-ahead log,
    /// which still holds earlier copies of the pages, is checkpointed into the file and truncated. The recipients' caps
    /// then start from zero.
    /// </summary>
    /// <param name="recipientIds">
    /// The recipients' ids; one given twice is erased once. An id is erased as written and in its other Unicode forms
    /// (<c>José</c> with <c>é</c>, and with <c>e</c> + U+0301), which runs over exports made on different systems record
    /// as two recipients.
    /// </param>
    /// <returns>How many contacts were erased for each id, of every form (0 for one the history held nothing about), in the order given.</returns>
    /// <exception cref="ContactHistoryException">
    /// The history cannot be written (nothing was erased), or another process kept reading the file for longer than the
    /// busy timeout, so the erased contacts' old copies remain in its <c>-wal</c> file: the message says how many were
    /// erased, and calling again once that process is done (it erases nothing more) finishes the wiping.
    /// </exception>
    /// <exception cref="ObjectDisposedException">The history is disposed.</exception>
    public IReadOnlyDictionary<string, int> ForgetMany(IEnumerable<string> recipientIds)
    {
        ArgumentNullException.ThrowIfNull(recipientIds);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var erased = new Dictionary<string, int>(StringComparer.Ordinal);
            try
            {
                using (var transaction = _connection.BeginTransaction(deferred: false))
                using (var command = _connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandText = ForgetSql;
                    var recipient = command.Parameters.Add("$recipient", SqliteType.Text);
                    foreach (var id in recipientIds)
                    {
                        ArgumentNullException.ThrowIfNull(id, nameof(recipientIds));
                        if (!erased.ContainsKey(id))
                        {
                            var count = 0;
                            foreach (var form in IdForms.Written(id))
                            {
                                recipient.Value = form;
                                count += command.ExecuteNonQuery();
                            }

                            erased.Add(id, count);
                        }
                    }

                    transaction.Commit();
                }

                Wipe(erased.Values.Sum(), "erased");
                return erased;
            }
            catch (SqliteException ex)
            {
                throw Translate(ex, "erase contacts in");
            }
        }
    }

    /// <summary>
    /// Deletes every contact made before an instant, and wipes them from the file as <see cref="ForgetMany"/> does: for
    /// storage limitation (GDPR Art. 5(1)(e)), keep only what a cap can still count. A cap of window W judged at T counts
    /// contacts after T - W, so pruning before (now - the longest window any catalog recording here uses) changes no
    /// decision made from now on; a run with an earlier <c>--as-of</c> would then find fewer contacts.
    /// </summary>
    /// <param name="before">The cutoff: contacts made before it (to the millisecond, as the file keeps them) are deleted, one made at it is kept.</param>
    /// <returns>How many contacts were deleted.</returns>
    /// <exception cref="ContactHistoryException">The history cannot be written (nothing was deleted), or the deleted contacts could not be wiped from its write-ahead log (the message says how to finish).</exception>
    /// <exception cref="ObjectDisposedException">The history is disposed.</exception>
    public int Prune(DateTimeOffset before)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                int deleted;
                using (var transaction = _connection.BeginTransaction(deferred: false))
                using (var command = _connection.CreateCommand())
                {
                    command.Transaction = transaction;
                    command.CommandText = PruneSql;

                    // A contact is kept to the millisecond (truncated): one in the cutoff's millisecond may be after it.
                    command.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
                    deleted = command.ExecuteNonQuery();
                    transaction.Commit();
                }

                Wipe(deleted, "pruned");
                return deleted;
            }
            catch (SqliteException ex)
            {
                throw Translate(ex, "prune");
            }
        }
    }

    /// <summary>
    /// Rewrites the file without its free pages, so it shrinks to what it holds. A delete (<see cref="Prune"/>,
    /// <see cref="ForgetMany"/>) frees pages inside the file, which later contacts reuse, but the file keeps its size: the
    /// first prune after a year of nightly runs with a 30-day cap frees eleven twelfths of it. Run it after such a prune;
    /// a history pruned every night needs it no more (each night's contacts fill the pages the night before freed).
    /// </summary>
    /// <remarks>
    /// It rewrites the whole file: it takes time in proportion to what the file holds (not to what was freed), needs free
    /// disk space for a copy of what it holds (in the temporary folder, then in the <c>-wal</c> file, which is emptied
    /// at the end), and holds the write lock while it runs, so a run that records waits for it (up to its busy timeout).
    /// </remarks>
    /// <returns>How many bytes the file shrank by.</returns>
    /// <exception cref="ContactHistoryException">The history cannot be written, or another process kept reading it, so the file could not be shrunk yet (the message says how to finish).</exception>
    /// <exception cref="ObjectDisposedException">The history is disposed.</exception>
    public long Vacuum()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                var before = new FileInfo(Path).Length;
                Execute("VACUUM;");

                // The rewritten pages are in the -wal file until a checkpoint copies them back and cuts the file to size.
                if (!Checkpoint())
                {
                    throw new ContactHistoryException($"The contact history '{Path}' was rewritten without its free pages, but another process kept reading it, so the file keeps its size and the rewritten pages stay in '{Path}-wal' for now. Run the same command again once no run is using the file.");
                }

                return before - new FileInfo(Path).Length;
            }
            catch (SqliteException ex)
            {
                throw Translate(ex, "vacuum");
            }
        }
    }

    /// <summary>
    /// Checks the whole file with SQLite's <c>PRAGMA integrity_check</c>: every page, as opening for writing does with
    /// <c>PRAGMA quick_check</c>, and also every entry of the index caps count from (<c>contacts_for_caps</c>) against the
    /// contact it stands for, which the quicker check does not compare (an index out of step miscounts caps without an
    /// error). It reads the file end to end and takes about three times the quicker check's time (at 174 MB, 1,800,000
    /// contacts: 1.1 s of processor time against 0.37 s, the sqlite3 shell 3.40): run it on demand
    /// (<c>onetoone history check</c>), after restoring or copying the file, or on a schedule.
    /// </summary>
    /// <returns>The problems, as SQLite words them (at most 100); empty when the file is sound.</returns>
    /// <exception cref="ContactHistoryException">The file cannot be read (locked past the busy timeout, say).</exception>
    /// <exception cref="ObjectDisposedException">The history is disposed.</exception>
    public IReadOnlyList<string> Check()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                using var command = _connection.CreateCommand();
                command.CommandText = "PRAGMA integrity_check;";
                using var reader = command.ExecuteReader();
                var problems = new List<string>();
                while (reader.Read())
                {
                    problems.Add(reader.GetString(0));
                }

                return problems is ["ok"] ? [] : problems;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is 11 or 26)
            {
                // A page so damaged that the check itself cannot go on: that is its finding.
                return [ex.Message];
            }
            catch (SqliteException ex)
            {
                throw Translate(ex, "check");
            }
        }
    }

    /// <summary>
    /// Copies the pages the delete just overwrote into the file and empties the write-ahead log, whose earlier frames
    /// still hold the deleted rows. It waits (up to the busy timeout) for readers of an older snapshot to finish; one that
    /// does not leaves the old frames in place, and that is reported, never passed over. Called even when nothing was
    /// deleted, so that calling again finishes the wiping an earlier call could not.
    /// </summary>
    private void Wipe(int deleted, string done)
    {
        if (!Checkpoint())
        {
            throw new ContactHistoryException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{deleted} {(deleted == 1 ? "contact was" : "contacts were")} {done} from the contact history '{Path}', but another process kept reading it, so older copies of them remain in '{Path}-wal'. Run the same command again once no run is using the file: it deletes nothing more and finishes the wiping."));
        }
    }

    /// <summary>Copies the write-ahead log into the file and empties it; false when a reader of an older snapshot stopped that within the busy timeout.</summary>
    private bool Checkpoint()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var reader = command.ExecuteReader();
        return !(reader.Read() && reader.GetInt64(0) != 0);
    }

    /// <summary>Switches to WAL and creates the schema under the write lock, so a read-only or locked file fails before any rendering.</summary>
    private void OpenForWriting()
    {
        // A file SQLite can open only for reading (its mode, another owner's file, an immutable file, a read-only mount)
        // opens without an error, as read-only: BEGIN IMMEDIATE and the schema, which is already there, write nothing, so
        // the first contact recorded would fail instead, once messages had gone out uncounted.
        if (SQLitePCL.raw.sqlite3_db_readonly(_connection.Handle, "main") == 1)
        {
            throw new SqliteException("attempt to write a readonly database", 8);
        }

        var mode = Scalar("PRAGMA journal_mode = WAL;") as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new ContactHistoryException($"The contact history '{Path}' could not be switched to WAL mode (it reports '{mode}'). Use a file on a local disk.");
        }

        Execute("PRAGMA synchronous = NORMAL;");

        // Deleting (Forget, Prune) overwrites the rows' bytes with zeros instead of only unlinking them, so an erased
        // recipient cannot be read back from free pages or free space inside a page. Measured on 400,000 contacts,
        // erasing 50 recipients took 34 ms with it against 12 ms without (SQLite 3.40; VACUUM, the other way: 844 ms, and 6.6 s at
        // 2,000,000 contacts, growing with the file rather than with what is erased). Nothing else here deletes.
        Execute("PRAGMA secure_delete = ON;");

        // BEGIN IMMEDIATE takes the write lock.
        using var transaction = _connection.BeginTransaction(deferred: false);
        CheckTable(() =>
        {
            Execute(Schema, transaction);
            Prepare(CountSql, transaction);
            Prepare(InsertSql, transaction);
            Prepare(SelectSql, transaction);
            Prepare(ForgetSql, transaction);
            Prepare(PruneSql, transaction);
        });
        transaction.Commit();
    }

    /// <summary>
    /// Runs the schema and compiles the history's statements against the file: a <c>contacts</c> table of another shape,
    /// which <c>CREATE TABLE IF NOT EXISTS</c> leaves as it is, fails here rather than at the first count, once rendering
    /// has begun, or at the first record (a table without the key), once a message has been written.
    /// </summary>
    private void CheckTable(Action statements)
    {
        try
        {
            statements();
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1)
        {
            throw new ContactHistoryException($"The contact history '{Path}' is not a contact history: its 'contacts' table is missing or of another shape ({ex.Message}), another program's or another version's. Point the run at another file, or move this one away to start an empty history (caps then start from zero).", ex);
        }
    }

    private void Prepare(string sql, SqliteTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Prepare();
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _connection.Dispose();
        }
    }

    private ContactHistoryException Translate(SqliteException ex, string doing)
    {
        var fix = ex.SqliteErrorCode switch
        {
            5 or 6 => $"it is locked by another process that did not finish in time. Wait for the other run to end (or raise the busy timeout) and try again",
            8 => "it is read-only. Give the run write access to the file and its folder (SQLite writes a -wal and a -shm file next to it)",
            3 or 14 => "it cannot be opened or created. Check that the folder exists and is writable",
            11 or 26 => "it is not a valid SQLite database or is corrupt. " + Restore.TrimEnd('.'),
            _ => "check the file and try again",
        };
        return new ContactHistoryException($"Cannot {doing} the contact history '{Path}': {fix}. (SQLite error {ex.SqliteErrorCode}: {ex.Message})", ex);
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
