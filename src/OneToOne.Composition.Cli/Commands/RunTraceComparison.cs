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
        var found = Scan(path, trace => trace.TryGetProperty("record", out var record) && record.ValueKind == JsonValueKind.Number && record.TryGetInt64(out var n) && n == number, messageId, out problem);
        if (found is null)
        {
            problem ??= string.Create(CultureInfo.InvariantCulture,
                $"the run's trace file '{path}' has no trace of record {number} for message '{messageId}' (a trace with \"record\": {number}; traces written before they carried their record number have none: find the recipient's with --id)");
            return null;
        }

        var traced = found.RootElement.TryGetProperty("recipient", out var recipient) && recipient.ValueKind == JsonValueKind.String ? recipient.GetString() : null;
        if (traced != recipientId)
        {
            found.Dispose();
            problem = string.Create(CultureInfo.InvariantCulture,
                $"the run's trace of record {number} names recipient {Quoted(traced)}, but record {number} of the --recipient file has {Quoted(recipientId)}: give the recipients file the run read, in the order it read it");
            return null;
        }

        return found;
    }

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

        var runCaps = checks.EnumerateArray().Where(static c => c.TryGetProperty("kind", out var kind) && kind.GetString() == "cap").ToList();
        var replayCaps = replay.PolicyChecks.Where(static c => c.Kind == PolicyCheckKind.Cap).ToList();
        for (var i = 0; i < Math.Min(runCaps.Count, replayCaps.Count); i++)
        {
            var then = RunCount(runCaps[i]);
            var now = replayCaps[i].Count;
            if (then is null || now is null || then == now)
            {
                continue;
            }

            var why = now < then
                ? "contacts in the window were pruned ('history prune') or forgotten ('history forget') since the run, so the replay counts fewer"
                : exceptRun
                    ? "contacts in the window were recorded since the run (another run's, or one imported), so the replay counts more"
                    : "the run's own contact, recorded at its asOf, counts now (leave it out with --except-run RUN), or contacts were recorded since";
            var runPassed = runCaps[i].TryGetProperty("passed", out var passed) && passed.ValueKind == JsonValueKind.True;
            var outcome = runPassed == replayCaps[i].Passed
                ? string.Empty
                : $" The run's cap {(runPassed ? "passed" : "held the message back")}; the replay's {(replayCaps[i].Passed ? "passes" : "holds it back")}: the run's trace, not the replay, is what was decided.";
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"cap {i + 1} ({replayCaps[i].Subject}): the run saw {then} contact{(then == 1 ? string.Empty : "s")} in the window; the history now holds {now}: {why}.{outcome}"));
        }

        return notes;
    }

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
}
