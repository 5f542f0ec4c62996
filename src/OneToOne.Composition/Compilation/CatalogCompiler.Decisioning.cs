using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;

namespace OneToOne.Composition.Compilation;

/// <summary>Experiments, scores, suppress rules, consent, routing and caps: validated against the rest of the catalog and compiled.</summary>
internal sealed partial class CatalogCompiler
{
    private DecisioningCompilation CompileDecisioning(
        CatalogDocument document,
        Dictionary<string, CompiledSegment> segments,
        Dictionary<string, CompiledModule> modules,
        Dictionary<string, CompiledSlot> slots,
        List<CompiledMessage> messages)
    {
        var decisioning = document.Decisioning;
        var conditions = new List<CompiledCondition>();
        var messageIds = document.Messages.Select(static m => m.Id).ToHashSet(StringComparer.Ordinal);
        var experiments = CompileExperiments(decisioning.Experiments, slots, messageIds);

        foreach (var (id, extras) in decisioning.Modules)
        {
            if (!modules.TryGetValue(id, out var module))
            {
                continue;
            }

            var score = extras.Score is null ? null : _scripts.CompileScore(extras.Score, $"'score' of module '{id}'");
            module.Decisioning = new ModuleDecisioningModel(score, [.. extras.Topics.Select(static t => t.Id)]);
        }

        var policy = decisioning.Policy;
        var consent = new Dictionary<string, CompiledConsent>(StringComparer.Ordinal);
        foreach (var (channel, source) in policy?.Consent ?? [])
        {
            if (_scripts.CompileCondition(source, $"consent for '{channel}'") is { } condition)
            {
                // The segments it reads are part of the consent: their fields must be there too, and those they test as
                // true/false must be true or false, as if the consent read them itself ('email: segment.can_email').
                var fields = new List<string>();
                foreach (var read in SegmentsRead(condition, segments).Prepend(condition))
                {
                    var analyzer = new TemplateAnalyzer();
                    analyzer.Visit(read.Expression);
                    fields.AddRange(analyzer.RequiredFields.Select(static f => f.Name));
                }

                var tested = new List<string>();
                var members = new List<Scriban.Syntax.ScriptExpression>();
                TestedFields(condition.Expression, tested, members, segments, []);
                consent[channel] = new CompiledConsent(channel, condition, [.. fields.Distinct(StringComparer.Ordinal)], [.. tested.Distinct(StringComparer.Ordinal)], [.. members]);
                conditions.Add(condition);
            }
        }

        var policyCaps = policy?.Caps ?? [];

        // Topic opt-outs apply to every message once the policy names the field and some module is about a topic.
        var topicOptOuts = policy?.OptedOutTopicsField is not null && modules.Values.Any(static m => m.Decisioning?.Topics is { Length: > 0 });
        foreach (var message in messages)
        {
            var extras = decisioning.Messages.GetValueOrDefault(message.Id);
            var applicable = experiments.Values.Where(e => e.Messages is null || e.Messages.Contains(message.Id)).ToArray();
            var rules = new List<CompiledSuppressRule>();
            foreach (var rule in extras?.SuppressRules ?? [])
            {
                var name = rule.Name ?? $"rule {rule.Number}";
                if (_scripts.CompileCondition(rule.When, $"suppress rule '{name}' of message '{message.Id}'") is { } condition)
                {
                    var tested = new List<string>();
                    var members = new List<Scriban.Syntax.ScriptExpression>();
                    // Only values compared with true or false: a rule's bare test is as often of presence ('!email') as of a flag.
                    TestedFields(condition.Expression, tested, members, segments, [], bare: false);
                    rules.Add(new CompiledSuppressRule(name, condition, rule.Reason ?? $"suppress rule '{name}': {condition.Text}", [.. tested.Distinct(StringComparer.Ordinal)], [.. members]));
                    conditions.Add(condition);
                }
            }

            var channels = extras?.Channels.Select(static c => c.Id).ToArray() ?? [];
            var topic = extras?.Topic?.Id;
            var caps = new List<CompiledCap>();
            foreach (var cap in policyCaps.Concat(extras?.Caps ?? []))
            {
                if (cap.Per == "topic" && topic is null)
                {
                    // A policy-wide topic cap simply does not apply to a message without a topic; one on the message itself is a mistake.
                    if (extras?.Caps.Contains(cap) == true)
                    {
                        diagnostics.Error(DiagnosticCodes.InvalidCap, cap.Location,
                            $"Message '{message.Id}' caps contacts per topic but has no 'topic'. Add 'topic: credit-cards' (or whatever it is about), or count 'per: message'.");
                    }

                    continue;
                }

                if (cap.Per == "channel" && channels.Length == 0)
                {
                    // As with topics: a policy-wide channel cap does not apply to an unrouted message (OTO1307 warns); one on the message itself would be skipped silently.
                    if (extras?.Caps.Contains(cap) == true)
                    {
                        diagnostics.Error(DiagnosticCodes.InvalidCap, cap.Location,
                            $"Message '{message.Id}' caps contacts per channel but names no 'channels', so the cap could never be checked. Add 'channels: [email]' (the channels it goes out on), or count 'per: message'.");
                    }

                    continue;
                }

                caps.Add(new CompiledCap(cap.Max, cap.Window, cap.WindowText, cap.Per, cap.Location));
            }

            if (channels.Length == 0 && (consent.Count > 0 || policyCaps.Any(static c => c.Per == "channel")))
            {
                diagnostics.Warning(DiagnosticCodes.UnroutedMessage, extras?.Topic?.Location ?? MessageLocation(document, message.Id),
                    $"Message '{message.Id}' names no 'channels', so the policy's consent and channel caps are not checked for it. Add 'channels: [email, print]'.");
            }

            if (applicable.Length > 0 || rules.Count > 0 || channels.Length > 0 || topic is not null || caps.Count > 0 || topicOptOuts)
            {
                message.Policy = new MessagePolicy
                {
                    Experiments = applicable,
                    SuppressRules = [.. rules],
                    Topic = topic,
                    Channels = channels,
                    Consent = consent,
                    Caps = [.. caps],
                    PreferredChannelField = policy?.PreferredChannelField,
                    OptedOutTopicsField = policy?.OptedOutTopicsField,
                };
            }
        }

        CheckExperimentReferences();
        return new DecisioningCompilation(experiments, conditions);
    }

    private static SourceLocation MessageLocation(CatalogDocument document, string id) =>
        document.Messages.First(m => m.Id == id).Location;

    /// <summary>
    /// Collects the fields a condition tests as true/false itself: alone, under <c>!</c>, as an operand of <c>&amp;&amp;</c>
    /// or <c>||</c>, or compared with <c>true</c> or <c>false</c>; and the members of recipient data it tests so (<c>prefs.email_ok</c>, <c>recipient.mail_ok</c>), whose
    /// values are read when the consent is checked. Without <paramref name="bare"/>, only those compared with true or false.
    /// </summary>
    private static void TestedFields(Scriban.Syntax.ScriptExpression? expression, List<string> fields, List<Scriban.Syntax.ScriptExpression> members, Dictionary<string, CompiledSegment> segments, HashSet<string> visited, bool bare = true)
    {
        switch (expression)
        {
            case Scriban.Syntax.ScriptNestedExpression nested:
                TestedFields(nested.Expression, fields, members, segments, visited, bare);
                break;
            case Scriban.Syntax.ScriptUnaryExpression { Operator: Scriban.Syntax.ScriptUnaryOperator.Not } not:
                TestedFields(not.Right, fields, members, segments, visited, bare);
                break;
            case Scriban.Syntax.ScriptBinaryExpression { Operator: Scriban.Syntax.ScriptBinaryOperator.And or Scriban.Syntax.ScriptBinaryOperator.Or } binary:
                TestedFields(binary.Left, fields, members, segments, visited, bare);
                TestedFields(binary.Right, fields, members, segments, visited, bare);
                break;

            // A segment tested as true/false tests what its own condition tests so.
            case Scriban.Syntax.ScriptMemberExpression { Target: Scriban.Syntax.ScriptVariableGlobal { Name: "segment" }, Member.Name: var id }
                when segments.TryGetValue(id, out var segment) && visited.Add(id):
                TestedFields(segment.Condition.Expression, fields, members, segments, visited, bare);
                break;

            // 'ok == true', 'ok != false': a comparison with true or false tests the value as true/false too; Scriban's
            // comparison would give the text "no" consent by 'ok != false'.
            case Scriban.Syntax.ScriptBinaryExpression { Operator: Scriban.Syntax.ScriptBinaryOperator.CompareEqual or Scriban.Syntax.ScriptBinaryOperator.CompareNotEqual } compared
                when compared.Left is Scriban.Syntax.ScriptLiteral { Value: bool } || compared.Right is Scriban.Syntax.ScriptLiteral { Value: bool }:
                TestedFields(compared.Left is Scriban.Syntax.ScriptLiteral { Value: bool } ? compared.Right : compared.Left, fields, members, segments, visited, bare: true);
                break;
            case Scriban.Syntax.ScriptVariableGlobal variable when bare:
                fields.Add(variable.Name);
                break;
            case Scriban.Syntax.ScriptMemberExpression or Scriban.Syntax.ScriptIndexerExpression when bare && ReadsRecipientData(expression):
                members.Add(expression);
                break;
        }
    }

    /// <summary>The segments a condition reads, directly or through other segments, each once.</summary>
    private static List<CompiledCondition> SegmentsRead(CompiledCondition condition, Dictionary<string, CompiledSegment> segments)
    {
        var read = new List<CompiledCondition>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(condition.Segments);
        while (pending.TryPop(out var id))
        {
            if (seen.Add(id) && segments.TryGetValue(id, out var segment))
            {
                read.Add(segment.Condition);
                foreach (var next in segment.Condition.Segments)
                {
                    pending.Push(next);
                }
            }
        }

        return read;
    }

    /// <summary>Whether a member or index read starts at a recipient field or at <c>recipient</c> (not at a segment, an experiment or a builtin).</summary>
    private static bool ReadsRecipientData(Scriban.Syntax.ScriptExpression? expression)
    {
        while (true)
        {
            switch (expression)
            {
                case Scriban.Syntax.ScriptMemberExpression member:
                    expression = member.Target;
                    break;
                case Scriban.Syntax.ScriptIndexerExpression indexer:
                    expression = indexer.Target;
                    break;
                case Scriban.Syntax.ScriptVariableGlobal { Name: var name }:
                    return name == "recipient" || (!Runtime.ScriptEnvironment.IsBuiltin(name) && Array.IndexOf(Runtime.ScriptEnvironment.ReservedNames, name) < 0);
                default:
                    return false;
            }
        }
    }

    private Dictionary<string, CompiledExperiment> CompileExperiments(List<ExperimentDefinition> definitions, Dictionary<string, CompiledSlot> slots, HashSet<string> messageIds)
    {
        var experiments = new Dictionary<string, CompiledExperiment>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var arms = definition.Arms.Select(static a => a.Id).ToArray();
            var holdout = -1;
            if (definition.Holdout is { } h)
            {
                holdout = Array.IndexOf(arms, h.Id);
                if (holdout < 0)
                {
                    diagnostics.Error(DiagnosticCodes.UndefinedArm, h.Location,
                        $"The holdout of experiment '{definition.Id}' names arm '{h.Id}', which is not one of its arms ({string.Join(", ", arms)}).{Suggest.DidYouMean(h.Id, arms)}");
                }
            }

            foreach (var slot in definition.Slots.Where(s => !slots.ContainsKey(s.Id)))
            {
                diagnostics.Undefined(DiagnosticCodes.UndefinedSlot, slot.Location,
                    $"Experiment '{definition.Id}' names slot '{slot.Id}', which is not defined.{Suggest.DidYouMean(slot.Id, slots.Keys)}");
            }

            foreach (var message in definition.Messages.Where(m => !messageIds.Contains(m.Id)))
            {
                diagnostics.Undefined(DiagnosticCodes.InvalidValue, message.Location,
                    $"Experiment '{definition.Id}' names message '{message.Id}', which is not defined.{Suggest.DidYouMean(message.Id, messageIds)}");
            }

            if (arms.Length == 0 || definition.Arms.All(static a => a.Weight == 0))
            {
                continue;
            }

            experiments.Add(definition.Id, new CompiledExperiment
            {
                Id = definition.Id,
                Salt = definition.Salt,
                Arms = arms,
                Ranges = ExperimentBuckets.Ranges([.. definition.Arms.Select(static a => a.Weight)], definition.CoverageBasisPoints),
                Holdout = holdout,
                HoldoutSuppresses = definition.HoldoutSuppresses,
                Slots = definition.Slots.Count == 0 ? null : definition.Slots.Select(static s => s.Id).ToHashSet(StringComparer.Ordinal),
                Messages = definition.Messages.Count == 0 ? null : definition.Messages.Select(static m => m.Id).ToHashSet(StringComparer.Ordinal),
            });
        }

        _definedExperiments = definitions;
        return experiments;
    }

    private List<ExperimentDefinition> _definedExperiments = [];

    private void CheckExperimentReferences()
    {
        var defined = _definedExperiments.ToDictionary(static e => e.Id, StringComparer.Ordinal);
        foreach (var (experiment, location) in _scripts.ExperimentReferences)
        {
            if (!defined.ContainsKey(experiment))
            {
                diagnostics.Undefined(DiagnosticCodes.UndefinedExperiment, location,
                    $"'experiment.{experiment}' names an experiment that is not defined.{Suggest.DidYouMean(experiment, defined.Keys)} Define it under 'experiments:' or fix the name.");
            }
        }

        foreach (var (experiment, arm, location) in _scripts.ArmReferences)
        {
            if (defined.TryGetValue(experiment, out var definition) && !definition.Arms.Any(a => a.Id == arm))
            {
                var arms = definition.Arms.Select(static a => a.Id).ToArray();
                diagnostics.Error(DiagnosticCodes.UndefinedArm, location,
                    $"Experiment '{experiment}' has no arm '{arm}', so this comparison is never true. Its arms are: {string.Join(", ", arms)}.{Suggest.DidYouMean(arm, arms)}");
            }
        }
    }

    private void CompileDecisioningConditions(DecisioningCompilation decisioning, Dictionary<string, CompiledSegment> segments, FieldTable fields)
    {
        if (!compileConditions)
        {
            return;
        }

        foreach (var condition in decisioning.Conditions)
        {
            condition.Compiled = ConditionNode.Compile(condition.Expression, segments, fields);
        }
    }

    /// <summary>What the decisioning keys compiled to: the experiments, and the conditions to compile to evaluation trees.</summary>
    private sealed record DecisioningCompilation(Dictionary<string, CompiledExperiment> Experiments, List<CompiledCondition> Conditions);
}
