using System.Globalization;
using System.Text;
using System.Text.Json;
using OneToOne.Composition.Analysis;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Cli.Output;

/// <summary>
/// Writes a proof sheet: one self-contained HTML page (inline CSS, no scripts, no external resources) with each
/// persona's recipient data, experiment arms, decision trace and rendered message per channel — text, web page, email subject and HTML,
/// print Markdown — and the drafts marked. Web and email HTML sit in sandboxed frames, so their styles stay theirs.
/// </summary>
internal static class ProofSheet
{
    /// <summary>Runs of this many like candidates or fewer are shown whole.</summary>
    private const int LongRun = 5;

    /// <summary>How many lines of a long run are shown before the line that counts the rest.</summary>
    private const int RunHead = 3;

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}
        h1{font-size:1.4rem}h2{font-size:1.15rem;margin:0 0 .5rem}h3{font-size:.95rem;margin:1rem 0 .3rem;color:#555}
        .summary{background:#eef5ff;padding:.6rem .9rem;border-radius:6px}
        .warn{background:#fff4e5;padding:.6rem .9rem;border-radius:6px}
        .persona{border:1px solid #ccd;border-radius:8px;padding:1rem 1.2rem;margin:1.5rem 0}
        .draft{background:#c62828;color:#fff;font-size:.75rem;font-weight:600;padding:.1rem .4rem;border-radius:4px;margin-left:.3rem}
        pre{background:#f6f6f8;padding:.6rem;overflow:auto;white-space:pre-wrap;font-size:.85rem}
        iframe{width:100%;height:22rem;border:1px solid #ddd;border-radius:4px;background:#fff}
        .error{color:#b00020}
        """;

    /// <summary>Builds the page.</summary>
    /// <param name="catalog">The catalog (loaded with drafts allowed, so drafts can be shown).</param>
    /// <param name="personas">The personas to show.</param>
    /// <param name="analysis">The message's analysis, for the count of combinations.</param>
    /// <param name="problems">Receives each persona's error once (the page shows it in red), for the command to report.</param>
    /// <param name="sampled">Whether the personas were chosen from a sample (<c>--sample</c>) rather than made up.</param>
    /// <returns>The HTML document.</returns>
    public static string Build(Catalog catalog, PersonaSet personas, MessageAnalysis analysis, List<string> problems, bool sampled)
    {
        var messageId = personas.MessageId;
        var drafts = catalog.Drafts(messageId);
        var draftModules = drafts.Where(static d => d.Kind == CatalogItemKind.Module).Select(static d => d.Id).ToHashSet(StringComparer.Ordinal);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Proof · ")
            .Append(HtmlDocument.Encode($"{catalog.Id} · {messageId}")).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>Proof of message '").Append(HtmlDocument.Encode(messageId)).Append("' · catalog '").Append(HtmlDocument.Encode(catalog.Id)).Append("'</h1>\n");
        html.Append("<p class=\"summary\">").Append(HtmlDocument.Encode(Summary(personas, analysis))).Append("</p>\n");
        if (drafts.Count > 0)
        {
            html.Append("<p class=\"warn\">Drafts (a production run refuses them):");
            foreach (var draft in drafts)
            {
                html.Append(' ').Append(HtmlDocument.Encode($"{draft.Kind.ToString().ToLowerInvariant()} '{draft.Id}' ({draft.Location})")).Append("<span class=\"draft\">DRAFT</span>");
            }

            html.Append("</p>\n");
        }

        if (personas.UncoveredModules.Count > 0)
        {
            html.Append("<p class=\"warn\">Not shown by any persona: ").Append(HtmlDocument.Encode(string.Join(", ", personas.UncoveredModules)))
                .Append(sampled
                    ? " (no recipient of the sample gets them: add recipients who do to the --sample file).</p>\n"
                    : " (conditions the analysis cannot decide; pass --sample with recipients who get them).</p>\n");
        }

        for (var i = 0; i < personas.Personas.Count; i++)
        {
            WritePersona(html, catalog, messageId, i + 1, personas.Personas[i], draftModules, problems);
        }

        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>The one-line summary the page and the command print: how many personas, how minimal, what they cover.</summary>
    public static string Summary(PersonaSet personas, MessageAnalysis analysis)
    {
        var count = personas.Personas.Count;
        var covered = personas.ReachableModules.Count - personas.UncoveredModules.Count;
        var how = personas.IsMinimal ? "the minimum" : "may not be the minimum";
        var modules = personas.ReachableModules.Count;
        var combinations = analysis.ReachableCombinations;
        return string.Create(CultureInfo.InvariantCulture,
            $"{count} {(count == 1 ? "persona" : "personas")} ({how}) {(count == 1 ? "shows" : "show")} {covered} of {modules} reachable {(modules == 1 ? "module" : "modules")}; "
            + $"the message has {combinations:N0}{(analysis.IsExact ? string.Empty : "+")} reachable {(combinations == 1 && analysis.IsExact ? "combination" : "combinations")}.");
    }

    private static void WritePersona(StringBuilder html, Catalog catalog, string messageId, int number, Persona persona, HashSet<string> draftModules, List<string> problems)
    {
        var recipient = persona.Recipient;
        html.Append("<section class=\"persona\" id=\"persona-").Append(number).Append("\">\n<h2>Persona ").Append(number).Append(" · ")
            .Append(HtmlDocument.Encode(recipient.Id ?? "(no id)")).Append("</h2>\n<p>").Append(HtmlDocument.Encode(persona.Description)).Append("</p>\n<p>Modules:");
        foreach (var module in persona.Modules)
        {
            html.Append(' ').Append(HtmlDocument.Encode(module));
            if (draftModules.Contains(module))
            {
                html.Append("<span class=\"draft\">DRAFT</span>");
            }
        }

        html.Append("</p>\n<h3>Recipient</h3>\n<pre>").Append(HtmlDocument.Encode(ToJson(recipient))).Append("</pre>\n");
        try
        {
            var decision = catalog.Decide(recipient, messageId);
            var shown = new StringBuilder();
            if (decision.IsSuppressed)
            {
                shown.Append("<p class=\"warn\">Suppressed: ").Append(HtmlDocument.Encode(decision.SuppressionReason ?? string.Empty)).Append("</p>\n");
            }
            else
            {
                WriteChannels(shown, catalog, decision, problem => Report(problems, number, problem));
            }

            // After rendering: an arm only a template reads is assigned as it renders.
            if (decision.Experiments.Count > 0)
            {
                html.Append("<p>Arms: ").Append(HtmlDocument.Encode(string.Join(", ", decision.Experiments.Select(static a =>
                    $"{a.ExperimentId} = {a.Arm ?? "none (outside its coverage)"}{(a.IsHoldout ? " (holdout)" : string.Empty)}")))).Append("</p>\n");
            }

            html.Append("<h3>Trace</h3>\n<pre>").Append(HtmlDocument.Encode(CollapseRuns(decision.ToTraceString()))).Append("</pre>\n").Append(shown);
        }
        catch (RecipientException ex)
        {
            html.Append("<p class=\"error\">").Append(HtmlDocument.Encode(ex.Message)).Append("</p>\n");
            Report(problems, number, ex.Message);
        }

        html.Append("</section>\n");
    }

    /// <summary>
    /// The trace with each run of more than <see cref="LongRun"/> consecutive candidates not chosen for the same reason
    /// (a product feed's slot: "condition is false" for thousands of skus) kept to its first <see cref="RunHead"/> lines
    /// and one line that counts the rest and names the first and last of them, so the page grows with the personas
    /// and the candidates, not with their product. Shorter runs, and every other line, are as the trace writes them.
    /// </summary>
    internal static string CollapseRuns(string trace)
    {
        var lines = trace.Split('\n');
        var result = new StringBuilder(trace.Length < 64 * 1024 ? trace.Length : 64 * 1024);
        var i = 0;
        while (i < lines.Length)
        {
            var key = NotChosenKey(lines[i]);
            var end = i + 1;
            if (key is not null)
            {
                while (end < lines.Length && NotChosenKey(lines[end]) is { } next && next == key)
                {
                    end++;
                }
            }

            if (end - i > LongRun)
            {
                for (var k = i; k < i + RunHead; k++)
                {
                    result.Append(lines[k]).Append('\n');
                }

                var (mark, reason) = key.GetValueOrDefault();
                result.Append(CultureInfo.InvariantCulture, $"    {mark} {end - i - RunHead:N0} more candidates: {reason} ({ModuleIdOf(lines[i + RunHead])} … {ModuleIdOf(lines[end - 1])})").Append('\n');
            }
            else
            {
                for (var k = i; k < end; k++)
                {
                    result.Append(lines[k]);
                    if (k < lines.Length - 1)
                    {
                        result.Append('\n');
                    }
                }
            }

            i = end;
        }

        return result.ToString();
    }

    /// <summary>A not-chosen candidate line's mark and reason (<c>    ✘ p3  when …  — condition is false</c>), or null for any other line.</summary>
    private static (string Mark, string Reason)? NotChosenKey(string line)
    {
        if (!(line.StartsWith("    ✘ ", StringComparison.Ordinal) || line.StartsWith("    - ", StringComparison.Ordinal)))
        {
            return null;
        }

        var dash = line.LastIndexOf("  — ", StringComparison.Ordinal);
        return dash < 0 ? null : (line.Substring(4, 1), line[(dash + 4)..].TrimEnd('\r'));
    }

    /// <summary>The module id of a candidate line: the word after its mark.</summary>
    private static string ModuleIdOf(string line)
    {
        var space = line.IndexOf(' ', 6);
        return space < 0 ? line[6..] : line[6..space];
    }

    private static void Report(List<string> problems, int number, string problem)
    {
        var line = string.Create(CultureInfo.InvariantCulture, $"persona {number}: {problem}");
        if (!problems.Contains(line))
        {
            problems.Add(line);
        }
    }

    private static void WriteChannels(StringBuilder html, Catalog catalog, Decision decision, Action<string> report)
    {
        Section(html, report, "Text", () => $"<pre>{HtmlDocument.Encode(catalog.Render(decision, Channel.Text).Body)}</pre>");
        Section(html, report, "Web", () => Frame(catalog.RenderPage(decision)));
        Section(html, report, "Email", () => NotRoutedTo(decision, "email") ?? Email(catalog.RenderEmail(decision)));
        Section(html, report, "Print (Markdown)", () => NotRoutedTo(decision, "print") ?? $"<pre>{HtmlDocument.Encode(catalog.RenderPrint(decision).Markdown)}</pre>");
    }

    private static string Email(EmailContent email) => $"<p>Subject: <strong>{HtmlDocument.Encode(email.Subject)}</strong></p>\n{Frame(email.Html)}";

    /// <summary>A note that the policy routes the message to another channel (the catalog refuses to render it to this one), or null.</summary>
    private static string? NotRoutedTo(Decision decision, string channel) =>
        decision.Channel is { } routed && routed != channel
            ? $"<p class=\"warn\">Not sent by {channel}: the policy routes this persona's message to '{HtmlDocument.Encode(routed)}' (see the trace's policy checks).</p>"
            : null;

    private static void Section(StringBuilder html, Action<string> report, string title, Func<string> render)
    {
        html.Append("<h3>").Append(title).Append("</h3>\n");
        try
        {
            html.Append(render()).Append('\n');
        }
        catch (RecipientException ex)
        {
            html.Append("<p class=\"error\">").Append(HtmlDocument.Encode(ex.Message)).Append("</p>\n");
            report(ex.Message);
        }
    }

    /// <summary>A sandboxed frame (no scripts, no forms, no navigation) showing a whole HTML document.</summary>
    private static string Frame(string document) => $"<iframe sandbox=\"\" srcdoc=\"{HtmlDocument.Encode(document)}\"></iframe>";

    private static string ToJson(Recipient recipient)
    {
        var fields = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var name in recipient.FieldNames)
        {
            recipient.TryGetValue(name, out var value);
            fields[name] = Plain(value);
        }

        return JsonSerializer.Serialize(fields, JsonOptions);
    }

    /// <summary>A recipient value as JSON shows it: objects (dictionaries, JSON objects) and lists member by member, other values as text.</summary>
    private static object? Plain(object? value)
    {
        switch (value)
        {
            case null or string or bool or int or long or double or decimal or DateTime or DateTimeOffset:
                return value;
            case IEnumerable<KeyValuePair<string, object?>> members:
                var fields = new SortedDictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (name, member) in members)
                {
                    fields[name] = Plain(member);
                }

                return fields;
            case Scriban.Runtime.IScriptObject scope and not System.Collections.IList:
                // A nested JSON object of a sample recipient, read in place as templates read it.
                var scopeFields = new SortedDictionary<string, object?>(StringComparer.Ordinal);
                foreach (var name in scope.GetMembers())
                {
                    scope.TryGetValue(null, default, name, out var member);
                    scopeFields[name] = Plain(member);
                }

                return scopeFields;
            case System.Collections.IEnumerable items:
                var list = new List<object?>();
                foreach (var item in items)
                {
                    list.Add(Plain(item));
                }

                return list;
            default:
                return Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }
}
