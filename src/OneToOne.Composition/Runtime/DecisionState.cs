using System.Globalization;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Runtime;

/// <summary>Per-recipient state shared by deciding and rendering: segment values (evaluated at most once) and chosen modules.</summary>
internal sealed class DecisionState(CatalogRuntime runtime, Recipient recipient, CultureInfo culture, string messageId)
{
    private static readonly object Unread = new();

    private readonly bool?[] _segmentValues = new bool?[runtime.SegmentList.Length];
    private object?[]? _fieldValues;
    private DateTimeOffset? _now;
    private bool _decided;
    private bool[]? _readWhileRendering;

    /// <summary>Gets the loaded catalog that made the decision: its module, slot and segment indexes are this one's.</summary>
    public CatalogRuntime Runtime { get; } = runtime;

    public Recipient Recipient { get; } = recipient;

    /// <summary>Gets the time the decision is made at: the options' clock, read once (on first use), so every date check of one decision sees the same instant.</summary>
    public DateTimeOffset Now => _now ??= Runtime.Options.TimeProvider.GetUtcNow();

    public CultureInfo Culture { get; } = culture;

    public string MessageId { get; } = messageId;

    /// <summary>Gets the modules chosen per slot.</summary>
    public SlotChoices Chosen { get; } = new();

    /// <summary>Gets or sets the experiment arms, policy checks and routing, or null when the message uses none.</summary>
    public DecisioningState? Decisioning { get; set; }

    public bool? GetSegment(int index) => _segmentValues[index];

    /// <summary>Reads a field conditions use, once per decision (a missing field reads as null, as in Scriban).</summary>
    public object? ReadField(int index)
    {
        if (_fieldValues is null)
        {
            _fieldValues = new object?[Runtime.ConditionFields.Length];
            Array.Fill(_fieldValues, Unread);
        }

        var value = _fieldValues[index];
        if (ReferenceEquals(value, Unread))
        {
            Recipient.TryGetValue(Runtime.ConditionFields[index], out value);
            _fieldValues[index] = value;
        }

        return value;
    }

    /// <summary>Records a segment's value, the first time it is evaluated; once deciding has ended, as read while rendering.</summary>
    public void SetSegment(int index, bool value)
    {
        if (_decided)
        {
            (_readWhileRendering ??= new bool[_segmentValues.Length])[index] = true;
        }

        _segmentValues[index] = value;
    }

    /// <summary>Ends deciding: segments first evaluated from now on (a template reading one) stay out of the trace.</summary>
    public void EndDecide() => _decided = true;

    /// <summary>Gets the segments deciding evaluated, with their values, in catalog order.</summary>
    public IReadOnlyList<SegmentResult> EvaluatedSegments()
    {
        var results = new List<SegmentResult>();
        for (var i = 0; i < _segmentValues.Length; i++)
        {
            if (_segmentValues[i] is { } value && _readWhileRendering?[i] != true)
            {
                var segment = Runtime.SegmentList[i];
                results.Add(new SegmentResult(segment.Id, segment.Condition.Text, value));
            }
        }

        return results;
    }
}
