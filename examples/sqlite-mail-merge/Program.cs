using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OneToOne.Composition;
using OneToOne.Composition.Batch;

// A mail merge straight from a database: the example creates a real SQLite file (crm.db) holding the beer-of-the-month
// customers, queries it with ADO.NET, and streams the IDataReader through the batch runner into one .eml per customer,
// with a checkpoint so an interrupted run carries on where it stopped.
//
//   dotnet run --project examples/sqlite-mail-merge [-- OUT_DIR]
var root = FindRoot();
var outDirectory = args.Length > 0 ? args[0] : Path.Combine(root, "out", "sqlite-mail-merge");
Directory.CreateDirectory(outDirectory);
var database = Path.Combine(outDirectory, "crm.db");
var connectionString = new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString();

await using (var connection = new SqliteConnection(connectionString))
{
    await connection.OpenAsync();
    await CreateCustomers(connection, Path.Combine(root, "examples", "beer-of-the-month", "recipients.jsonl"));
}

var catalog = new CatalogLoader().Load(Path.Combine(root, "examples", "beer-of-the-month"));
var channel = new ChannelSettings(BatchChannel.Email) { Documents = new EmailBatchRenderer() };
using var checkpoint = BatchCheckpoint.Open(Path.Combine(outDirectory, "run.checkpoint"), "sqlite-mail-merge monthly email");
if (checkpoint.IsCompleted)
{
    Console.WriteLine($"{checkpoint.Path} says this run is complete; delete it (and {outDirectory}/mail) to run again.");
    return 0;
}

await using (var connection = new SqliteConnection(connectionString))
{
    await connection.OpenAsync();
    await using var query = connection.CreateCommand();
    // unsubscribed is declared BOOLEAN, so its 0/1 reads as the true/false the catalog's suppress rule compares with.
    query.CommandText = "SELECT id, first_name, nickname, email, gender, iq, tier, points, last_category, country, locale, unsubscribed FROM customers ORDER BY id";
    await using var reader = await query.ExecuteReaderAsync();
    await using var sink = new CompositeMessageSink(
        new DirectorySink(Path.Combine(outDirectory, "mail"), channel),
        new RejectsSink(Path.Combine(outDirectory, "rejects.jsonl")));
    var runner = new BatchRunner(catalog, "monthly", channel, new BatchOptions { Checkpoint = checkpoint });
    var summary = await runner.RunAsync(RecipientReader.Read(reader), sink);
    Console.Write(summary.ToReport());
    await File.WriteAllTextAsync(Path.Combine(outDirectory, "summary.json"), summary.ToJson());
    Console.WriteLine($"emails in {Path.Combine(outDirectory, "mail")}, database {database}");
    return summary.Rejected > 0 ? 2 : 0;
}

static async Task CreateCustomers(SqliteConnection connection, string jsonl)
{
    await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
    await using (var create = connection.CreateCommand())
    {
        create.Transaction = transaction;
        create.CommandText = """
            DROP TABLE IF EXISTS customers;
            CREATE TABLE customers(id TEXT PRIMARY KEY, first_name TEXT NOT NULL, nickname TEXT, email TEXT, gender TEXT,
                                   iq INTEGER, tier TEXT, points INTEGER, last_category TEXT, country TEXT, locale TEXT,
                                   unsubscribed BOOLEAN NOT NULL);
            """;
        await create.ExecuteNonQueryAsync();
    }

    await using var insert = connection.CreateCommand();
    insert.Transaction = transaction;
    string[] columns = ["id", "first_name", "nickname", "email", "gender", "iq", "tier", "points", "last_category", "country", "locale", "unsubscribed"];
    insert.CommandText = $"INSERT INTO customers({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(static c => "$" + c))})";
    foreach (var line in await File.ReadAllLinesAsync(jsonl))
    {
        using var customer = JsonDocument.Parse(line);
        insert.Parameters.Clear();
        foreach (var column in columns)
        {
            object value = customer.RootElement.TryGetProperty(column, out var field) ? field.ValueKind switch
            {
                JsonValueKind.Number => field.GetInt64(),
                JsonValueKind.True => 1,
                JsonValueKind.False => 0,
                JsonValueKind.String => field.GetString()!,
                _ => DBNull.Value,
            } : DBNull.Value;
            insert.Parameters.AddWithValue("$" + column, value);
        }

        await insert.ExecuteNonQueryAsync();
    }

    await transaction.CommitAsync();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"created {connection.DataSource} with the customers of {Path.GetFileName(jsonl)}"));
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "OneToOne.Composition.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run the example from inside the repository.");
}
