using System.Globalization;
using OneToOne.Composition.Email;

namespace OneToOne.Composition.Cli.Output;

/// <summary>
/// Counts the emails of a run the composer warned about, for the report on stderr: each record's warnings went only into
/// its line of <c>results.jsonl</c> (or of standard output), which a run of thousands is not read line by line for, so an
/// HTML part Gmail clips — the footer with the unsubscribe link and the legal text hidden behind "[Message clipped]" —
/// went out unnoticed after "47 rendered". Counts this run's records (not those a resumed run did before).
/// </summary>
internal sealed class EmailWarningTally : IMessageSink, IResultBorrower
{
    private long _emails;
    private long _clipped;
    private long _other;
    private string? _firstClipped;
    private (string Id, string Warning)? _firstOther;

    /// <inheritdoc/>
    bool IResultBorrower.KeepsNoResults => true;

    /// <inheritdoc/>
    public ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
    {
        if (result.Document is not EmailBatchDocument { Email.Warnings: var warnings })
        {
            return ValueTask.CompletedTask;
        }

        _emails++;
        var id = result.Id ?? "record " + result.Number.ToString(CultureInfo.InvariantCulture);
        string? other = null;
        var clipped = false;
        foreach (var warning in warnings)
        {
            if (warning.Contains("Gmail clips", StringComparison.Ordinal))
            {
                clipped = true;
            }
            else
            {
                other ??= warning;
            }
        }

        if (clipped && _clipped++ == 0)
        {
            _firstClipped = id;
        }

        if (other is not null && _other++ == 0)
        {
            _firstOther = (id, other);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>The lines to report, each ending in a line break; empty when no email was warned about.</summary>
    /// <param name="where">Where the records' <c>warnings</c> are: <c>results.jsonl</c> or standard output.</param>
    /// <returns>The lines.</returns>
    public string Report(string where)
    {
        var report = new System.Text.StringBuilder();
        if (_clipped > 0)
        {
            report.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"warning: {_clipped} of {_emails} emails have an HTML part over {EmailOptions.GmailClipBytes / 1024} KB (first: {OneLineText.Escape(_firstClipped!)}), where Gmail clips the message and hides the rest behind \"[Message clipped]\", the footer's unsubscribe link and legal text with it; shorten the layout or the modules' HTML (each email's size is in its \"warnings\" in {where})."));
        }

        if (_firstOther is var (id, warning))
        {
            report.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"warning: {_other} of {_emails} emails have {(_clipped > 0 ? "other " : string.Empty)}warnings (each in its \"warnings\" in {where}); the first, {OneLineText.Escape(id)}: {OneLineText.Shorten(OneLineText.Escape(warning), 400)}"));
        }

        return report.ToString();
    }
}
