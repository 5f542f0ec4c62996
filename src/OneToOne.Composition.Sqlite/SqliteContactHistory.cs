using Microsoft.Data.Sqlite;
using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Sqlite;

/// <summary>
/// A contact history in one SQLite file (created with its schema when missing), in WAL mode so that readers and one
/// writer proceed together. Several processes may record into the same file: every write is a transaction, and the
/// key (recipient, message, run) makes recording idempotent, so a re-run never double-counts. Opening checks the
/// file end to end (schema, a write, an integrity check) and throws <see cref="ContactHistoryException"/> when it is
/// locked, read-only or corrupt, so a run stops before anything is rendered instead of skipping caps.
/// </summary>
/// <remarks>Thread-safe: calls are serialised over one connection.</remarks>
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
        CREATE INDEX IF NOT EXISTS contacts_by_recipient_time ON contacts (recipient, at_ms);
        """;

    private const string CountSql = """
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
            }

            if (Scalar("PRAGMA quick_check;") is not "ok" and var problem)
            {
                throw new ContactHistoryException($"The contact history '{Path}' is corrupt ({problem}). Restore it from a backup, or move it away to start an empty history (caps then start from zero).");
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
    /// blocks a run that is recording, and it never creates or changes the file. Recording into it throws.
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

    /// <summary>Switches to WAL and creates the schema under the write lock, so a read-only or locked file fails before any rendering.</summary>
    private void OpenForWriting()
    {
        var mode = Scalar("PRAGMA journal_mode = WAL;") as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new ContactHistoryException($"The contact history '{Path}' could not be switched to WAL mode (it reports '{mode}'). Use a file on a local disk.");
        }

        Execute("PRAGMA synchronous = NORMAL;");

        // BEGIN IMMEDIATE takes the write lock.
        using var transaction = _connection.BeginTransaction(deferred: false);
        CheckTable(() =>
        {
            Execute(Schema, transaction);
            Prepare(CountSql, transaction);
            Prepare(InsertSql, transaction);
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
            11 or 26 => "it is not a valid SQLite database or is corrupt. Restore it from a backup, or move it away to start an empty history (caps then start from zero)",
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
