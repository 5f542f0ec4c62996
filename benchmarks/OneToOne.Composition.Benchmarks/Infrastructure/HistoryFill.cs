using System.Diagnostics;
using System.Globalization;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Sqlite;

namespace OneToOne.Composition.Benchmarks.Infrastructure;

/// <summary>
/// <c>--history-fill FILE NIGHTS RECIPIENTS LAST_NIGHT</c>: fills a contact history with the contacts a year of nightly
/// runs would leave, for <c>history-year.sh</c>. Night <c>n</c> (the last one on <c>LAST_NIGHT</c>, at 05:00 UTC, as a cron
/// given <c>--as-of</c> records) contacts every one of the recipients <c>c0000001</c>… (the ids the scripts generate)
/// with message <c>monthly</c> by email in run <c>night-YYYY-MM-DD</c>. The contacts go in through
/// <see cref="SqliteContactHistory.RecordMany"/>, the product's own bulk path, in the table's key order (recipient by
/// recipient, 500 to a transaction): night by night, each night's transaction rewrites every page of the table (its key
/// starts with the recipient, so one night's contacts land on every page), which takes this VM most of an hour for a
/// year. Rows written in key order pack the pages full, where a year of nightly runs leaves pages split by inserts: the
/// script reports the file as this fill leaves it, and the night-by-night file was measured larger (see results).
/// </summary>
internal static class HistoryFill
{
    private const int RecipientsPerTransaction = 500;

    public static void Run(string path, int nights, int recipients, DateTimeOffset lastNight)
    {
        var runs = new (DateTimeOffset At, string Run)[nights];
        for (var night = 0; night < nights; night++)
        {
            var at = lastNight.AddDays(night - nights + 1);
            runs[night] = (at, string.Create(CultureInfo.InvariantCulture, $"night-{at:yyyy-MM-dd}"));
        }

        var watch = Stopwatch.StartNew();
        long total = 0;
        using var history = new SqliteContactHistory(path);
        for (var first = 1; first <= recipients; first += RecipientsPerTransaction)
        {
            total += history.RecordMany(Contacts(first, Math.Min(recipients, first + RecipientsPerTransaction - 1), runs));
            if (first % (RecipientsPerTransaction * 10) == 1)
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {total:N0} contacts, {watch.Elapsed.TotalSeconds:F0} s, {new FileInfo(path).Length / 1048576.0:F0} MB"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"filled {total:N0} contacts ({nights} nights x {recipients:N0} recipients) in {watch.Elapsed.TotalSeconds:F1} s, {total / watch.Elapsed.TotalSeconds:F0} contacts/s"));
    }

    /// <summary>The recipients' contacts in the table's key order: recipient, message, run (the run's id sorts as its night does).</summary>
    private static IEnumerable<ContactRecord> Contacts(int first, int last, (DateTimeOffset At, string Run)[] runs)
    {
        for (var i = first; i <= last; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"c{i:D7}");
            foreach (var (at, run) in runs)
            {
                yield return new ContactRecord(id, "monthly", "email", null, at, run);
            }
        }
    }
}
