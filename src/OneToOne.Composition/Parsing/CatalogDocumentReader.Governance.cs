using System.Globalization;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Runtime;

namespace OneToOne.Composition.Parsing;

/// <content>Reads the governance keys: <c>active</c>, <c>status</c>, <c>locales</c> and (messages only) <c>required</c>.</content>
internal sealed partial class CatalogDocumentReader
{
    private static readonly string[] ActiveKeys = ["from", "until"];
    private static readonly string[] ModuleLocaleKeys = ["content", "html", "text", "print"];
    private static readonly string[] MessageLocaleKeys = ["subject", "preheader"];
    private static readonly string[] RequiredKeys = ["any"];

    /// <summary>Gets the keys the reader accepts, by where they appear (the JSON Schema test compares them with the schema).</summary>
    internal static IReadOnlyDictionary<string, string[]> AcceptedKeys { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["root"] = RootKeys,
        ["module"] = ModuleKeys,
        ["slot"] = SlotKeys,
        ["message"] = MessageKeys,
        ["email"] = EmailKeys,
        ["web"] = WebKeys,
        ["print"] = PrintKeys,
        ["fonts"] = FontKeys,
        ["suppress"] = SuppressKeys,
        ["tagQuery"] = TagQueryKeys,
        ["active"] = ActiveKeys,
        ["moduleLocale"] = ModuleLocaleKeys,
        ["messageLocale"] = MessageLocaleKeys,
        ["requiredGroup"] = RequiredKeys,
        ["experiment"] = ExperimentKeys,
        ["policy"] = PolicyKeys,
        ["cap"] = CapKeys,
        ["suppressRule"] = RuleKeys,
    };

    private void ReadGovernance(YamlScalar key, YamlNode value, GovernanceDefinition governance, bool isModule)
    {
        switch (key.Value)
        {
            case "active":
                ReadActive(value, governance);
                break;
            case "status":
                if (OneOf(value, "status", ["draft", "approved"]) is { } status)
                {
                    governance.IsDraft = status == "draft";
                    governance.StatusLocation = value.Location;
                }

                break;
            case "required" when !isModule:
                ReadRequired(value, governance);
                break;
            case "locales":
                ReadLocales(value, governance, isModule);
                break;
        }
    }

    private void ReadActive(YamlNode value, GovernanceDefinition governance)
    {
        if (ExpectMapping(value, "active") is not { } mapping)
        {
            return;
        }

        governance.ActiveLocation = mapping.Location;
        foreach (var (k, v) in Entries(mapping, ActiveKeys, "in 'active'"))
        {
            if (ExpectText(v, k.Value, $"an ISO 8601 date such as '{k.Value}: 2026-12-01' or a date-time with offset") is not { } scalar)
            {
                continue;
            }

            if (IsoInstant.Parse(scalar.Value) is not { } instant)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, scalar.Location,
                    $"'{k.Value}: {scalar.Value}' is not a date. Write an ISO 8601 date such as 2026-12-01 (midnight UTC) or a date-time with offset such as 2026-12-01T08:00:00+01:00.");
                continue;
            }

            if (k.Value == "from")
            {
                governance.ActiveFrom = instant;
            }
            else
            {
                governance.ActiveUntil = instant;
            }
        }

        if (governance.ActiveFrom is { } from && governance.ActiveUntil is { } until && until <= from)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, mapping.Location,
                $"'active' ends ({until:yyyy-MM-dd HH:mm zzz}) before it starts ({from:yyyy-MM-dd HH:mm zzz}), so '{governance.OwnerId}' would never be active. 'until' is the first instant it is no longer active: make it later than 'from'.");
        }
    }

    private void ReadRequired(YamlNode value, GovernanceDefinition governance)
    {
        IReadOnlyList<YamlNode> items = value switch
        {
            YamlSequence sequence => sequence.Items,
            YamlScalar { IsNull: false } scalar => [scalar],
            _ => [],
        };
        if (items.Count == 0)
        {
            diagnostics.Error(DiagnosticCodes.WrongType, value.Location,
                "'required' must list modules every recipient must get, such as '[footer, { any: [legal-us, legal-de, legal-generic] }]'.");
            return;
        }

        foreach (var item in items)
        {
            if (item is YamlScalar scalar)
            {
                if (ExpectText(scalar, "an entry of 'required'") is { } id)
                {
                    governance.Required.Add(new RequiredDefinition(id.Location, [new IdReference(id.Value, id.Location)]));
                }

                continue;
            }

            if (ExpectMapping(item, "an entry of 'required'") is not { } group)
            {
                continue;
            }

            var anyOf = new List<IdReference>();
            foreach (var (_, v) in Entries(group, RequiredKeys, "in an entry of 'required'"))
            {
                if (v is YamlSequence { Items.Count: 0 } || v is YamlScalar { IsNull: true })
                {
                    // Nothing to require: the group used to be dropped without a word, leaving the message unguarded.
                    diagnostics.Error(DiagnosticCodes.MissingKey, v.Location,
                        "'any' lists no module, so this entry of 'required' requires nothing. List the modules of which every recipient must get one, such as 'any: [legal-us, legal-generic]'.");
                }
                else if (v is YamlSequence ids)
                {
                    foreach (var entry in ids.Items)
                    {
                        if (ExpectText(entry, "a module id") is { } module)
                        {
                            anyOf.Add(new IdReference(module.Value, module.Location));
                        }
                    }
                }
                else
                {
                    diagnostics.Error(DiagnosticCodes.WrongType, v.Location, $"'any' must be a list of module ids such as '[legal-us, legal-generic]', but it is {v.KindName}.");
                }
            }

            if (anyOf.Count > 0)
            {
                governance.Required.Add(new RequiredDefinition(group.Location, anyOf));
            }
            else if (group.Entries.Count == 0)
            {
                diagnostics.Error(DiagnosticCodes.MissingKey, group.Location, "A group in 'required' needs 'any: [module-a, module-b]'.");
            }
        }
    }

    private void ReadLocales(YamlNode value, GovernanceDefinition governance, bool isModule)
    {
        if (ExpectMapping(value, "locales") is not { } mapping)
        {
            return;
        }

        var allowed = isModule ? ModuleLocaleKeys : MessageLocaleKeys;
        foreach (var (key, variant) in mapping.Entries)
        {
            CultureInfo culture;
            try
            {
                culture = CultureNames.Get(key.Value);
            }
            catch (CultureNotFoundException)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, key.Location,
                    $"'{key.Value}' is not a known culture. Use a culture name such as 'de', 'de-AT' or 'fr-CA'.");
                continue;
            }

            if (culture.Name.Length == 0)
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, key.Location, "The invariant culture cannot be a locale variant: the module's own texts are the default.");
                continue;
            }

            if (governance.Locales.Find(l => string.Equals(l.Culture, culture.Name, StringComparison.OrdinalIgnoreCase)) is { } earlier)
            {
                diagnostics.Error(DiagnosticCodes.DuplicateKey, key.Location, $"The locale '{culture.Name}' is already given at {earlier.Location}. Keep one of them.");
                continue;
            }

            SourceText? content = null, html = null, text = null, print = null, subject = null, preheader = null;
            if (variant is YamlScalar { IsNull: false } shorthand)
            {
                // Shorthand: the variant's content (or, for a message, its subject).
                if (isModule)
                {
                    content = ToSource(shorthand);
                }
                else
                {
                    subject = ToSource(shorthand);
                }
            }
            else if (ExpectMapping(variant, $"locale '{key.Value}'") is { } entries)
            {
                foreach (var (k, v) in Entries(entries, allowed, $"in locale '{key.Value}'"))
                {
                    switch (k.Value)
                    {
                        case "content": content = Source(v, "content"); break;
                        case "html": html = Source(v, "html"); break;
                        case "text": text = Source(v, "text"); break;
                        case "print": print = Source(v, "print"); break;
                        case "subject": subject = Source(v, "subject"); break;
                        case "preheader": preheader = Source(v, "preheader"); break;
                    }
                }
            }
            else
            {
                continue;
            }

            governance.Locales.Add(new LocaleVariantDefinition(culture.Name, key.Location, content, html, text, print, subject, preheader));
        }
    }
}
