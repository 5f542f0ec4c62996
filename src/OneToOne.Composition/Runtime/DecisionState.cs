using System.Globalization;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Runtime;

/// <summary>Per-recipient state shared by deciding and rendering: segment values (evaluated at most once) and chosen modules.</summary>
internal sealed class DecisionState(Recipient recipient, CultureInfo culture, CompiledSegment[] segments, string[] fields, string messageId)
{
    private static readonly object Unread = new();

    private readonly bool?[] _segmentValues = new bool?[segments.Length];
    private object?[]? _fieldValues;

    public Recipient Recipient { get; } = recipient;

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
            _fieldValues = new object?[fields.Length];
            Array.Fill(_fieldValues, Unread);
        }

        var value = _fieldValues[index];
        if (ReferenceEquals(value, Unread))
        {
            Recipient.TryGetValue(fields[index], out value);
            _fieldValues[index] = value;
        }

        return value;
    }

    public void SetSegment(int index, bool value) => _segmentValues[index] = value;

    public IReadOnlyList<SegmentResult> EvaluatedSegments()
    {
        var results = new List<SegmentResult>();
        for (var i = 0; i < segments.Length; i++)
        {
            if (_segmentValues[i] is { } value)
            {
                results.Add(new SegmentResult(segments[i].Id, segments[i].Condition.Text, value));
            }
        }

        return results;
    }
}
