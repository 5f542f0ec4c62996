using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Testing;

/// <summary>What the hostile-recipient properties of every channel check: errors, time, and what data may and may not become.</summary>
internal static class HostileChecks
{
    /// <summary>
    /// Far above the 1 s time budget per message: only a hang (or a limit not applied) takes this long, also on a
    /// machine of two cores running other builds, where a case of values a thousand levels deep once took over 60 s.
    /// </summary>
    public static readonly TimeSpan Hang = TimeSpan.FromSeconds(180);

    /// <summary>Runs a case on its own thread and fails it, naming it, when it does not finish in <see cref="Hang"/>.</summary>
    public static void WithinTime(HostileCase hostile, Action check)
    {
        var task = Task.Factory.StartNew(check, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (Task.WhenAny(task, Task.Delay(Hang)).GetAwaiter().GetResult() != task)
        {
            Assert.Fail($"{hostile}: did not finish in {Hang.TotalSeconds} s.");
        }

        // Rethrows what failed the case as it was thrown, not wrapped, so that an unexpected exception shows its own type.
        task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// Checks that a recipient's error names the recipient and the message, and what in the data is wrong: one of the
    /// fields the case changed (or a limit, which a value of any field can reach).
    /// </summary>
    public static void AssertNamesRecipient(RecipientException exception, string? recipientId, string messageId, HostileCase hostile)
    {
        Assert.Equal(recipientId, exception.RecipientId);
        Assert.Equal(messageId, exception.MessageId);
        AssertOneLineNamingTheRecipient(exception.Message, messageId);
        AssertNamesAChangedField(exception.Problem, hostile);
    }

    /// <summary>
    /// Checks that an error message starts by naming the recipient and the message, on one line: the id, as data, has
    /// its control characters written as escapes (the ids themselves are compared as properties).
    /// </summary>
    public static void AssertOneLineNamingTheRecipient(string message, string messageId)
    {
        Assert.StartsWith("Recipient '", message, StringComparison.Ordinal);
        Assert.Contains($"', message '{messageId}'", message, StringComparison.Ordinal);
        Assert.DoesNotContain(message, static c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\u202E');
    }

    /// <summary>Checks that an error's problem names one of the fields the case changed, or the limit that stopped it.</summary>
    public static void AssertNamesAChangedField(string problem, HostileCase hostile) =>
        Assert.True(
            problem.Contains("RenderLimits.", StringComparison.Ordinal)
            || hostile.Changes.Any(c => Regex.IsMatch(problem, $@"\b{Regex.Escape(c.Field)}\b", RegexOptions.None, TimeSpan.FromSeconds(1))),
            $"{hostile}: the error names none of the fields changed: {problem}");

    /// <summary>A value as a one-line value is written: line breaks and control characters as spaces, bidirectional controls and the placeholder marks dropped.</summary>
    public static string OneLine(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\uE000' or '\uE001')
            {
                continue;
            }

            builder.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
        }

        return builder.ToString();
    }

    /// <summary>A value as Markdown text shows it: control characters as spaces, the placeholder marks dropped.</summary>
    public static string Folded(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is not ('\uE000' or '\uE001'))
            {
                builder.Append(char.IsControl(c) ? ' ' : c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Collapses each run of white space to one space, as HTML and a reader do.</summary>
    public static string Collapse(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// HTML that AngleSharp parses as browsers parse it: AngleSharp takes U+FFFF for the end of its input in many places
    /// (browsers read it as a character), so for checking it is replaced by U+FFFD, which every parser reads alike.
    /// </summary>
    public static string AsBrowsersRead(string html) => html.Replace('\uFFFF', '\uFFFD');

    /// <summary>The first 2,000 characters of a text, for a failure message.</summary>
    public static string Shorten(string value) => value.Length <= 2_000 ? value : value[..2_000] + $"… ({value.Length} chars)";

    /// <summary>Checks that HTML greets the recipient by name, as text: the greeting is in the text the document shows.</summary>
    public static void AssertShowsAsText(string html, string greeting, HostileCase hostile)
    {
        using var document = new HtmlParser().ParseDocument(AsBrowsersRead(html));
        var text = Collapse(document.Body?.TextContent ?? string.Empty);
        Assert.True(text.Contains(Collapse(AsBrowsersRead(Folded(greeting))), StringComparison.Ordinal), $"{hostile}: the HTML does not show '{greeting}' as text:\n{Shorten(html)}");
    }
}

/// <summary>
/// The markup a channel writes for the examples' own recipients: each element, and each attribute with its value. HTML
/// made for a hostile recipient, parsed as a browser parses it, may hold only that markup (a link only to the
/// template's own https URL, data percent-encoded in it): an element or attribute outside it came from data.
/// </summary>
internal sealed class MarkupProfile
{
    private readonly HashSet<string> _elements = new(StringComparer.Ordinal);
    private readonly HashSet<(string Element, string Attribute, string Value)> _attributes = [];
    private readonly string _linkStart;

    /// <summary>Learns the markup of HTML written for ordinary recipients.</summary>
    /// <param name="ordinary">The HTML of the examples' own recipients.</param>
    /// <param name="linkStart">How every link the templates write starts: the rest of a link is the template's and percent-encoded data.</param>
    public MarkupProfile(IEnumerable<string> ordinary, string linkStart)
    {
        _linkStart = linkStart;
        var parser = new HtmlParser();
        foreach (var html in ordinary)
        {
            using var document = parser.ParseDocument(HostileChecks.AsBrowsersRead(html));
            foreach (var element in document.All)
            {
                _elements.Add(element.LocalName);
                foreach (var attribute in element.Attributes)
                {
                    if (!IsLink(element.LocalName, attribute.Name))
                    {
                        _attributes.Add((element.LocalName, attribute.Name, attribute.Value));
                    }
                }
            }
        }

        Assert.NotEmpty(_elements);
    }

    /// <summary>Checks that the HTML made for a hostile recipient holds only the markup learned.</summary>
    public void AssertOnlyTemplateMarkup(string html, HostileCase hostile)
    {
        using var document = new HtmlParser().ParseDocument(HostileChecks.AsBrowsersRead(html));
        foreach (var element in document.All)
        {
            var tag = element.LocalName;
            Assert.True(_elements.Contains(tag), $"{hostile}: data made a <{tag}> element:\n{HostileChecks.Shorten(html)}");
            foreach (var attribute in element.Attributes)
            {
                if (IsLink(tag, attribute.Name))
                {
                    Assert.True(
                        attribute.Value.StartsWith(_linkStart, StringComparison.Ordinal) && attribute.Value.All(static c => c is > ' ' and < '\u007f' and not '"' and not '\'' and not '<' and not '>'),
                        $"{hostile}: a link is not the template's: {HostileRecipients.Describe(attribute.Value)}");
                }
                else if (tag == "html" && attribute.Name is "lang" or "dir")
                {
                    // The recipient's culture, as .NET names it (never the locale as written), and its direction.
                    Assert.True(
                        attribute.Name == "dir" ? attribute.Value == "rtl" : CultureInfo.GetCultureInfo(attribute.Value, predefinedOnly: true).Name == attribute.Value,
                        $"{hostile}: the document's {attribute.Name} is not a culture's: {HostileRecipients.Describe(attribute.Value)}");
                }
                else if (tag == "div" && attribute.Name is "lang" or "dir" && element.ParentElement == document.Body
                    && attribute.Value == document.DocumentElement.GetAttribute(attribute.Name))
                {
                    // The email's wrapper for Gmail, which drops <html>, repeats the document's language and direction (checked above).
                }
                else
                {
                    Assert.True(
                        _attributes.Contains((tag, attribute.Name, attribute.Value)),
                        $"{hostile}: data made an attribute {attribute.Name}={HostileRecipients.Describe(attribute.Value)} on <{tag}>:\n{HostileChecks.Shorten(html)}");
                }
            }
        }
    }

    private static bool IsLink(string element, string attribute) => element == "a" && attribute == "href";
}
