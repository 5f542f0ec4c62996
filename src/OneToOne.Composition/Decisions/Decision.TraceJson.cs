using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OneToOne.Composition.Compilation;
using Scriban.Runtime;

namespace OneToOne.Composition.Decisions;

/// <summary>The machine-readable trace, for audit: what decided, at which instant, from which catalog, and on which values.</summary>
public sealed partial class Decision
{
    /// <summary>The version of the <see cref="ToTraceJson()"/> format: raised whenever a member changes meaning or goes away (members may be added within a version).</summary>
    public const int TraceJsonVersion = 1;

    private static readonly JsonWriterOptions TraceJsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Gets the instant the decision was made at: the catalog's clock (<see cref="CompositionOptions.TimeProvider"/>, the
    /// tool's <c>--as-of</c>), read once when deciding, in UTC. Every date rule of the decision (<c>active:</c> dates of
    /// the message and its modules) was judged at it, and frequency caps count back from it, so deciding again with a clock
    /// set to it, the same catalog (<see cref="Catalog.SourceHash"/>) and the same contact history reproduces the decision.
    /// </summary>
    public DateTimeOffset AsOf => State.Now;

    /// <summary>
    /// Writes the decision's trace as one line of JSON, for an audit record that a program can read back: the catalog it
    /// came from (<c>id</c> and <c>sha256</c>, <see cref="Catalog.SourceHash"/>), the message and recipient id, the
    /// <c>asOf</c> instant, the experiment arms and how they were assigned (bucket), each contact-policy check with its
    /// outcome, the segments, every slot's candidates with their conditions, scores and outcomes, the chosen modules'
    /// locale variants and approval (<c>draft</c>), and <c>fields</c>: the values of the recipient fields the conditions
    /// and scores that decide this message read (top-level fields only; no other recipient data is copied).
    /// </summary>
    /// <remarks>
    /// The format is versioned by its first member, <c>"traceVersion"</c> (<see cref="TraceJsonVersion"/>), and documented
    /// in the README ("Decision trace for audit"). It is deterministic: the same catalog, recipient, clock and contact history
    /// give the same bytes. Read it after rendering when templates read segments or arms (as the text trace).
    /// </remarks>
    /// <returns>The JSON text, without a line break.</returns>
    public string ToTraceJson() => TraceJson(record: null);

    /// <summary>
    /// Writes the decision's trace as <see cref="ToTraceJson()"/> does, with the recipient's record number after
    /// <c>"recipient"</c> (<c>"record":48211</c>): the 1-based number of the record in the input it was read from (a batch's
    /// <c>BatchResult.Number</c>, the tool's rejects file's <c>number</c>), which ties the trace to its input line when an
    /// id repeats across files or a record has none.
    /// </summary>
    /// <param name="record">The record's 1-based number in its input.</param>
    /// <returns>The JSON text, without a line break.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="record"/> is less than 1.</exception>
    public string ToTraceJson(long record)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(record, 1);
        return TraceJson(record);
    }

    private string TraceJson(long? record)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, TraceJsonOptions))
        {
            WriteTraceJson(json, record);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteTraceJson(Utf8JsonWriter json, long? record)
    {
        var runtime = State.Runtime;
        var message = runtime.GetMessage(MessageId);
        json.WriteStartObject();
        json.WriteNumber("traceVersion", TraceJsonVersion);
        json.WriteStartObject("catalog");
        json.WriteString("id", CatalogId);
        json.WriteString("sha256", runtime.SourceHash);
        json.WriteEndObject();
        json.WriteString("message", MessageId);
        json.WriteBoolean("messageDraft", message.IsDraft);
        json.WriteString("recipient", RecipientId);
        if (record is { } number)
        {
            json.WriteNumber("record", number);
        }

        json.WriteString("asOf", AsOf.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("culture", Culture.Name);
        json.WriteString("textCulture", TextCulture.Name);
        json.WriteBoolean("suppressed", IsSuppressed);
        json.WriteString("suppressedBy", SuppressedBy);
        json.WriteString("reason", SuppressionReason);
        json.WriteString("channel", Channel ?? HeldOutChannel);

        var fields = new List<string>();
        json.WriteStartArray("experiments");
        foreach (var (experiment, assignment) in State.Decisioning?.Assignments ?? [])
        {
            json.WriteStartObject();
            json.WriteString("id", assignment.ExperimentId);
            json.WriteString("salt", experiment.Salt);
            json.WriteNumber("bucket", assignment.Bucket);
            json.WriteString("arm", assignment.Arm);
            json.WriteBoolean("holdout", assignment.IsHoldout);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        if (message.Suppress is { } suppress)
        {
            // The single 'suppress: { when, reason }' form: judged after the message's dates, before the policy.
            json.WriteStartObject("suppress");
            json.WriteString("condition", suppress.Text);
            if (SuppressedBy == "inactive")
            {
                json.WriteNull("value");
            }
            else
            {
                json.WriteBoolean("value", IsSuppressed && State.Decisioning?.SuppressedBy is null);
                AddFields(fields, suppress.Fields);
            }

            json.WriteEndObject();
        }

        json.WriteStartArray("checks");
        foreach (var check in PolicyChecks)
        {
            json.WriteStartObject();
            json.WriteString("kind", check.Kind switch
            {
                PolicyCheckKind.Holdout => "holdout",
                PolicyCheckKind.SuppressRule => "suppress-rule",
                PolicyCheckKind.Topic => "topic",
                PolicyCheckKind.Consent => "consent",
                PolicyCheckKind.Preference => "preference",
                _ => "cap",
            });
            json.WriteString("subject", check.Subject);
            json.WriteBoolean("passed", check.Passed);
            json.WriteString("detail", check.Detail);
            WriteNullableNumber(json, "count", check.Count);
            WriteNullableNumber(json, "max", check.Max);
            json.WriteEndObject();
            AddPolicyFields(fields, message.Policy, check);
        }

        json.WriteEndArray();

        json.WriteStartArray("segments");
        foreach (var segment in Segments)
        {
            json.WriteStartObject();
            json.WriteString("id", segment.SegmentId);
            json.WriteString("condition", segment.Condition);
            json.WriteBoolean("value", segment.Value);
            json.WriteEndObject();
            if (runtime.Segments.TryGetValue(segment.SegmentId, out var compiled))
            {
                AddFields(fields, compiled.Condition.Fields);
            }
        }

        json.WriteEndArray();

        json.WriteStartArray("slots");
        foreach (var slot in Slots)
        {
            WriteSlot(json, slot, fields);
        }

        json.WriteEndArray();

        json.WriteStartObject("fields");
        foreach (var field in fields)
        {
            json.WritePropertyName(field);
            WriteValue(json, Recipient.TryGetValue(field, out var value) ? value : null, depth: 0);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteSlot(Utf8JsonWriter json, SlotDecision slot, List<string> fields)
    {
        json.WriteStartObject();
        json.WriteString("id", slot.SlotId);
        json.WriteString("pick", slot.PickName);
        json.WriteBoolean("written", slot.IsWritten);
        json.WriteBoolean("usedFallback", slot.UsedFallback);
        json.WriteString("holdoutExperiment", slot.HoldoutExperiment);
        json.WriteString("explanation", slot.Explanation);
        json.WriteStartArray("chosen");
        foreach (var module in slot.ChosenModules)
        {
            json.WriteStartObject();
            json.WriteString("module", module.Id);
            var rendered = module.ForCulture(Culture);
            json.WriteString("locale", rendered.Culture);
            json.WriteBoolean("draft", module.IsDraft);
            if (WrittenCulture(rendered) is { } written)
            {
                json.WriteString("culture", written.Name);
            }
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("candidates");
        var compiled = slot.CompiledSlot.Candidates;
        var candidates = slot.Candidates;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            json.WriteStartObject();
            json.WriteString("module", candidate.ModuleId);
            json.WriteString("condition", candidate.Condition);
            json.WriteString("outcome", candidate.Outcome switch
            {
                CandidateOutcome.Chosen => "chosen",
                CandidateOutcome.ConditionFalse => "condition-false",
                CandidateOutcome.TopicOptedOut => "topic-opted-out",
                CandidateOutcome.Outranked => "outranked",
                CandidateOutcome.Inactive => "inactive",
                _ => "not-evaluated",
            });
            json.WriteNumber("priority", candidate.Priority);
            var score = compiled[i].Decisioning?.Score;
            json.WriteString("scoreExpression", score?.Text);
            if (candidate.Score is { } value && double.IsFinite(value))
            {
                json.WriteNumber("score", value);
            }
            else
            {
                json.WriteNull("score");
            }

            json.WriteString("explanation", candidate.Explanation);
            json.WriteEndObject();
            if (candidate.Outcome is not (CandidateOutcome.NotEvaluated or CandidateOutcome.Inactive))
            {
                AddFields(fields, compiled[i].Condition?.Fields ?? []);
                if (candidate.Score is not null && score is not null)
                {
                    AddFields(fields, score.Fields);
                }
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNullableNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Adds the fields a policy check read: a suppress rule's and a consent's condition, the preference and opt-out fields.</summary>
    private static void AddPolicyFields(List<string> fields, MessagePolicy? policy, PolicyCheck check)
    {
        if (policy is null)
        {
            return;
        }

        switch (check.Kind)
        {
            case PolicyCheckKind.SuppressRule:
                foreach (var rule in policy.SuppressRules)
                {
                    if (rule.Name == check.Subject)
                    {
                        AddFields(fields, rule.Condition.Fields);
                    }
                }

                break;
            case PolicyCheckKind.Consent when policy.Consent.TryGetValue(check.Subject, out var consent):
                AddFields(fields, consent.Condition.Fields);
                break;
            case PolicyCheckKind.Preference when policy.PreferredChannelField is { } preferred:
                AddFields(fields, [preferred]);
                break;
            case PolicyCheckKind.Topic when policy.OptedOutTopicsField is { } optedOut:
                AddFields(fields, [optedOut]);
                break;
            default:
                break;
        }
    }

    private static void AddFields(List<string> fields, IReadOnlyList<string> add)
    {
        foreach (var field in add)
        {
            if (!fields.Contains(field))
            {
                fields.Add(field);
            }
        }
    }

    /// <summary>Writes a recipient value as JSON: numbers, text, true/false, dates (ISO 8601), lists and objects in their own order.</summary>
    private static void WriteValue(Utf8JsonWriter json, object? value, int depth)
    {
        if (depth > 16)
        {
            json.WriteStringValue("…");
            return;
        }

        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case bool flag:
                json.WriteBooleanValue(flag);
                break;
            case int or long or short or byte or uint or ulong or decimal or System.Numerics.BigInteger:
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!, skipInputValidation: true);
                break;
            case double or float:
                var real = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (double.IsFinite(real))
                {
                    json.WriteNumberValue(real);
                }
                else
                {
                    json.WriteStringValue(real.ToString(CultureInfo.InvariantCulture));
                }

                break;
            case DateTime date:
                json.WriteStringValue(date.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTimeOffset date:
                json.WriteStringValue(date.ToString("O", CultureInfo.InvariantCulture));
                break;
            case IList list:
                json.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(json, item, depth + 1);
                }

                json.WriteEndArray();
                break;
            case IScriptObject scope:
                json.WriteStartObject();
                foreach (var member in scope.GetMembers())
                {
                    json.WritePropertyName(member);
                    WriteValue(json, scope.TryGetValue(null!, default, member, out var inner) ? inner : null, depth + 1);
                }

                json.WriteEndObject();
                break;
            case IDictionary<string, object?> dictionary:
                json.WriteStartObject();
                foreach (var (key, inner) in dictionary)
                {
                    json.WritePropertyName(key);
                    WriteValue(json, inner, depth + 1);
                }

                json.WriteEndObject();
                break;
            case IEnumerable sequence:
                json.WriteStartArray();
                foreach (var item in sequence)
                {
                    WriteValue(json, item, depth + 1);
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
