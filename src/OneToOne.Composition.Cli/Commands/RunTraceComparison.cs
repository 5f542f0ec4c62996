using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OneToOne.Composition.Decisions;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// <c>explain --run-trace FILE</c>: the trace a run kept for the recipient, against which a replay is compared, so an
/// auditor is told plainly when the replay differs because the contact history changed since the run (contacts pruned
/// or forgotten, or the run's own contact counted), not because the run decided wrongly.
/// </summary>
internal static partial class RunTraceComparison
{
    /// <summary>
    /// Finds the run's trace of the recipient and message in a file: one trace (as <c>explain --format json</c> writes
    /// it), or JSON lines, each a trace or a record line of <c>render --trace</c> with its <c>"trace"</c>.
    /// </summary>
    /// <returns>The trace, or null with <paramref name="problem"/> saying why none was found.</returns>
    public static JsonDocument? Find(string path, string? recipientId, string messageId, out string? problem)
    {
        var found = Scan(path, trace => trace.TryGetProperty("recipient", out var recipient) && recipient.ValueKind == JsonValueKind.String && recipient.GetString() == recipientId, messageId, out problem);
        if (found is null && problem is null)
        {
            problem = $"the run's trace file '{path}' has no trace of recipient '{recipientId}' for message '{messageId}' (a line with \"traceVersion\", or a render --trace line whose \"trace\" names them)";
        }

        return found;
    }

    /// <summary>
    /// Finds the run's trace of the record with a number (<c>explain --record N</c>), as <see cref="Find"/> finds one by
    /// id: the trace whose <c>"record"</c> is <paramref name="number"/>, which must name the recipient the record read has.
    /// </summary>
    /// <returns>The trace, or null with <paramref name="problem"/> saying why none was found, or why it is not the record's.</returns>
    public static JsonDocument? FindRecord(string path, long number, string? recipientId, string messageId, out string? problem)
    {
        var found = FindNumber(path, number, messageId, out problem);
        if (found is null)
        {
            return null;
        }

        var traced = RecipientOf(found.RootElement);
        if (traced != recipientId)
        {
            found.Dispose();
            problem = NotTheRunsInput(number, traced, recipientId);
            return null;
        }

        return found;
    }

    /// <summary>
    /// Finds the run's trace of a record read by its id or as a file's first (<c>explain --id X</c>, or no --id): by the
    /// record's number and id together, since the first trace with the id may be another record's (another run's, where
    /// a file holds the traces of several runs); else by id (traces written before they carried their number, or a recipients
    /// file in another order than the run's), with <paramref name="note"/> saying which record's trace that is when its
    /// number is not the record's.
    /// </summary>
    /// <returns>The trace, or null with <paramref name="problem"/> saying why none was found.</returns>
    public static JsonDocument? FindRead(string path, long number, string? recipientId, string messageId, out string? problem, out string? note)
    {
        note = null;
        var exact = Scan(path, trace => RecordOf(trace) == number && RecipientOf(trace) == recipientId, messageId, out problem);
        if (exact is not null || problem is not null)
        {
            return exact;
        }

        var byId = Find(path, recipientId, messageId, out problem);
        if (byId is not null && RecordOf(byId.RootElement) is { } other)
        {
            note = string.Create(CultureInfo.InvariantCulture,
                $"the record read is record {number} of the --recipient file, but the run's trace has no trace of record {number} with recipient {Quoted(recipientId)}: compared with its trace of record {other}, the one it {(byId.RootElement.TryGetProperty("undecided", out _) ? "kept" : "decided")} for {Quoted(recipientId)}. The --recipient file is not the one the run read, or not in its order: give the run's own file to compare record {number} with its own trace.");
        }

        return byId;
    }

    /// <summary>The run's trace of the record numbered <paramref name="number"/>, whoever it names; null with <paramref name="problem"/> when there is none.</summary>
    public static JsonDocument? FindNumber(string path, long number, string messageId, out string? problem)
    {
        var found = Scan(path, trace => RecordOf(trace) == number, messageId, out problem);
        if (found is null)
        {
            problem ??= string.Create(CultureInfo.InvariantCulture,
                $"the run's trace file '{path}' has no trace of record {number} for message '{messageId}' (a trace with \"record\": {number}; traces written before they carried their record number have none: find the recipient's with --id)");
        }

        return found;
    }

    /// <summary>The record number a trace carries, or null (an inline recipient's, or a trace written before traces carried it).</summary>
    public static long? RecordOf(JsonElement trace) =>
        trace.TryGetProperty("record", out var record) && record.ValueKind == JsonValueKind.Number && record.TryGetInt64(out var n) ? n : null;

    /// <summary>The recipient id a trace names, or null.</summary>
    public static string? RecipientOf(JsonElement trace) =>
        trace.TryGetProperty("recipient", out var recipient) && recipient.ValueKind == JsonValueKind.String ? recipient.GetString() : null;

    /// <summary>
    /// What the run's trace of a record that explain cannot read says (<c>explain --record N</c> of a record that is not
    /// valid UTF-8, has a key twice or is too long): that the run did not decide it either, with the run's reason, or that
    /// the run's record of that number is another (the --recipient file is not the run's input).
    /// </summary>
    public static string Unread(JsonElement run, long number, string? recipientId)
    {
        var traced = RecipientOf(run);
        if (recipientId is not null && traced is not null && traced != recipientId)
        {
            return NotTheRunsInput(number, traced, recipientId);
        }

        if (!run.TryGetProperty("undecided", out var undecided))
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"the run read and decided record {number} (recipient {Quoted(traced)}{(run.TryGetProperty("suppressed", out var s) && s.ValueKind == JsonValueKind.True ? ", suppressed" : string.Empty)}), which this --recipient file's record {number} cannot be: give the recipients file the run read, with its --id-field and --schema");
        }

        var why = undecided.TryGetProperty("error", out var error) ? error.GetString() : undecided.TryGetProperty("reason", out var reason) ? reason.GetString() : null;
        var stage = undecided.TryGetProperty("stage", out var at) ? $" at {at.GetString()}" : string.Empty;
        return string.Create(CultureInfo.InvariantCulture,
            $"the run did not decide record {number} either: it was {undecided.GetProperty("status").GetString()}{stage} ({why})");
    }

    private static string NotTheRunsInput(long number, string? traced, string? recipientId) => string.Create(CultureInfo.InvariantCulture,
        $"the run's trace of record {number} names recipient {Quoted(traced)}, but record {number} of the --recipient file has {Quoted(recipientId)}: give the recipients file the run read, in the order it read it");

    private static string Quoted(string? id) => id is null ? "no id" : $"'{id}'";

    /// <summary>
    /// The first trace of the message that <paramref name="matches"/> picks, a decided one before one the run never
    /// decided; null (with no problem) when none matches, or with <paramref name="problem"/> when a line is not JSON.
    /// </summary>
    private static JsonDocument? Scan(string path, Func<JsonElement, bool> matches, string messageId, out string? problem)
    {
        problem = null;
        JsonDocument? undecided = null;
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException ex)
            {
                undecided?.Dispose();
                problem = $"the run's trace file '{path}' holds a line that is not JSON ({ex.Message}): give explain --format json's output or the run's results.jsonl (render --trace)";
                return null;
            }

            var root = document.RootElement;
            var trace = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("trace", out var inner) ? inner : root;
            if (trace.ValueKind == JsonValueKind.Object
                && trace.TryGetProperty("traceVersion", out _)
                && matches(trace)
                && trace.TryGetProperty("message", out var message) && message.GetString() == messageId)
            {
                // A record the run never decided (a later duplicate of the id, one rejected while deciding) has a trace
                // too: a decided one of the same recipient is the run's decision, and is looked for first.
                if (!trace.TryGetProperty("undecided", out _))
                {
                    var found = JsonDocument.Parse(trace.GetRawText());
                    document.Dispose();
                    undecided?.Dispose();
                    return found;
                }

                undecided ??= JsonDocument.Parse(trace.GetRawText());
            }

            document.Dispose();
        }

        return undecided;
    }

    /// <summary>Says, line by line, where the replay parts from the run's trace because of the catalog, the instant or the contact history.</summary>
    /// <param name="run">The run's trace.</param>
    /// <param name="replay">The replayed decision.</param>
    /// <param name="catalogHash">The replaying catalog's <see cref="Catalog.SourceHash"/>.</param>
    /// <param name="exceptRun">Whether <c>--except-run</c> left the run's own contacts out.</param>
    /// <returns>The notes; none when the replay saw what the run saw.</returns>
    public static List<string> Compare(JsonElement run, Decision replay, string catalogHash, bool exceptRun)
    {
        var notes = new List<string>();
        if (run.TryGetProperty("undecided", out var undecided))
        {
            var why = undecided.TryGetProperty("error", out var error) ? error.GetString() : undecided.TryGetProperty("reason", out var reason) ? reason.GetString() : null;
            var stage = undecided.TryGetProperty("stage", out var at) ? $" at {at.GetString()}" : string.Empty;
            var record = run.TryGetProperty("record", out var number) ? $"record {number.GetRawText()}" : "the record";
            notes.Add($"the run never decided this recipient: {record} was {undecided.GetProperty("status").GetString()}{stage} ({why}), so there is no decision of the run to compare this replay with.");
            return notes;
        }

        if (run.TryGetProperty("catalog", out var catalog) && catalog.TryGetProperty("sha256", out var sha) && sha.GetString() is { } runHash && runHash != catalogHash)
        {
            notes.Add($"the run was decided by catalog sha256 {runHash}, this replay by {catalogHash}: load the catalog version the trace names (the replay may differ for that alone).");
        }

        var replayAsOf = replay.AsOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        if (run.TryGetProperty("asOf", out var asOf) && asOf.GetString() is { } runAsOf && runAsOf != replayAsOf)
        {
            notes.Add($"the run decided as of {runAsOf}, this replay as of {replayAsOf}: give --as-of {runAsOf} to judge dates and count caps from the same instant.");
        }

        if (!run.TryGetProperty("checks", out var checks) || checks.ValueKind != JsonValueKind.Array)
        {
            return notes;
        }

        // Paired by what the trace names a cap by (its window, its per: and what it counts, and the channel it was checked
        // on), not by place: a catalog whose caps were reordered since the run still compares each with its own, and a cap
        // added or removed since is said to be so instead of shifting every comparison after it.
        var runCaps = checks.EnumerateArray().Where(static c => c.TryGetProperty("kind", out var kind) && kind.GetString() == "cap").Select(RunCap).ToList();
        var replayCaps = replay.PolicyChecks.Where(static c => c.Kind == PolicyCheckKind.Cap).Select(static c => CapOf(c.Subject, c.Detail, c.Count, c.Max, c.Passed)).ToList();
        var paired = new bool[replayCaps.Count];
        foreach (var then in runCaps)
        {
            var match = -1;
            for (var i = 0; i < replayCaps.Count && match < 0; i++)
            {
                if (!paired[i] && replayCaps[i].Key == then.Key)
                {
                    match = i;
                }
            }

            if (match < 0)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{then.Label}: the run checked it ({Counted(then)}); this replay {(CheckedAll(replayCaps, null, replay.PolicyChecks, then.Subject) ? "has no such cap: it was removed from the catalog since the run (or its window or per: changed)" : $"did not get as far as it on {then.Subject} (an earlier check held the message back there, or the message went on another channel first), so whether the catalog still has it this replay cannot tell")}."));
                continue;
            }

            paired[match] = true;
            var now = replayCaps[match];
            if (then.Max is { } runMax && now.Max is { } replayMax && runMax != replayMax)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{then.Label}: its maximum was {runMax} when the run decided and is {replayMax} in this replay's catalog: the cap was changed since the run.{Outcome(then, now)}"));
            }

            if (then.Count is not { } runCount || now.Count is not { } replayCount || runCount == replayCount)
            {
                continue;
            }

            var why = replayCount < runCount
                ? "contacts in the window were pruned ('history prune') or forgotten ('history forget') since the run, so the replay counts fewer"
                : exceptRun
                    ? "contacts in the window were recorded since the run (another run's, or one imported), so the replay counts more"
                    : "the run's own contact, recorded at its asOf, counts now (leave it out with --except-run RUN), or contacts were recorded since";
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{then.Label}: the run saw {runCount} contact{(runCount == 1 ? string.Empty : "s")} in the window; the history now holds {replayCount}: {why}.{(then.Max == now.Max ? Outcome(then, now) : string.Empty)}"));
        }

        for (var i = 0; i < replayCaps.Count; i++)
        {
            if (!paired[i])
            {
                var now = replayCaps[i];
                notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{now.Label}: this replay checks it ({Counted(now)}); the run {(CheckedAll(runCaps, checks, null, now.Subject) ? "checked no such cap: it was added to the catalog since the run (or its window or per: changed)" : $"did not get as far as it on {now.Subject} (an earlier check held the message back there, or the message went on another channel first), so whether the run's catalog had it its trace cannot tell")}."));
            }
        }

        return notes;
    }

    /// <summary>A cap check, as a trace names it: <see cref="Key"/> pairs a run's with a replay's.</summary>
    /// <param name="Key">What identifies the cap: its window, its per: and what it counts, and the channel it was checked on.</param>
    /// <param name="Label">The cap in words, as its check's detail describes it (<c>cap max 2 per 30d per channel (email)</c>).</param>
    /// <param name="Subject">The channel it was checked on (for a message that routes no channel, what it counts).</param>
    /// <param name="Count">The contacts it counted in its window.</param>
    /// <param name="Max">Its maximum.</param>
    /// <param name="Passed">Whether the message could go on past it.</param>
    private sealed record CapCheck(string Key, string Label, string Subject, int? Count, int? Max, bool Passed);

    private static CapCheck RunCap(JsonElement check) => CapOf(
        check.TryGetProperty("subject", out var subject) ? subject.GetString() ?? string.Empty : string.Empty,
        check.TryGetProperty("detail", out var detail) ? detail.GetString() ?? string.Empty : string.Empty,
        RunCount(check),
        check.TryGetProperty("max", out var max) && max.ValueKind == JsonValueKind.Number ? max.GetInt32() : null,
        check.TryGetProperty("passed", out var passed) && passed.ValueKind == JsonValueKind.True);

    /// <summary>A cap check from what the trace and <see cref="PolicyCheck"/> both hold: its subject and its detail (<c>max 2 per 30d per channel (email): 1 contact in the 30d to …</c>).</summary>
    private static CapCheck CapOf(string subject, string detail, int? count, int? max, bool passed)
    {
        var cap = CapDetail().Match(detail);
        if (!cap.Success)
        {
            // A detail in another form names no window: the cap is known by its channel alone.
            return new CapCheck($"\0{subject}", $"cap ({subject})", subject, count, max, passed);
        }

        var counts = cap.Groups["of"].Value;
        var label = $"cap max {cap.Groups["max"].Value} per {cap.Groups["window"].Value} per {cap.Groups["per"].Value} ({counts}){(counts == subject ? string.Empty : $" on {subject}")}";
        return new CapCheck($"{cap.Groups["window"].Value}\0{cap.Groups["per"].Value}\0{counts}\0{subject}", label, subject, count ?? int.Parse(cap.Groups["count"].Value, CultureInfo.InvariantCulture), max, passed);
    }

    /// <summary>
    /// Whether every cap of the catalog was checked on a channel, so a cap missing there is missing from the catalog: some
    /// were checked and all passed (caps are checked until one holds the message back), or, with none checked, the
    /// channel's consent passed (the catalog then had no cap for it).
    /// </summary>
    private static bool CheckedAll(List<CapCheck> caps, JsonElement? runChecks, IReadOnlyList<PolicyCheck>? replayChecks, string subject)
    {
        var on = caps.Where(c => c.Subject == subject).ToList();
        if (on.Count > 0)
        {
            return on.TrueForAll(static c => c.Passed);
        }

        return runChecks is { } checks
            ? checks.EnumerateArray().Any(c => c.TryGetProperty("kind", out var kind) && kind.GetString() == "consent"
                && c.TryGetProperty("subject", out var s) && s.GetString() == subject && c.TryGetProperty("passed", out var p) && p.ValueKind == JsonValueKind.True)
            : replayChecks?.Any(c => c.Kind == PolicyCheckKind.Consent && c.Subject == subject && c.Passed) == true;
    }

    private static string Counted(CapCheck cap) => string.Create(CultureInfo.InvariantCulture,
        $"{(cap.Count is { } n ? $"{n} contact{(n == 1 ? string.Empty : "s")} in the window, " : string.Empty)}{(cap.Passed ? "passed" : "held the message back")}");

    private static string Outcome(CapCheck then, CapCheck now) => then.Passed == now.Passed
        ? string.Empty
        : $" The run's cap {(then.Passed ? "passed" : "held the message back")}; the replay's {(now.Passed ? "passes" : "holds it back")}: the run's trace, not the replay, is what was decided.";

    /// <summary>The count a run's cap check recorded: its <c>count</c>, or, in a trace written before counts were members, the number its <c>detail</c> states.</summary>
    private static int? RunCount(JsonElement check)
    {
        if (check.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number)
        {
            return count.GetInt32();
        }

        return check.TryGetProperty("detail", out var detail) && detail.GetString() is { } text && DetailCount().Match(text) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;
    }

    [GeneratedRegex(@": (\d+) contacts? in the ", RegexOptions.CultureInvariant)]
    private static partial Regex DetailCount();

    [GeneratedRegex(@"^max (?<max>\d+) per (?<window>\S+) per (?<per>\S+) \((?<of>.*?)\): (?<count>\d+) contacts? in the ", RegexOptions.CultureInvariant)]
    private static partial Regex CapDetail();
}
