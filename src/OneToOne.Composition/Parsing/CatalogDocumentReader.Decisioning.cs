using System.Globalization;
using System.Text.RegularExpressions;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Parsing;

/// <summary>The decisioning keys: <c>experiments:</c>, <c>policy:</c>, a module's <c>score</c>/<c>topics</c>, a message's suppress rules, channels, topic and caps.</summary>
internal sealed partial class CatalogDocumentReader
{
    /// <summary>The contact channels a message can be routed to.</summary>
    public static readonly string[] ContactChannels = ["email", "print", "web"];

    private static readonly string[] ExperimentKeys = ["salt", "arms", "coverage", "holdout", "holdout-gets", "slots", "messages", "description"];
    private static readonly string[] PolicyKeys = ["consent", "preferred-channel", "opted-out-topics", "caps"];
    private static readonly string[] CapKeys = ["max", "per"];
    private static readonly string[] RuleKeys = ["name", "when", "reason"];

    private readonly Dictionary<string, SourceLocation> _experimentIds = new(StringComparer.Ordinal);

    private void ReadExperiment(YamlScalar key, YamlNode value)
    {
        if (ExpectMapping(value, $"experiment '{key.Value}'") is not { } mapping)
        {
            return;
        }

        if (key.Value.Contains('-', StringComparison.Ordinal))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, key.Location,
                $"The experiment id '{key.Value}' contains '-', which a condition would read as a minus in 'experiment.{key.Value}'. Use '_' instead: '{key.Value.Replace('-', '_')}'.");
            return;
        }

        var salt = string.Empty;
        var arms = new List<ArmDefinition>();
        var armsLocation = key.Location;
        var coverage = 10_000;
        IdReference? holdout = null;
        var suppresses = false;
        List<IdReference> slots = [], messages = [];
        var hasArms = false;
        var weightsValid = true;
        YamlScalar? holdoutKey = null;
        foreach (var (k, v) in Entries(mapping, ExperimentKeys, $"in experiment '{key.Value}'"))
        {
            switch (k.Value)
            {
                case "salt": salt = ExpectText(v, "salt")?.Value ?? salt; break;
                case "arms":
                    hasArms = true;
                    armsLocation = v.Location;
                    weightsValid = ReadArms(key.Value, v, arms);
                    break;
                case "coverage": coverage = ReadCoverage(v) ?? coverage; break;
                case "holdout":
                    if (ExpectText(v, "holdout") is { } h)
                    {
                        holdout = new IdReference(h.Value, h.Location);
                    }

                    break;
                case "holdout-gets":
                    holdoutKey ??= k;
                    suppresses = OneOf(v, "holdout-gets", ["fallback", "suppress"]) == "suppress";
                    break;
                case "slots":
                    holdoutKey ??= k;
                    slots = ReadIdList(v, "slots");
                    break;
                case "messages": messages = ReadIdList(v, "messages"); break;
                case "description": Description(v); break;
            }
        }

        if (!hasArms)
        {
            diagnostics.Error(DiagnosticCodes.MissingKey, key.Location,
                $"Experiment '{key.Value}' has no 'arms'. Add 'arms: {{ control: 10, variant: 90 }}' with each arm's relative weight.");
        }
        else if (weightsValid && arms.Count > 0 && arms.TrueForAll(static a => a.Weight == 0))
        {
            diagnostics.Error(DiagnosticCodes.InvalidWeight, armsLocation,
                $"Every arm of experiment '{key.Value}' has weight 0, so nobody could be assigned. Give at least one arm a positive weight.");
        }
        else if (weightsValid && holdout is { } held && arms.Find(a => a.Id == held.Id) is { Weight: 0 })
        {
            diagnostics.Warning(DiagnosticCodes.HoldoutHoldsNobody, held.Location,
                $"The holdout arm '{held.Id}' of experiment '{key.Value}' has weight 0, so nobody is held out and there is no control group to measure lift against. Give it a weight ('{held.Id}: 10' with the other arms at 90 holds out a tenth), or remove 'holdout'.");
        }

        if (holdout is null && holdoutKey is { } orphan)
        {
            diagnostics.Warning(DiagnosticCodes.HoldoutHoldsNobody, orphan.Location,
                $"Experiment '{key.Value}' sets '{orphan.Value}', which applies to its holdout, but names no 'holdout', so nobody is held out. Add 'holdout: ARM' naming the arm to hold out (such as 'holdout: control'), or remove '{orphan.Value}'.");
        }

        document.Decisioning.Experiments.Add(new ExperimentDefinition(key.Value, key.Location, salt, arms, armsLocation, coverage, holdout, suppresses, slots, messages));
    }

    /// <summary>Reads an experiment's arms; returns false when some arm was reported (so "every weight is 0" is not claimed of the rest).</summary>
    private bool ReadArms(string experiment, YamlNode value, List<ArmDefinition> arms)
    {
        if (ExpectMapping(value, "arms") is not { } mapping)
        {
            return false;
        }

        foreach (var (arm, weightNode) in mapping.Entries)
        {
            if (ExpectText(weightNode, $"the weight of arm '{arm.Value}'", $"a number, such as '{arm.Value}: 50'") is not { } weight)
            {
                continue;
            }

            if (!IsValidId(arm.Value))
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, arm.Location,
                    $"'{arm.Value}' is not a valid arm id. Use letters, digits, '-' and '_', starting with a letter.");
                continue;
            }

            if (!decimal.TryParse(weight.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number < 0 || number > 1_000_000)
            {
                diagnostics.Error(DiagnosticCodes.InvalidWeight, weight.Location,
                    $"The weight of arm '{arm.Value}' in experiment '{experiment}' is '{weight.Value}'; a weight must be a number from 0 to 1000000 (weights are relative: 10, 45, 45 gives 10%, 45%, 45%).");
                continue;
            }

            arms.Add(new ArmDefinition(arm.Value, arm.Location, number));
        }

        if (mapping.Entries.Count == 0)
        {
            diagnostics.Error(DiagnosticCodes.MissingKey, mapping.Location, $"Experiment '{experiment}' has no arms. Write 'arms: {{ control: 10, variant: 90 }}'.");
        }

        return arms.Count == mapping.Entries.Count;
    }

    /// <summary>Reads <c>coverage: 50%</c> (or <c>50</c>) as basis points, 0 to 10,000.</summary>
    private int? ReadCoverage(YamlNode value)
    {
        if (ExpectText(value, "coverage", "a share of recipients, such as 'coverage: 50%'") is not { } scalar)
        {
            return null;
        }

        var text = scalar.Value.Trim().TrimEnd('%').Trim();
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) || percent > 100 || decimal.Round(percent, 2) != percent)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, scalar.Location,
                $"'coverage: {scalar.Value}' must be a percentage from 0% to 100% with at most two decimals, such as '50%'.");
            return null;
        }

        return (int)(percent * 100);
    }

    private List<IdReference> ReadIdList(YamlNode value, string key)
    {
        var ids = new List<IdReference>();
        if (value is YamlScalar { IsNull: false } single)
        {
            ids.Add(new IdReference(single.Value, single.Location));
        }
        else if (value is YamlSequence sequence)
        {
            foreach (var item in sequence.Items)
            {
                if (ExpectText(item, $"an entry of '{key}'") is { } id)
                {
                    ids.Add(new IdReference(id.Value, id.Location));
                }
            }
        }
        else
        {
            diagnostics.Error(DiagnosticCodes.WrongType, value.Location, $"'{key}' must be a list such as '[a, b]', but it is {value.KindName}.");
        }

        return ids;
    }

    private void ReadPolicy(YamlNode value)
    {
        if (ExpectMapping(value, "policy") is not { } mapping)
        {
            return;
        }

        if (document.Decisioning.Policy is { } first)
        {
            diagnostics.Error(DiagnosticCodes.DuplicateId, mapping.Location, $"'policy' is already defined at {first.Location}. A catalog has one policy: merge them.");
            return;
        }

        var consent = new List<(string, SourceText)>();
        string? preferred = null, optedOut = null;
        var caps = new List<CapDefinition>();
        foreach (var (k, v) in Entries(mapping, PolicyKeys, "in 'policy'"))
        {
            switch (k.Value)
            {
                case "consent":
                    if (ExpectMapping(v, "consent") is { } consentMap)
                    {
                        foreach (var (channel, condition) in consentMap.Entries)
                        {
                            if (CheckChannel(channel) && Source(condition, $"the consent for '{channel.Value}'") is { } text)
                            {
                                consent.Add((channel.Value, text));
                            }
                        }
                    }

                    break;
                case "preferred-channel": preferred = ExpectText(v, "preferred-channel")?.Value; break;
                case "opted-out-topics": optedOut = ExpectText(v, "opted-out-topics")?.Value; break;
                case "caps": ReadCaps(v, caps); break;
            }
        }

        document.Decisioning.Policy = new PolicyDefinition(mapping.Location, consent, preferred, optedOut, caps);
    }

    private bool CheckChannel(YamlScalar channel)
    {
        if (Array.IndexOf(ContactChannels, channel.Value) >= 0)
        {
            return true;
        }

        diagnostics.Error(DiagnosticCodes.UnknownChannel, channel.Location,
            $"'{channel.Value}' is not a contact channel. Use one of: {string.Join(", ", ContactChannels)}.{Suggest.DidYouMean(channel.Value, ContactChannels)}");
        return false;
    }

    private void ReadCaps(YamlNode value, List<CapDefinition> caps)
    {
        IEnumerable<YamlNode> items = value is YamlSequence sequence ? sequence.Items : [value];
        foreach (var item in items)
        {
            if (ExpectMapping(item, "a cap") is not { } mapping)
            {
                continue;
            }

            YamlScalar? max = null;
            var per = "message";
            foreach (var (k, v) in Entries(mapping, CapKeys, "in a cap"))
            {
                if (k.Value == "max")
                {
                    max = ExpectText(v, "max");
                }
                else
                {
                    per = OneOf(v, "per", ["channel", "message", "topic"]) ?? per;
                }
            }

            if (max is null)
            {
                diagnostics.Error(DiagnosticCodes.MissingKey, mapping.Location, "A cap needs 'max', for example 'max: 2 per 7d'.");
            }
            else if (ParseCap(max.Value) is { } cap)
            {
                caps.Add(new CapDefinition(max.Location, cap.Max, cap.Window, cap.WindowText, per));
            }
            else
            {
                diagnostics.Error(DiagnosticCodes.InvalidCap, max.Location,
                    $"'max: {max.Value}' is not a cap. Write a count and a window: 'max: 2 per 7d' (a number with h, d or w for hours, days or weeks), or 'per day' or 'per week'.");
            }
        }
    }

    /// <summary>Parses <c>2 per 7d</c>, <c>1 per 24h</c>, <c>3 per 2w</c>, <c>1 per day</c>, <c>1 per week</c>.</summary>
    internal static (int Max, TimeSpan Window, string WindowText)? ParseCap(string text)
    {
        var match = CapPattern().Match(text.Trim());
        if (!match.Success || !int.TryParse(match.Groups["max"].Value, CultureInfo.InvariantCulture, out var max))
        {
            return null;
        }

        var amount = match.Groups["n"].Success ? int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) : 1;
        var unit = match.Groups["unit"].Value;
        if (amount is < 1 or > 3660)
        {
            return null;
        }

        var window = unit switch
        {
            "h" or "hour" => TimeSpan.FromHours(amount),
            "d" or "day" => TimeSpan.FromDays(amount),
            _ => TimeSpan.FromDays(7 * amount),
        };
        return (max, window, $"{amount}{unit[0]}");
    }

    [GeneratedRegex(@"^(?<max>[0-9]{1,6})\s+per\s+(?:(?<n>[0-9]{1,4})\s*(?<unit>h|d|w)|(?<unit>hour|day|week))$", RegexOptions.CultureInvariant)]
    private static partial Regex CapPattern();

    private void ReadModuleDecisioning(string module, string key, YamlNode value)
    {
        var current = document.Decisioning.Modules.GetValueOrDefault(module) ?? new ModuleDecisioning(null, []);
        document.Decisioning.Modules[module] = key == "score"
            ? current with { Score = Source(value, "score") }
            : current with { Topics = ReadIdList(value, "topics") };
    }

    private MessageDecisioning MessageExtras(string message) =>
        document.Decisioning.Messages.GetValueOrDefault(message) ?? new MessageDecisioning([], [], null, []);

    private void ReadMessageDecisioning(string message, string key, YamlNode value)
    {
        var current = MessageExtras(message);
        switch (key)
        {
            case "channels":
                var channels = ReadIdList(value, "channels");
                foreach (var channel in channels)
                {
                    if (Array.IndexOf(ContactChannels, channel.Id) < 0)
                    {
                        diagnostics.Error(DiagnosticCodes.UnknownChannel, channel.Location,
                            $"'{channel.Id}' is not a contact channel. Use one of: {string.Join(", ", ContactChannels)}.{Suggest.DidYouMean(channel.Id, ContactChannels)}");
                    }
                }

                current = current with { Channels = channels };
                break;
            case "topic":
                current = current with { Topic = ExpectText(value, "topic", "one topic, such as 'topic: offers' (a message has one; modules list theirs under 'topics')") is { } t ? new IdReference(t.Value, t.Location) : null };
                break;
            default:
                var caps = new List<CapDefinition>();
                ReadCaps(value, caps);
                current = current with { Caps = caps };
                break;
        }

        document.Decisioning.Messages[message] = current;
    }

    private void ReadSuppressRules(string message, YamlSequence rules)
    {
        var list = new List<SuppressRuleDefinition>();
        var number = 0;
        foreach (var item in rules.Items)
        {
            number++;
            if (ExpectMapping(item, "a suppress rule") is not { } mapping)
            {
                continue;
            }

            string? name = null, reason = null;
            SourceText? when = null;
            foreach (var (k, v) in Entries(mapping, RuleKeys, "in a suppress rule"))
            {
                switch (k.Value)
                {
                    case "name": name = ExpectText(v, "name")?.Value; break;
                    case "when": when = Source(v, "when"); break;
                    case "reason": reason = ExpectText(v, "reason")?.Value; break;
                }
            }

            if (when is null)
            {
                diagnostics.Error(DiagnosticCodes.MissingKey, mapping.Location,
                    "A suppress rule needs a 'when:' condition, for example 'when: uplift < 0'.");
                continue;
            }

            list.Add(new SuppressRuleDefinition(name, number, mapping.Location, when, reason));
        }

        document.Decisioning.Messages[message] = MessageExtras(message) with { SuppressRules = list };
    }
}
