using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Sqlite;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>onetoone history forget|prune|export|check HISTORY …</c>: data protection on a <c>--history</c> file. Show what it holds
/// about a recipient (access), forget recipients (erasure) and prune contacts no cap counts any more (storage limitation);
/// and check the whole file on demand.
/// </summary>
internal sealed class HistoryCommand : Command
{
    /// <summary>Initializes the command group.</summary>
    /// <param name="console">The streams to use.</param>
    public HistoryCommand(CliConsole console)
        : base("history", "Data protection on a contact history (render --history FILE): export what it holds about recipients, forget them, prune old contacts; check the whole file.")
    {
        Subcommands.Add(new HistoryForgetCommand(console));
        Subcommands.Add(new HistoryPruneCommand(console));
        Subcommands.Add(new HistoryExportCommand(console));
        Subcommands.Add(new HistoryCheckCommand(console));
    }

    /// <summary>Creates the <c>HISTORY</c> argument: the SQLite file <c>render --history</c> records into.</summary>
    /// <returns>The argument.</returns>
    public static Argument<string> File() => new("HISTORY")
    {
        Description = "The contact history: the SQLite file 'render --history' records into.",
    };

    /// <summary>Creates the repeatable <c>--recipient</c> option.</summary>
    /// <param name="what">What is done to the recipients, for the description.</param>
    /// <returns>The option.</returns>
    public static Option<string[]> Recipient(string what) => new("--recipient", "-r")
    {
        Description = $"The id of a recipient to {what} (the --id-field value render recorded); repeat it for several.",
        HelpName = "ID",
    };

    /// <summary>Creates the <c>--recipients-file</c> option: ids one per line, <c>-</c> for standard input.</summary>
    /// <returns>The option.</returns>
    public static Option<string> RecipientsFile() => new("--recipients-file")
    {
        Description = "A text file of recipient ids, one per line (blank lines are skipped), or - for standard input: a batch of requests.",
        HelpName = "FILE",
    };

    /// <summary>
    /// Gathers the ids of <c>--recipient</c> and <c>--recipients-file</c>, in order; on failure (none given, a file that
    /// cannot be read) writes the error and returns null.
    /// </summary>
    /// <param name="parseResult">The command line.</param>
    /// <param name="recipient">The <c>--recipient</c> option.</param>
    /// <param name="file">The <c>--recipients-file</c> option.</param>
    /// <param name="console">The streams.</param>
    /// <returns>The ids, or null.</returns>
    public static List<string>? RecipientIds(ParseResult parseResult, Option<string[]> recipient, Option<string> file, CliConsole console)
    {
        var ids = new List<string>(parseResult.GetValue(recipient) ?? []);
        if (parseResult.GetValue(file) is { } path)
        {
            try
            {
                var text = path == "-" ? console.In.ReadToEnd() : System.IO.File.ReadAllText(path, Encoding.UTF8);

                // An id is the line as it is (ids may hold spaces), without a Windows line end; a blank line is no id.
                ids.AddRange(text.Split('\n').Select(static line => line.TrimEnd('\r')).Where(static line => !string.IsNullOrWhiteSpace(line)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: cannot read the recipients file '{path}': {ex.Message}");
                return null;
            }
        }

        if (ids.Count == 0)
        {
            console.Error.WriteLine("error: no recipient given. Give --recipient ID (repeat it for several) or --recipients-file FILE (one id per line).");
            return null;
        }

        return ids;
    }

    /// <summary>Writes one JSON object as a line of JSON Lines.</summary>
    /// <param name="write">Writes the object's members.</param>
    /// <returns>The line, without its line end.</returns>
    public static string JsonLine(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Opens an existing history, read-only or for writing; on failure writes the error and returns null. A missing file
    /// is an error, not an empty history: a mistyped path must not answer "nothing held" or "erased".
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="readOnly">Whether to open it read-only (export).</param>
    /// <param name="error">Receives the error.</param>
    /// <returns>The history, or null.</returns>
    public static SqliteContactHistory? Open(string path, bool readOnly, TextWriter error)
    {
        if (!System.IO.File.Exists(path))
        {
            error.WriteLine($"error: the contact history '{Path.GetFullPath(path)}' does not exist. Give the file 'render --history' records into.");
            return null;
        }

        try
        {
            return readOnly ? SqliteContactHistory.OpenReadOnly(path) : new SqliteContactHistory(path);
        }
        catch (ContactHistoryException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return null;
        }
    }
}
