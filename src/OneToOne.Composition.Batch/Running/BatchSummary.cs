using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OneToOne.Composition.Batch;

/// <summary>
/// The account of a batch run: every record read is counted exactly once as rendered, suppressed (by reason) or
/// rejected (by stage), so <c><see cref="Input"/> = <see cref="Rendered"/> + <see cref="Suppressed"/> +
/// <see cref="Rejected"/></c> always; plus the modules written into rendered records, the duration and the rate.
/// A resumed run's summary covers the whole run, the records done before the interruption included.
/// </summary>
public sealed class BatchSummary
{
    // Folds the pending counts early should a source hand out fresh id strings per record, so memory stays bounded.
    private const int MaxPending = 4096;

    private readonly SortedDictionary<string, long> _suppressedByReason = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _rejectedByStage = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _modules = new(StringComparer.Ordinal);

    // Module counts not yet in _modules, keyed by the very id strings a decision holds (the catalog's, so few): counting a
    // record then costs no string hashing, concatenation or sorted insert. Folded into _modules whenever it is read.
    private readonly Dictionary<(string Slot, string Module), long> _pendingModules = new(SamePair.Instance);

    // Per experiment=arm, the records rendered, suppressed and rejected (indexed by BatchStatus): every decided record.
    private readonly SortedDictionary<string, long[]> _arms = new(StringComparer.Ordinal);

    // Arm counts not yet in _arms, keyed by the decision's own id strings, as _pendingModules is: counting a record then
    // builds no "experiment=arm" key. Folded into _arms whenever it is read.
    private readonly Dictionary<(string Experiment, string Arm), long[]> _pendingArms = new(SamePair.Instance);

    /// <summary>
    /// Gets the shard of the input the run covered (<see cref="BatchOptions.Shard"/>; <c>1/1</c> for a run without one):
    /// the summaries of a sharded run add up to the whole run's when there is one of each shard 1 … N, and none twice.
    /// </summary>
    public Shard Shard { get; internal set; } = Shard.Of(1, 1);

    /// <summary>Gets the id of the catalog the run decided with (<see cref="Catalog.Id"/>).</summary>
    public string CatalogId { get; internal set; } = string.Empty;

    /// <summary>
    /// Gets the SHA-256 of the catalog's source text (<see cref="Catalog.SourceHash"/>): summaries that add up came from the
    /// same version of the catalog. Empty for a catalog not loaded from text.
    /// </summary>
    public string CatalogSha256 { get; internal set; } = string.Empty;

    /// <summary>Gets the id of the message the run decided and rendered.</summary>
    public string MessageId { get; internal set; } = string.Empty;

    /// <summary>Gets the number of input records accounted for (those of this shard, when sharded).</summary>
    public long Input => Rendered + Suppressed + Rejected;

    /// <summary>Gets the number of records rendered.</summary>
    public long Rendered { get; private set; }

    /// <summary>Gets the number of records suppressed.</summary>
    public long Suppressed { get; private set; }

    /// <summary>Gets the number of records rejected.</summary>
    public long Rejected { get; private set; }

    /// <summary>Gets the suppressed records per reason.</summary>
    public IReadOnlyDictionary<string, long> SuppressedByReason => _suppressedByReason;

    /// <summary>Gets the rejected records per stage (<c>read</c>, <c>decide</c>, <c>render</c>, <c>write</c>).</summary>
    public IReadOnlyDictionary<string, long> RejectedByStage => _rejectedByStage;

    /// <summary>
    /// Gets how many rendered records each module was written into, keyed <c>slot/module</c>: a module decided for a slot
    /// the body places in an <c>if</c> or a loop not taken for a recipient (<see cref="Decisions.SlotDecision.IsWritten"/>) is not counted.
    /// </summary>
    public IReadOnlyDictionary<string, long> Modules => FoldModules();

    /// <summary>
    /// Gets, per arm (<c>experiment=arm</c> as in the records' <c>arms</c>; <c>experiment=none</c> outside the coverage), how
    /// many decided records of the arm were <c>rendered</c>, <c>suppressed</c> (a holdout not sent among them) and
    /// <c>rejected</c> while rendering: the assignment of every record the run decided, for a sample-ratio check and
    /// exposure per arm. Records rejected before they were decided, and duplicates, have no arm and are not counted.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> Arms =>
        FoldArms().ToDictionary(static pair => pair.Key, static pair => (IReadOnlyDictionary<string, long>)StatusCounts(pair.Value), StringComparer.Ordinal);

    /// <summary>
    /// Gets the fields the message's conditions read that no record this run decided had (<see cref="Catalog.ConditionFields"/>),
    /// each with the close name the records had, or null: a condition reads a missing field as null, so a field misspelt in
    /// a condition (<c>gendr == "female"</c>) is not an error, and is told here once rather than never. Empty when every
    /// field was seen, or when the run decided no record itself (a resumed run judges only the records it decided).
    /// </summary>
    public IReadOnlyDictionary<string, string?> MissingConditionFields { get; internal set; } = new SortedDictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>
    /// Gets what the input's reader found doubtful though every record was read: a CSV column whose numbers may have been
    /// read with the wrong decimal mark (<c>1.234</c> read as 1.234, where a German export meant 1234), naming the column,
    /// a line and the <c>--schema</c> declaration that settles it. Filled when the run is given the records of
    /// <see cref="RecipientReader"/> or <see cref="RecipientInput.Read"/> as they are (not through a filter of its own).
    /// </summary>
    public IReadOnlyList<string> InputWarnings { get; internal set; } = [];

    /// <summary>Gets the records that an earlier, interrupted run of the same checkpoint had already done (included in the counts).</summary>
    public long Resumed { get; internal set; }

    /// <summary>Gets the records of the input skipped because they belong to another shard.</summary>
    public long OtherShards { get; internal set; }

    /// <summary>Gets how long this run took (not counting an interrupted earlier run).</summary>
    public TimeSpan Duration { get; internal set; }

    /// <summary>Gets the records this run decided per second (resumed records not counted).</summary>
    public double MessagesPerSecond => Duration > TimeSpan.Zero ? (Input - Resumed) / Duration.TotalSeconds : 0;

    /// <summary>Gets why the run stopped before the end of the input (the reject limit, cancellation), or null when it read everything.</summary>
    public string? StoppedReason { get; internal set; }

    /// <summary>Gets whether the run read its whole input.</summary>
    public bool Completed => StoppedReason is null;

    /// <summary>Counts one record.</summary>
    /// <param name="result">How it ended.</param>
    internal void Add(BatchResult result)
    {
        if (result.Decision is { } decision)
        {
            CountArms(decision, result.Status);
        }

        switch (result.Status)
        {
            case BatchStatus.Rendered:
                Rendered++;
                if (result.Slots is { } slots)
                {
                    // Indexed, not foreach: an interface's enumerator would be one more object per slot and record.
                    for (var s = 0; s < slots.Count; s++)
                    {
                        var slot = slots[s];
                        if (!slot.IsWritten)
                        {
                            // Decided but in a branch of the body not taken: the recipient never saw these modules.
                            continue;
                        }

                        var modules = slot.ModuleIds;
                        for (var m = 0; m < modules.Count; m++)
                        {
                            ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_pendingModules, (slot.SlotId, modules[m]), out _);
                            count++;
                        }
                    }
                }

                if (_pendingModules.Count > MaxPending)
                {
                    FoldModules();
                }

                break;
            case BatchStatus.Suppressed:
                Suppressed++;
                Increment(_suppressedByReason, result.Reason ?? "suppressed");
                break;
            default:
                Rejected++;
                Increment(_rejectedByStage, RecordJsonWriter.StageName(result.Stage ?? RejectStage.Read));
                break;
        }
    }

    /// <summary>Formats the first line of the summary: <c>N records: R rendered, S suppressed, J rejected</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Input} {(Input == 1 ? "record" : "records")}: {Rendered} rendered, {Suppressed} suppressed, {Rejected} rejected");

    /// <summary>Formats the summary for people: the counts line, then per reason, per stage, per module, and the rate.</summary>
    /// <returns>The lines, each ending with a line break.</returns>
    public string ToReport()
    {
        var text = new StringBuilder();
        text.Append(ToString()).Append('\n');
        if (StoppedReason is { } stopped)
        {
            text.Append("  stopped: ").Append(stopped).Append('\n');
        }

        AppendCounts(text, "suppressed", _suppressedByReason);
        AppendCounts(text, "rejected", _rejectedByStage);
        AppendCounts(text, "modules", FoldModules());
        if (FoldArms().Count > 0)
        {
            text.Append("  arms: ");
            text.AppendJoin(", ", _arms.Select(static pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value[0]} rendered/{pair.Value[1]} suppressed/{pair.Value[2]} rejected")));
            text.Append('\n');
        }

        if (MissingConditionFields.Count > 0)
        {
            text.Append("  conditions read fields no record had, each read as null for every recipient: ");
            // A close name is a record's field name, data that may hold a line break or a terminal's escape: written on one line.
            text.AppendJoin(", ", MissingConditionFields.Select(static pair => pair.Value is { } close ? $"'{pair.Key}' (did you mean '{OneLineText.Escape(close)}'?)" : $"'{pair.Key}'"));
            text.Append('\n');
        }

        foreach (var warning in InputWarnings)
        {
            text.Append("  warning: ").Append(warning).Append('\n');
        }

        text.Append(string.Create(CultureInfo.InvariantCulture, $"  {Duration.TotalSeconds:0.###} s, {MessagesPerSecond:0} records/s"));
        if (Resumed > 0)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $", {Resumed} done by an earlier run"));
        }

        if (OtherShards > 0)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $", {OtherShards} left to other shards"));
        }

        return text.Append('\n').ToString();
    }

    /// <summary>
    /// Writes the summary as one JSON object: first what it covers, <c>"shard":{"index","count"}</c> (<c>1</c> of <c>1</c>
    /// unsharded), <c>"catalog":{"id","sha256"}</c> and <c>"message"</c>, so that a job adding up the summaries of N shards
    /// can check it has each shard once and all of one catalog and message; then the counts, <c>{"input","rendered",
    /// "suppressed","rejected","suppressedByReason","rejectedByStage","modules","arms","missingConditionFields","inputWarnings",
    /// "resumed","otherShards","durationSeconds","messagesPerSecond","completed","stoppedReason"}</c>.
    /// </summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => ToJson(asOf: null);

    /// <summary>Writes the summary as <see cref="ToJson()"/> does, with <c>"asOf"</c> after <c>"message"</c> when given.</summary>
    /// <param name="asOf">The one instant every record was decided at (the tool's <c>--as-of</c>, or when a resumed run began), or null.</param>
    /// <returns>The JSON text.</returns>
    internal string ToJson(DateTimeOffset? asOf)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("shard");
            json.WriteNumber("index", Shard.Index);
            json.WriteNumber("count", Shard.Count);
            json.WriteEndObject();
            json.WriteStartObject("catalog");
            json.WriteString("id", CatalogId);
            json.WriteString("sha256", CatalogSha256);
            json.WriteEndObject();
            json.WriteString("message", MessageId);
            if (asOf is { } instant)
            {
                json.WriteString("asOf", instant.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            }

            json.WriteNumber("input", Input);
            json.WriteNumber("rendered", Rendered);
            json.WriteNumber("suppressed", Suppressed);
            json.WriteNumber("rejected", Rejected);
            WriteCounts(json, "suppressedByReason", _suppressedByReason);
            WriteCounts(json, "rejectedByStage", _rejectedByStage);
            WriteCounts(json, "modules", FoldModules());
            json.WriteStartObject("arms");
            foreach (var (arm, counts) in FoldArms())
            {
                WriteCounts(json, arm, StatusCounts(counts));
            }

            json.WriteEndObject();
            json.WriteStartObject("missingConditionFields");
            foreach (var (field, close) in MissingConditionFields)
            {
                json.WriteString(field, close);
            }

            json.WriteEndObject();
            json.WriteStartArray("inputWarnings");
            foreach (var warning in InputWarnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
            json.WriteNumber("resumed", Resumed);
            json.WriteNumber("otherShards", OtherShards);
            json.WriteNumber("durationSeconds", Math.Round(Duration.TotalSeconds, 3));
            json.WriteNumber("messagesPerSecond", Math.Round(MessagesPerSecond, 1));
            json.WriteBoolean("completed", Completed);
            if (StoppedReason is { } stopped)
            {
                json.WriteString("stoppedReason", stopped);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The counts a checkpoint keeps, so a resumed run's summary covers the whole run.</summary>
    /// <returns>The counts as JSON.</returns>
    internal string SaveCounts() => JsonSerializer.Serialize(new SavedCounts(Rendered, Suppressed, Rejected, _suppressedByReason, _rejectedByStage, FoldModules(), FoldArms()));

    /// <summary>Takes back the counts of <see cref="SaveCounts"/>.</summary>
    /// <param name="json">The saved counts.</param>
    internal void RestoreCounts(string json)
    {
        var saved = JsonSerializer.Deserialize<SavedCounts>(json) ?? throw new InvalidDataException("The checkpoint's counts are empty.");
        Rendered = saved.Rendered;
        Suppressed = saved.Suppressed;
        Rejected = saved.Rejected;
        Copy(saved.SuppressedByReason, _suppressedByReason);
        Copy(saved.RejectedByStage, _rejectedByStage);
        _pendingModules.Clear();
        Copy(saved.Modules, _modules);
        _pendingArms.Clear();
        _arms.Clear();
        foreach (var (arm, counts) in saved.Arms ?? new Dictionary<string, long[]>())
        {
            _arms[arm] = counts;
        }

        Resumed = Input;
    }

    private static void Copy(IDictionary<string, long> from, SortedDictionary<string, long> to)
    {
        to.Clear();
        foreach (var (key, value) in from)
        {
            to[key] = value;
        }
    }

    /// <summary>Adds the pending module counts to the sorted counts (two equal ids held in different strings add up under one key).</summary>
    /// <returns>The module counts, complete.</returns>
    private SortedDictionary<string, long> FoldModules()
    {
        foreach (var ((slotId, moduleId), count) in _pendingModules)
        {
            var key = slotId + "/" + moduleId;
            _modules[key] = _modules.TryGetValue(key, out var n) ? n + count : count;
        }

        _pendingModules.Clear();
        return _modules;
    }

    private void CountArms(Decisions.Decision decision, BatchStatus status)
    {
        var experiments = decision.Experiments;
        for (var e = 0; e < experiments.Count; e++)
        {
            ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(_pendingArms, (experiments[e].ExperimentId, experiments[e].Arm ?? "none"), out _);
            counts ??= new long[3];
            counts[status switch { BatchStatus.Rendered => 0, BatchStatus.Suppressed => 1, _ => 2 }]++;
        }

        if (_pendingArms.Count > MaxPending)
        {
            FoldArms();
        }
    }

    /// <summary>Adds the pending arm counts to the sorted counts (two equal ids held in different strings add up under one key).</summary>
    /// <returns>The arm counts, complete.</returns>
    private SortedDictionary<string, long[]> FoldArms()
    {
        foreach (var ((experiment, arm), counts) in _pendingArms)
        {
            var key = experiment + "=" + arm;
            if (_arms.TryGetValue(key, out var total))
            {
                for (var i = 0; i < total.Length; i++)
                {
                    total[i] += counts[i];
                }
            }
            else
            {
                _arms[key] = counts;
            }
        }

        _pendingArms.Clear();
        return _arms;
    }

    private static SortedDictionary<string, long> StatusCounts(long[] counts) => new(StringComparer.Ordinal)
    {
        ["rendered"] = counts[0],
        ["suppressed"] = counts[1],
        ["rejected"] = counts[2],
    };

    private static void Increment(SortedDictionary<string, long> counts, string key) =>
        counts[key] = counts.TryGetValue(key, out var n) ? n + 1 : 1;

    private static void AppendCounts(StringBuilder text, string title, SortedDictionary<string, long> counts)
    {
        if (counts.Count == 0)
        {
            return;
        }

        text.Append("  ").Append(title).Append(": ");
        text.AppendJoin(", ", counts.Select(static pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key} {pair.Value}")));
        text.Append('\n');
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, SortedDictionary<string, long> counts)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in counts)
        {
            json.WriteNumber(key, value);
        }

        json.WriteEndObject();
    }

    /// <summary>Compares slot/module (and experiment/arm) pairs by the identity of their strings: cheap, and safe because <see cref="FoldModules"/> and <see cref="FoldArms"/> merge equal ids by content.</summary>
    private sealed class SamePair : IEqualityComparer<(string Slot, string Module)>
    {
        public static readonly SamePair Instance = new();

        public bool Equals((string Slot, string Module) x, (string Slot, string Module) y) =>
            ReferenceEquals(x.Slot, y.Slot) && ReferenceEquals(x.Module, y.Module);

        public int GetHashCode((string Slot, string Module) obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Slot), RuntimeHelpers.GetHashCode(obj.Module));
    }

    private sealed record SavedCounts(
        long Rendered,
        long Suppressed,
        long Rejected,
        IDictionary<string, long> SuppressedByReason,
        IDictionary<string, long> RejectedByStage,
        IDictionary<string, long> Modules,
        IDictionary<string, long[]>? Arms);
}
