using System.Globalization;
using System.Text;
using System.Text.Json;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Cli.Input;

/// <summary>
/// Reads a recipient file a record at a time (diff, proof and watch read whole customer files of millions: none holds
/// the file in memory).
/// </summary>
internal static class RecipientFile
{
    /// <summary>
    /// Reads the records one at a time, as they are enumerated (the file is opened by the first step and closed when
    /// the enumeration ends or is disposed); unreadable ones are reported to <paramref name="errorOut"/> as they are
    /// reached, and skipped.
    /// </summary>
    /// <param name="path">A JSON Lines or CSV file.</param>
    /// <param name="idField">The field that holds each recipient's id.</param>
    /// <param name="stdin">Read when the path is <c>-</c>.</param>
    /// <param name="errorOut">Receives one line per unreadable record.</param>
    /// <returns>The recipients, in file order.</returns>
    /// <exception cref="RecipientInputException">The file cannot be read at all (from the first step), or not past a record (from the step that reaches it).</exception>
    public static IEnumerable<Recipient> Read(string path, string idField, TextReader stdin, TextWriter errorOut)
    {
        foreach (var (_, recipient) in ReadNumbered(path, idField, stdin, errorOut))
        {
            yield return recipient;
        }
    }

    /// <summary>
    /// As <see cref="Read"/>, with each recipient's 1-based record number as <c>render</c> numbers it (a trace's
    /// <c>record</c>, a rejects file's <c>number</c>): a record that cannot be read still takes its number, and blank
    /// lines and the CSV header take none.
    /// </summary>
    /// <inheritdoc cref="Read"/>
    public static IEnumerable<(long Number, Recipient Recipient)> ReadNumbered(string path, string idField, TextReader stdin, TextWriter errorOut)
    {
        using var input = RecipientInput.Open(path, stdin);
        if (input.Format == RecipientFormat.JsonLines)
        {
            // Our own loop over lines, as a render reads them (the same parser, so the same records refused).
            string? line;
            var number = 0;
            long record = 0;
            var utf8 = Utf8TextReader.Of(input.Reader);
            var parser = new RecipientJsonParser(idField);
            while ((line = input.Reader.ReadLine()) is not null)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                // Numbered as a render numbers it: a line skipped below is still a record.
                record++;

                // A line that is not UTF-8 is skipped as a render rejects it, not read with U+FFFD for its bad bytes.
                if (utf8?.TakeError(number, number) is { } notUtf8)
                {
                    errorOut.WriteLine($"{path}: skipped line {number}: {notUtf8}");
                    continue;
                }

                Recipient recipient;
                try
                {
                    recipient = parser.Parse(Encoding.UTF8.GetBytes(line));
                }
                catch (JsonException ex)
                {
                    // The same words as a render's rejected line: the position counts within the line.
                    errorOut.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: skipped line {number}: not valid JSON (at byte {(ex.BytePositionInLine ?? 0) + 1} of the line)."));
                    continue;
                }
                catch (FormatException ex)
                {
                    errorOut.WriteLine($"{path}: skipped line {number}: {ex.Message}");
                    continue;
                }

                yield return (record, recipient);
            }

            yield break;
        }

        foreach (var record in RecipientReader.Read(input.Reader, input.Format, idField))
        {
            if (record.Recipient is { } recipient)
            {
                yield return (record.Number, recipient);
            }
            else
            {
                errorOut.WriteLine($"{path}: skipped record {record.Number}: {record.Error}");
            }
        }
    }
}
