using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Runtime;

namespace OneToOne.Composition.Parsing;

/// <summary>Turns the YAML nodes of each catalog file into definitions, reporting every shape problem.</summary>
internal sealed partial class CatalogDocumentReader(CatalogDocument document, DiagnosticBag diagnostics)
{
    private static readonly string[] RootKeys = ["catalog", "locale", "segments", "modules", "slots", "messages", "experiments", "policy"];
    /// <summary>The control characters (C0, DEL and C1) but tab and the line breaks, which a text may hold.</summary>
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0xA0).Select(static c => (char)c).Where(static c => char.IsControl(c) && c is not ('\t' or '\n' or '\r'))));

    private static readonly string[] ModuleKeys = ["when", "content", "html", "text", "print", "tags", "priority", "description", "score", "topics", "active", "status", "locales", "lang"];
    private static readonly string[] SlotKeys = ["pick", "count", "from", "fallback", "description"];
    private static readonly string[] MessageKeys = ["subject", "body", "suppress", "email", "web", "print", "description", "channels", "topic", "caps", "active", "status", "required", "locales"];
    private static readonly string[] EmailKeys = ["from", "reply-to", "to-field", "to-name", "preheader", "layout", "unsubscribe"];
    private static readonly string[] WebKeys = ["layout"];
    private static readonly string[] PrintKeys = ["page", "margins", "duplex", "window", "address", "return-address", "fonts"];
    private static readonly string[] FontKeys = ["regular", "bold", "italic", "bold-italic", "mono", "fallback"];
    private static readonly string[] SuppressKeys = ["when", "reason"];
    private static readonly string[] TagQueryKeys = ["tag"];

    /// <summary>Gets whether files the catalog names (fonts) must lie inside the naming file's folder, links followed (<see cref="CompositionOptions.ConfineToCatalogFolder"/>).</summary>
    public bool ConfineToFolder { get; init; }

    private readonly Dictionary<string, SourceLocation> _segmentIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _moduleIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _slotIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceLocation> _messageIds = new(StringComparer.Ordinal);

    public void ReadFile(string file, YamlNode? root)
    {
        document.Files.Add(file);
        if (root is null or YamlScalar { IsNull: true })
        {
            // Nothing, a lone '---' or a null: an empty file, which adds nothing to the catalog (or one whose YAML could
            // not be read, reported as such: see DiagnosticBag.IdsUnknown).
            return;
        }

        if (root is not YamlMapping mapping)
        {
            diagnostics.Error(DiagnosticCodes.WrongType, root.Location,
                $"A catalog file must be a mapping with keys such as 'catalog:', 'modules:' and 'slots:', but this file is {root.KindName}.");
            return;
        }

        foreach (var (key, value) in Entries(mapping, RootKeys, "at the top of a catalog file"))
        {
            switch (key.Value)
            {
                case "catalog":
                    ReadCatalogName(key, value);
                    break;
                case "locale":
                    ReadLocale(value);
                    break;
                case "segments":
                    ForEachDefinition(value, "segments", _segmentIds, "segment", ReadSegment);
                    break;
                case "modules":
                    ForEachDefinition(value, "modules", _moduleIds, "module", ReadModule);
                    break;
                case "slots":
                    ForEachDefinition(value, "slots", _slotIds, "slot", ReadSlot);
                    break;
                case "messages":
                    ForEachDefinition(value, "messages", _messageIds, "message", ReadMessage);
                    break;
                case "experiments":
                    ForEachDefinition(value, "experiments", _experimentIds, "experiment", ReadExperiment);
                    break;
                case "policy":
                    ReadPolicy(value);
                    break;
            }
        }
    }

    private void ReadCatalogName(YamlScalar key, YamlNode value)
    {
        if (ExpectText(value, "catalog") is not { } name)
        {
            return;
        }

        if (name.Value.Trim().Length == 0 || name.Value.Any(OneLineText.IsUnsafe))
        {
            // The name is printed on one line (a summary, a proof's title): an empty one says nothing, a line break breaks
            // it. It is still the name the catalog gives, so no "the catalog has no name" follows.
            diagnostics.Error(DiagnosticCodes.InvalidValue, name.Location,
                $"The catalog's name must be one line of text, but it is {(name.Value.Trim().Length == 0 ? "empty" : $"'{name.Value}', with a line break, a control character or a text-direction mark")}. Write it on the same line, such as 'catalog: beer-of-the-month'.");
        }

        if (document.Name is not null && document.Name != name.Value)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, name.Location,
                $"This file names the catalog '{name.Value}', but {document.NameLocation} already named it '{document.Name}'. Every file of a catalog must use the same name.");
            return;
        }

        document.Name = name.Value;
        document.NameLocation = key.Location;
    }

    private void ReadLocale(YamlNode value)
    {
        if (ExpectText(value, "locale") is not { } locale)
        {
            return;
        }

        try
        {
            var name = CultureNames.Get(locale.Value).Name;
            if (document.LocaleLocation is { } first && !string.Equals(document.Locale, name, StringComparison.OrdinalIgnoreCase))
            {
                // One file's locale would have replaced the other's, by the order the files load in, without a word.
                diagnostics.Error(DiagnosticCodes.InvalidValue, locale.Location,
                    $"This file sets the catalog's locale to '{locale.Value}', but {first} already set it to '{document.Locale}'. A catalog has one default locale: write the same one in every file that sets it, or set it in one file only.");
                return;
            }

            document.Locale = name;
            document.LocaleLocation ??= locale.Location;
        }
        catch (CultureNotFoundException)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, locale.Location,
                $"'{locale.Value}' is not a known culture. Use a culture name such as 'en-US', 'de-DE' or 'fr'.");
        }
    }

    private void ForEachDefinition(
        YamlNode value,
        string section,
        Dictionary<string, SourceLocation> ids,
        string kind,
        Action<YamlScalar, YamlNode> read)
    {
        if (value is YamlScalar { IsNull: true })
        {
            return;
        }

        if (value is not YamlMapping mapping)
        {
            diagnostics.Error(DiagnosticCodes.WrongType, value.Location,
                $"'{section}' must be a mapping from {kind} id to its definition, but it is {value.KindName}.");
            return;
        }

        foreach (var (key, definition) in mapping.Entries)
        {
            if (ids.TryGetValue(key.Value, out var first))
            {
                diagnostics.Error(DiagnosticCodes.DuplicateId, key.Location,
                    $"The {kind} '{key.Value}' is already defined at {first}. Ids are unique across all files of a catalog: rename one of them.");
                continue;
            }

            if (!IsValidId(key.Value))
            {
                diagnostics.Error(DiagnosticCodes.InvalidValue, key.Location,
                    $"'{key.Value}' is not a valid {kind} id{InvalidIdCharacter(key.Value)}. Use letters, digits, {(kind is "segment" or "experiment" ? $"and '_' ('-' would read as a minus in '{kind}.NAME')" : "'-' and '_'")}, starting with a letter.");
                continue;
            }

            if (MixedScriptId.Describe(key.Value) is { } mix)
            {
                // Valid, so it loads; but a reference typed by hand finds it no more than a reader sees the difference.
                diagnostics.Warning(DiagnosticCodes.MixedScriptId, key.Location,
                    $"The {kind} id '{key.Value}' mixes alphabets: {mix}. It looks like an id typed on a keyboard but is not one, so a reference typed by hand does not find it. Type the id again by hand in one alphabet (letters pasted from a document often bring this).");
            }

            ids.Add(key.Value, key.Location);
            read(key, definition);
        }
    }

    private void ReadSegment(YamlScalar key, YamlNode value)
    {
        if (ExpectText(value, $"segment '{key.Value}'") is { } condition)
        {
            document.Segments.Add(new SegmentDefinition(key.Value, key.Location, ToSource(condition)));
        }
    }

    private void ReadModule(YamlScalar key, YamlNode value)
    {
        if (value is YamlScalar scalar && !scalar.IsNull)
        {
            // Shorthand: a module that is only content.
            document.Modules.Add(new ModuleDefinition(key.Value, key.Location, null, ToSource(scalar), null, null, null, [], 0));
            return;
        }

        if (ExpectMapping(value, $"module '{key.Value}'") is not { } mapping)
        {
            return;
        }

        SourceText? when = null, content = null, html = null, text = null, print = null;
        IReadOnlyList<string> tags = [];
        var priority = 0;
        string? language = null;
        foreach (var (k, v) in Entries(mapping, ModuleKeys, $"in module '{key.Value}'"))
        {
            switch (k.Value)
            {
                case "when": when = Source(v, "when"); break;
                case "content": content = Source(v, "content"); break;
                case "html": html = Source(v, "html"); break;
                case "text": text = Source(v, "text"); break;
                case "print": print = Source(v, "print"); break;
                case "tags": tags = ReadTags(v); break;
                case "priority": priority = ReadInteger(v, "priority", int.MinValue) ?? 0; break;
                case "description": Description(v); break;
                case "lang": language = ReadLanguage(v, key.Value); break;
                case "score" or "topics": ReadModuleDecisioning(key.Value, k.Value, v); break;
                case "active" or "status" or "locales": ReadGovernance(k, v, document.GovernanceOf(module: true, key), isModule: true); break;
            }
        }

        // A key taken for 'content' ("did you mean") was reported already; asked of this mapping's own keys, as a nested
        // mapping's (a locale's) can misspell 'content' too.
        var misspelt = mapping.Entries.Any(static e => Array.IndexOf(ModuleKeys, e.Key.Value) < 0 && Suggest.Closest(e.Key.Value, ModuleKeys) == "content");
        if (content is null && !misspelt)
        {
            diagnostics.Error(DiagnosticCodes.MissingKey, key.Location,
                $"Module '{key.Value}' has no 'content'. Add 'content: |' with the module's Markdown text; 'html', 'text' and 'print' only override it for one channel.");
        }

        document.Modules.Add(new ModuleDefinition(key.Value, key.Location, when, content, html, text, print, tags, priority) { Language = language });
    }

    /// <summary>Reads a module's <c>lang:</c>: a BCP 47 tag, returned in its conventional case (<c>de-de</c> as <c>de-DE</c>).</summary>
    private string? ReadLanguage(YamlNode value, string moduleId)
    {
        if (ExpectText(value, "lang") is not { } tag)
        {
            return null;
        }

        if (LanguageTag.Normalize(tag.Value) is { } normalized)
        {
            if (Runtime.ModuleCulture.Of(normalized) is null)
            {
                diagnostics.Warning(DiagnosticCodes.UnknownLanguageCulture, tag.Location,
                    $"'lang: {normalized}' of module '{moduleId}' is a language .NET knows no culture for: HTML marks the module lang=\"{normalized}\", but its numbers, dates and plural forms follow the recipient's culture. Write a language .NET knows ('de', 'de-DE', 'sr-Latn-RS') if they should follow the module's.");
            }

            return normalized;
        }

        // de_DE is how .NET, POSIX and Java write a locale; BCP 47 (HTML's lang) joins with '-'.
        var hint = tag.Value.Contains('_', StringComparison.Ordinal) && LanguageTag.Normalize(tag.Value.Replace('_', '-')) is { } dashed
            ? $" Did you mean '{dashed}'?"
            : string.Empty;
        diagnostics.Error(DiagnosticCodes.InvalidLanguageTag, tag.Location,
            $"'lang: {tag.Value}' of module '{moduleId}' is not a BCP 47 language tag.{hint} Write the language the module's text is in as HTML's lang attribute takes it: a two- or three-letter language, then optionally a script and a region, joined by '-' ('de', 'de-DE', 'sr-Latn-RS', 'es-419').");
        return null;
    }

    private void ReadSlot(YamlScalar key, YamlNode value)
    {
        if (ExpectMapping(value, $"slot '{key.Value}'") is not { } mapping)
        {
            return;
        }

        var pick = SlotPick.First;
        int? count = null;
        List<IdReference> from = [];
        IdReference? tag = null, fallback = null;
        var hasFrom = false;
        foreach (var (k, v) in Entries(mapping, SlotKeys, $"in slot '{key.Value}'"))
        {
            switch (k.Value)
            {
                case "pick":
                    if (ExpectText(v, "pick") is { } p)
                    {
                        switch (p.Value)
                        {
                            case "first": pick = SlotPick.First; break;
                            case "best": pick = SlotPick.Best; break;
                            case "all": pick = SlotPick.All; break;
                            default:
                                diagnostics.Error(DiagnosticCodes.InvalidValue, p.Location,
                                    $"'pick: {p.Value}' is not a pick mode. Use 'first', 'best' or 'all'.{Suggest.DidYouMean(p.Value, ["first", "best", "all"])}");
                                break;
                        }
                    }

                    break;
                case "count":
                    count = ReadInteger(v, "count", 1);
                    break;
                case "from":
                    hasFrom = true;
                    ReadFrom(v, from, ref tag);
                    break;
                case "fallback":
                    if (ExpectText(v, "fallback") is { } f)
                    {
                        fallback = new IdReference(f.Value, f.Location);
                    }

                    break;
                case "description":
                    Description(v);
                    break;
            }
        }

        if (!hasFrom)
        {
            diagnostics.Error(DiagnosticCodes.MissingKey, key.Location,
                $"Slot '{key.Value}' has no 'from'. Add 'from: [module-a, module-b]' or 'from: {{ tag: some-tag }}'.");
        }

        if (count is not null && pick == SlotPick.First && count != 1)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, key.Location,
                $"Slot '{key.Value}' picks 'first', which always chooses one module, but says 'count: {count}'. Use 'pick: all' or 'pick: best' with a count.");
        }

        document.Slots.Add(new SlotDefinition(key.Value, key.Location, pick, count, from, tag, fallback));
    }

    private void ReadFrom(YamlNode value, List<IdReference> from, ref IdReference? tag)
    {
        switch (value)
        {
            case YamlSequence sequence:
                foreach (var item in sequence.Items)
                {
                    if (ExpectText(item, "an entry of 'from'") is { } id)
                    {
                        from.Add(new IdReference(id.Value, id.Location));
                    }
                }

                break;
            case YamlMapping mapping:
                foreach (var (k, v) in Entries(mapping, TagQueryKeys, "in a tag query"))
                {
                    if (ExpectText(v, "tag") is { } t)
                    {
                        tag = new IdReference(t.Value, t.Location);
                    }
                }

                if (tag is null && mapping.Entries.Count == 0)
                {
                    diagnostics.Error(DiagnosticCodes.MissingKey, mapping.Location, "A tag query needs a tag: write 'from: { tag: cross-sell }'.");
                }

                break;
            case YamlScalar scalar when !scalar.IsNull:
                from.Add(new IdReference(scalar.Value, scalar.Location));
                break;
            default:
                diagnostics.Error(DiagnosticCodes.WrongType, value.Location,
                    $"'from' must be a list of module ids such as '[light-beer, domestic-beer]' or a tag query such as '{{ tag: cross-sell }}', but it is {value.KindName}.");
                break;
        }
    }

    private void ReadMessage(YamlScalar key, YamlNode value)
    {
        if (ExpectMapping(value, $"message '{key.Value}'") is not { } mapping)
        {
            return;
        }

        SourceText? subject = null, body = null, suppressWhen = null, webLayout = null;
        string? reason = null;
        EmailDefinition? email = null;
        PrintDefinition? print = null;
        foreach (var (k, v) in Entries(mapping, MessageKeys, $"in message '{key.Value}'"))
        {
            switch (k.Value)
            {
                case "subject": subject = Source(v, "subject"); break;
                case "body": body = Source(v, "body"); break;
                case "description": Description(v); break;
                case "email": email = ReadEmail(v); break;
                case "print": print = ReadPrint(v); break;
                case "active" or "status" or "required" or "locales": ReadGovernance(k, v, document.GovernanceOf(module: false, key), isModule: false); break;
                case "web":
                    if (ExpectMapping(v, "web") is { } web)
                    {
                        foreach (var (wk, wv) in Entries(web, WebKeys, "in 'web'"))
                        {
                            webLayout = Source(wv, wk.Value);
                        }
                    }

                    break;
                case "channels" or "topic" or "caps":
                    ReadMessageDecisioning(key.Value, k.Value, v);
                    break;
                case "suppress" when v is YamlSequence rules:
                    ReadSuppressRules(key.Value, rules);
                    break;
                case "suppress":
                    if (ExpectMapping(v, "suppress") is { } suppress)
                    {
                        foreach (var (sk, sv) in Entries(suppress, SuppressKeys, "in 'suppress'"))
                        {
                            if (sk.Value == "when")
                            {
                                suppressWhen = Source(sv, "when");
                            }
                            else
                            {
                                reason = ExpectText(sv, "reason")?.Value;
                            }
                        }

                        if (suppressWhen is null)
                        {
                            diagnostics.Error(DiagnosticCodes.MissingKey, suppress.Location,
                                "'suppress' needs a 'when:' condition, for example 'when: unsubscribed == true'.");
                        }
                    }

                    break;
            }
        }

        if (body is null)
        {
            diagnostics.Error(DiagnosticCodes.MissingKey, key.Location,
                $"Message '{key.Value}' has no 'body'. Add 'body: |' with the message text and its slots, for example '{{{{ slot \"hero\" }}}}'.");
        }

        document.Messages.Add(new MessageDefinition(key.Value, key.Location, subject, body, suppressWhen, reason, email, webLayout, print));
    }

    private PrintDefinition? ReadPrint(YamlNode value)
    {
        if (ExpectMapping(value, "print") is not { } mapping)
        {
            return null;
        }

        // Page, margins and duplex stay null when not written: the print renderer's options fill them in.
        string? page = null;
        double[]? margins = null;
        YamlNode? marginsNode = null;
        bool? duplex = null;
        var window = "none";
        SourceText? address = null;
        string? returnAddress = null;
        var fonts = new Dictionary<string, string>(StringComparer.Ordinal);
        var fallbacks = new List<string>();
        foreach (var (k, v) in Entries(mapping, PrintKeys, "in 'print'"))
        {
            switch (k.Value)
            {
                case "page":
                    page = OneOf(v, "page", ["A4", "Letter"]) ?? page;
                    break;
                case "margins":
                    margins = ReadMargins(v) ?? margins;
                    marginsNode = v;
                    break;
                case "duplex":
                    duplex = OneOf(v, "duplex", ["true", "false"]) is { } yesNo ? yesNo == "true" : duplex;
                    break;
                case "window":
                    window = OneOf(v, "window", ["none", "din5008", "us10"]) ?? window;
                    break;
                case "address":
                    address = Source(v, "address");
                    break;
                case "return-address":
                    returnAddress = ExpectText(v, "return-address")?.Value;
                    break;
                case "fonts":
                    if (ExpectMapping(v, "fonts") is { } fontMap)
                    {
                        foreach (var (fk, fv) in Entries(fontMap, FontKeys, "in 'fonts'"))
                        {
                            // 'fallback' takes a list too: one catalog that prints Japanese and Thai needs a font for each.
                            var files = fk.Value == "fallback" && fv is YamlSequence list ? list.Items : [fv];
                            foreach (var item in files)
                            {
                                if (ExpectText(item, fk.Value) is not { } file)
                                {
                                    continue;
                                }

                                if (file.Value.Contains('\0', StringComparison.Ordinal))
                                {
                                    diagnostics.Error(DiagnosticCodes.InvalidValue, file.Location,
                                        $"The font path '{file.Value}' holds a null character (\\0), which no file name can. Write the path of the font file, relative to the catalog file.");
                                    continue;
                                }

                                var folder = Path.GetDirectoryName(Path.GetFullPath(file.Location.File)) ?? ".";
                                var path = Path.GetFullPath(Path.Combine(folder, file.Value));
                                if (ConfineToFolder && FileType.IsOutside(folder, path))
                                {
                                    // Before the file is looked at: whether it exists, or is a font, is nothing a confined catalog may learn.
                                    diagnostics.Error(DiagnosticCodes.MissingFile, file.Location,
                                        $"The font file '{file.Value}' is outside the catalog's folder ({folder}), by its path or through a symbolic link, and this catalog may read only files inside it (CompositionOptions.ConfineToCatalogFolder; the CLI's --confine-to-catalog-folder). Copy the font file into the catalog's folder and give its path from there.");
                                    continue;
                                }

                                document.NamedFiles.Add(path);
                                if (!File.Exists(path))
                                {
                                    diagnostics.Error(DiagnosticCodes.MissingFile, file.Location,
                                        $"The font file '{file.Value}' does not exist (looked for {path}). Font paths are relative to the catalog file.{FilePathHint.For(folder, file.Value)}");
                                }
                                else if (FileKind.FontProblem(path, showStart: !FileType.LeavesFolder(folder, path)) is { } problem)
                                {
                                    diagnostics.Error(DiagnosticCodes.WrongFileKind, file.Location, $"The font file '{file.Value}' ({path}) {problem}");
                                }

                                if (fk.Value == "fallback")
                                {
                                    fallbacks.Add(path);
                                }

                                fonts.TryAdd(fk.Value, path);
                            }
                        }
                    }

                    break;
            }
        }

        if (margins is not null && NoRoomLeft(margins, page) is { } noRoom)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, marginsNode!.Location, noRoom);
        }

        if (window != "none" && address is null)
        {
            diagnostics.Error(DiagnosticCodes.MissingKey, mapping.Location,
                $"'window: {window}' places an address block, but 'print' has no 'address:' template. Add one, such as 'address: \"{{{{ name }}}}\\n{{{{ street }}}}\\n{{{{ city }}}}\"'.");
        }

        // Frozen once here: every render of every thread hands these same instances out through PrintContent.
        IReadOnlyDictionary<string, string> frozenFonts = fonts.Count == 0 ? FrozenDictionary<string, string>.Empty : fonts.ToFrozenDictionary(StringComparer.Ordinal);
        return new PrintDefinition(mapping.Location, page, margins is null ? null : Array.AsReadOnly(margins), duplex, window, address, returnAddress, frozenFonts, fallbacks.AsReadOnly());
    }

    private string? OneOf(YamlNode value, string key, string[] allowed)
    {
        var expected = allowed.Length == 2 ? $"{allowed[0]} or {allowed[1]}" : $"one of {string.Join(", ", allowed)}";
        if (ExpectText(value, key, expected) is not { } scalar)
        {
            return null;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, scalar.Value, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, scalar.Location,
                $"'{key}: {scalar.Value}' is not allowed. Use one of: {string.Join(", ", allowed)}.{Suggest.DidYouMean(scalar.Value, allowed)}");
        }

        return match;
    }

    /// <summary>
    /// Why margins leave no room for content, or null: the print layout needs an inch (72 points) across and down. Judged on
    /// the page when 'page:' is written, else on the roomiest the renderer may choose (A4's height, Letter's width): every
    /// recipient's letter would fail at print time.
    /// </summary>
    /// <remarks>
    /// Computed as the print layout checks its options, in single-precision points on its paper sizes (A4 is 595.28 ×
    /// 841.89 points, a hair over 210 × 297 mm), so that margins load exactly when a page can be laid out with them.
    /// </remarks>
    private static string? NoRoomLeft(double[] margins, string? page)
    {
        const float Inch = 72f, PointsPerMillimetre = 72f / 25.4f;
        var (width, height, widthMm, heightMm, on) = page switch
        {
            "A4" => (595.28f, 841.89f, 210.0, 297.0, "an A4 page (210 × 297 mm)"),
            "Letter" => (612f, 792f, 215.9, 279.4, "a Letter page (215.9 × 279.4 mm)"),
            _ => (612f, 841.89f, 215.9, 297.0, "any page the print renderer lays out (A4 or Letter)"),
        };

        float Points(int side) => (float)margins[side] * PointsPerMillimetre;
        if (width - Points(3) - Points(1) >= Inch && height - Points(0) - Points(2) >= Inch)
        {
            return null;
        }

        // Hundredths, unless those round a shortfall up to the inch itself.
        static string Millimetres(double value)
        {
            var hundredths = Math.Max(value, 0).ToString("0.##", CultureInfo.InvariantCulture);
            return value < 25.4 && hundredths == "25.4" ? value.ToString("0.####", CultureInfo.InvariantCulture) : hundredths;
        }

        var across = widthMm - margins[1] - margins[3];
        var down = heightMm - margins[0] - margins[2];
        return string.Create(CultureInfo.InvariantCulture, $"The margins leave {Millimetres(across)} × {Millimetres(down)} mm for the content of {on}, less than the inch (25.4 mm) each way that print needs: every recipient's letter would fail. Make them smaller.");
    }

    /// <summary>Reads margins in millimetres: one number for all sides, or 'top right bottom left'.</summary>
    private double[]? ReadMargins(YamlNode value)
    {
        if (ExpectText(value, "margins", "one number of millimetres, or four separated by spaces (top right bottom left) such as 'margins: 25 20 20 20'") is not { } scalar)
        {
            return null;
        }

        var parts = scalar.Value.Replace("mm", string.Empty, StringComparison.OrdinalIgnoreCase)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var numbers = new List<double>();
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !(number is >= 0 and <= 100))
            {
                numbers.Clear();
                break;
            }

            numbers.Add(number);
        }

        if (numbers.Count is not (1 or 4))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, scalar.Location,
                $"'margins: {scalar.Value}' must be one length in millimetres for every side ('20mm') or four ('25 20 20 20' for top, right, bottom, left), each from 0 to 100.");
            return null;
        }

        return numbers.Count == 1 ? [numbers[0], numbers[0], numbers[0], numbers[0]] : [.. numbers];
    }

    private EmailDefinition? ReadEmail(YamlNode value)
    {
        if (ExpectMapping(value, "email") is not { } mapping)
        {
            return null;
        }

        string? from = null, replyTo = null;
        var toField = "email";
        SourceText? toName = null, preheader = null, layout = null, unsubscribe = null;
        foreach (var (k, v) in Entries(mapping, EmailKeys, "in 'email'"))
        {
            switch (k.Value)
            {
                case "from": from = FixedAddress(v, "from"); break;
                case "reply-to": replyTo = FixedAddress(v, "reply-to"); break;
                case "to-field": toField = ExpectText(v, "to-field")?.Value ?? toField; break;
                case "to-name": toName = Source(v, "to-name"); break;
                case "preheader": preheader = Source(v, "preheader"); break;
                case "layout": layout = Source(v, "layout"); break;
                case "unsubscribe": unsubscribe = Source(v, "unsubscribe"); break;
            }
        }

        return new EmailDefinition(mapping.Location, from, replyTo, toField, toName, preheader, layout, unsubscribe);
    }

    /// <summary>Reads <c>email: from</c> or <c>reply-to</c>: the sender's own address, never a template, in ASCII before each @.</summary>
    private string? FixedAddress(YamlNode value, string key)
    {
        if (ExpectText(value, key) is not { } scalar)
        {
            return null;
        }

        if (scalar.Value.Contains("{{", StringComparison.Ordinal))
        {
            diagnostics.Error(DiagnosticCodes.InvalidValue, scalar.Location,
                $"'email: {key}' is the sender's own address, written as it is ('News <news@example.com>'), not a template: recipient data never chooses it. Write the address itself.");
            return null;
        }

        if (SenderAddress.FindNonAsciiLocalPart(scalar.Value) is { } address)
        {
            // A domain has an ASCII form (punycode); the part before the @ has none, and written raw it would make
            // an 8-bit header that only an SMTPUTF8 (RFC 6531) path carries. A recipient's To: is refused the same way.
            diagnostics.Error(DiagnosticCodes.InvalidValue, scalar.Location,
                $"'email: {key}' has the address '{address}' with non-ASCII characters before the @, which only an SMTPUTF8 (RFC 6531) message can carry; the composer writes ASCII headers. Use an ASCII address (a non-ASCII domain is fine).");
            return null;
        }

        return scalar.Value;
    }

    private List<string> ReadTags(YamlNode value)
    {
        if (value is YamlScalar { IsNull: false } single)
        {
            return [single.Value];
        }

        if (value is not YamlSequence sequence)
        {
            diagnostics.Error(DiagnosticCodes.WrongType, value.Location, $"'tags' must be a list such as '[cross-sell, seasonal]', but it is {value.KindName}.");
            return [];
        }

        var tags = new List<string>();
        foreach (var item in sequence.Items)
        {
            if (ExpectText(item, "a tag") is { } tag)
            {
                tags.Add(tag.Value);
            }
        }

        return tags;
    }

    private int? ReadInteger(YamlNode value, string key, int minimum)
    {
        var example = minimum == int.MinValue ? 10 : minimum + 1;
        if (ExpectText(value, key, $"a whole number, such as '{key}: {example}'") is not { } scalar)
        {
            return null;
        }

        if (!int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < minimum)
        {
            var range = minimum == int.MinValue ? "a whole number" : $"a whole number of at least {minimum}";
            diagnostics.Error(DiagnosticCodes.InvalidValue, scalar.Location, $"'{key}: {scalar.Value}' must be {range}.");
            return null;
        }

        return number;
    }

    private IEnumerable<KeyValuePair<YamlScalar, YamlNode>> Entries(YamlMapping mapping, string[] allowed, string where)
    {
        foreach (var entry in mapping.Entries)
        {
            if (Array.IndexOf(allowed, entry.Key.Value) < 0)
            {
                diagnostics.Error(DiagnosticCodes.UnknownKey, entry.Key.Location,
                    $"Unknown key '{entry.Key.Value}' {where}.{Suggest.DidYouMean(entry.Key.Value, allowed)} Allowed keys: {string.Join(", ", allowed)}.");
                continue;
            }

            yield return entry;
        }
    }

    private SourceText? Source(YamlNode value, string key) => ExpectText(value, key) is { } scalar ? ToSource(scalar) : null;

    /// <summary>A template's or condition's text, reported when it holds a control character (<see cref="ControlCharacters"/>).</summary>
    private SourceText ToSource(YamlScalar scalar)
    {
        if (scalar.Value.AsSpan().IndexOfAny(ControlCharacters) is var at and >= 0)
        {
            // Only an escape in double quotes brings one in (YAML takes none written as it is, but tab and line breaks):
            // it went into every channel's output, where HTML shows U+FFFD, a PDF has no glyph and a NUL ends a C string.
            diagnostics.Error(DiagnosticCodes.InvalidValue, scalar.Location,
                $"This text holds the control character U+{(int)scalar.Value[at]:X4} (an escape such as \\0, \\a, \\e or \\x07 in double quotes), which no channel can show: email, web and print would each write it differently or not at all. Remove the escape; for a line break write \\n, for a tab \\t.");
        }

        return new(scalar.Value, scalar.Origin, scalar.Location);
    }

    /// <summary>
    /// Returns the value as a scalar, or reports it (null) as a list or mapping, or as YAML's null. <paramref name="expected"/>
    /// says what a key that is read from the text holds, such as "a whole number": a list there is reported as not that,
    /// not as "must be text … quote it", which is no advice for 'priority: [5]' or 'margins: [25, 20, 20, 20]'.
    /// </summary>
    private YamlScalar? ExpectText(YamlNode value, string what, string? expected = null)
    {
        if (value is YamlScalar { IsNull: true, Value.Length: > 0 } written)
        {
            // '~' or 'null' unquoted is YAML's "no value": it used to be read as the text '~' or 'null' (a subject '~', a
            // module showing 'null', an email address read from the field '~'). An empty value is still empty text.
            diagnostics.Error(DiagnosticCodes.WrongType, written.Location,
                $"{Capitalize(what)} has no value: '{written.Value}' written unquoted is YAML's null. Write the value; quote it ('\"{written.Value}\"') if the characters are meant; or remove the key.");
            return null;
        }

        if (value is YamlScalar scalar)
        {
            return scalar;
        }

        diagnostics.Error(DiagnosticCodes.WrongType, value.Location, expected is null
            ? $"{Capitalize(what)} must be text, but it is {value.KindName}. Quote it, or use 'key: |' for text over several lines."
            : $"{Capitalize(what)} must be {expected}, but it is {value.KindName}.");
        return null;
    }

    /// <summary>Checks a description, which nothing reads: text, or null for none.</summary>
    private void Description(YamlNode value)
    {
        if (value is not YamlScalar { IsNull: true })
        {
            ExpectText(value, "description");
        }
    }

    private YamlMapping? ExpectMapping(YamlNode value, string what)
    {
        if (value is YamlMapping mapping)
        {
            return mapping;
        }

        diagnostics.Error(DiagnosticCodes.WrongType, value.Location, $"{Capitalize(what)} must be a mapping of keys, but it is {value.KindName}. Indent its keys under it.");
        return null;
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>
    /// Names the first character that makes an id invalid, when it is one that does not show or could be mistaken for
    /// an allowed one (a zero-width space, a no-break space, a non-ASCII dash); an ASCII one shows, or is escaped: "'a\u200B' is not a valid module id"
    /// shows on a terminal as 'a', which is valid.
    /// </summary>
    private static string InvalidIdCharacter(string id)
    {
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            var allowed = i == 0 ? char.IsLetter(c) : char.IsLetterOrDigit(c) || c is '-' or '_';
            if (!allowed)
            {
                // An emoji or another character past U+FFFF is named by its code point, not by half of its surrogate pair.
                var rune = Rune.TryGetRuneAt(id, i, out var r) ? r : Rune.ReplacementChar;
                return c < '\u0080'
                    ? string.Empty
                    : string.Create(CultureInfo.InvariantCulture, $": its character {i + 1} is U+{rune.Value:X4} ({(Rune.IsWhiteSpace(rune) ? "a space" : Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format ? "which does not show" : "not a letter, digit, '-' or '_'")})");
            }
        }

        return string.Empty;
    }

    private static bool IsValidId(string id)
    {
        if (id.Length == 0 || !char.IsLetter(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
