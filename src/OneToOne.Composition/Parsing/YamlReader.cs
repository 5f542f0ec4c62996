using OneToOne.Composition.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Tokens = YamlDotNet.Core.Tokens;

namespace OneToOne.Composition.Parsing;

/// <summary>Reads one catalog file into <see cref="YamlNode"/>s with exact source locations.</summary>
internal static class YamlReader
{
    /// <summary>Reads the text of one file. Returns null (and reports OTO1001) when the YAML is not well-formed.</summary>
    public static YamlNode? Read(string file, string text, DiagnosticBag diagnostics)
    {
        var lines = text.Split('\n');
        var scanner = new GuardedScanner(new Scanner(new StringReader(text)));
        try
        {
            var parser = new Parser(scanner);
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, file, lines, diagnostics);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                diagnostics.Error(DiagnosticCodes.YamlSyntax, Loc(file, next.Start),
                    "A catalog file holds one YAML document; remove the second '---' document or move it to its own file.");
            }

            return root;
        }
        catch (YamlException ex)
        {
            ReportMalformed(file, text, lines, ex, scanner.CurrentPosition, diagnostics);
            return null;
        }
    }

    /// <summary>
    /// Reports YAML that could not be read. The place is the exception's start, or where the scanner stopped when the
    /// exception has none (YamlDotNet raises "invalid tab as indentation" with no position, which read as line 1).
    /// When a flow list or mapping opened on an earlier line is still open there, the error points at its bracket:
    /// a missing ']' or '}' makes the reader fail lines later, or only at the end of the file, where nothing is wrong.
    /// </summary>
    private static void ReportMalformed(string file, string text, string[] lines, YamlException ex, Mark stopped, DiagnosticBag diagnostics)
    {
        var at = ex.Start.Index == 0 && ex.End.Index == 0 ? stopped : ex.Start;
        if (OpenFlowBefore(text, at) is { } open && open.Start.Line < at.Line)
        {
            var (kind, bracket, close) = open is Tokens.FlowSequenceStart ? ("list", '[', ']') : ("mapping", '{', '}');
            var where = at.Line >= lines.Length && at.Column > lines[^1].Length
                ? "the end of the file"
                : $"line {at.Line}, column {at.Column}";
            diagnostics.Error(DiagnosticCodes.YamlSyntax, Loc(file, open.Start),
                $"The YAML is not well-formed: the {kind} opened with '{bracket}' here is not closed, and the YAML reader got as far as {where} still inside it. Add the missing '{close}' where the {kind} ends, or put the whole value in quotes if the '{bracket}' is meant as text.");
            return;
        }

        var line = at.Line <= lines.Length ? lines[(int)at.Line - 1] : string.Empty;
        var tab = at.Column <= line.Length && line[(int)at.Column - 1] == '\t';
        diagnostics.Error(DiagnosticCodes.YamlSyntax, Loc(file, at), DescribeYamlError(ex, tab));
    }

    /// <summary>
    /// Returns the innermost flow list or mapping start ('[' or '{') still open at <paramref name="at"/>, or null. It
    /// scans the text before that place afresh: the failed scan may have held the bracket's token back unread (while it
    /// looked for a key), and the text cut there ends every token that runs on.
    /// </summary>
    private static Tokens.Token? OpenFlowBefore(string text, Mark at)
    {
        var open = new Stack<Tokens.Token>();
        var scanner = new Scanner(new StringReader(text[..(int)Math.Min(at.Index, text.Length)]));
        try
        {
            while (scanner.MoveNext())
            {
                switch (scanner.Current)
                {
                    case Tokens.FlowSequenceStart or Tokens.FlowMappingStart:
                        open.Push(scanner.Current);
                        break;
                    case Tokens.FlowSequenceEnd or Tokens.FlowMappingEnd when open.Count > 0:
                        open.Pop();
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The text before the error can fail to scan too (YamlDotNet throws more than YamlException on some text);
            // the brackets seen up to there are still the best answer.
        }

        return open.Count > 0 ? open.Peek() : null;
    }

    private static YamlNode ReadNode(IParser parser, string file, string[] lines, DiagnosticBag diagnostics)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return ToScalar(scalar, file, lines);
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode(parser, file, lines, diagnostics));
            }

            return new YamlSequence(Loc(file, sequenceStart.Start), items);
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
            var seen = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode(parser, file, lines, diagnostics);
                var value = ReadNode(parser, file, lines, diagnostics);
                if (keyNode is not YamlScalar key)
                {
                    diagnostics.Error(DiagnosticCodes.WrongType, keyNode.Location,
                        $"A key must be plain text, but this key is {keyNode.KindName}. Write the key as a simple word such as 'hero'.");
                    continue;
                }

                if (seen.TryGetValue(key.Value, out var first))
                {
                    diagnostics.Error(DiagnosticCodes.DuplicateKey, key.Location,
                        $"The key '{key.Value}' appears twice in the same mapping (first at line {first.Location.Line}). Remove or rename one of them.");
                    continue;
                }

                seen.Add(key.Value, key);
                entries.Add(new KeyValuePair<YamlScalar, YamlNode>(key, value));
            }

            return new YamlMapping(Loc(file, mappingStart.Start), entries);
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            throw new YamlException(alias.Start, alias.End,
                $"YAML aliases (*{alias.Value}) are not supported in catalogs");
        }

        var unexpected = parser.Current!;
        throw new YamlException(unexpected.Start, unexpected.End, $"Unexpected YAML event {unexpected.GetType().Name}");
    }

    private static YamlScalar ToScalar(Scalar scalar, string file, string[] lines)
    {
        var location = Loc(file, scalar.Start);
        TextOrigin origin;
        if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            // The scalar starts at the '|' or '>' indicator; its text starts on the next line, at the
            // indentation of the first non-blank line.
            var firstLine = (int)scalar.Start.Line + 1;
            var indent = 1;
            for (var i = firstLine - 1; i < lines.Length; i++)
            {
                var line = lines[i].TrimEnd('\r');
                if (line.Trim().Length > 0)
                {
                    indent = line.Length - line.TrimStart(' ').Length + 1;
                    break;
                }
            }

            origin = new TextOrigin(file, firstLine, indent, indent, IsBlock: true);
        }
        else
        {
            var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
            origin = new TextOrigin(file, location.Line, location.Column + (quoted ? 1 : 0), 1, IsBlock: false);
        }

        return new YamlScalar(location, scalar.Value, scalar.Style == ScalarStyle.Plain, origin);
    }

    private static SourceLocation Loc(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    private static string DescribeYamlError(YamlException ex, bool tab)
    {
        var inner = ex.InnerException?.Message;
        var message = ex.Message;

        // YamlDotNet prefixes messages with "(Line: x, Col: y, Idx: z) - (…): "; the location is ours to print.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line", StringComparison.Ordinal) && cut > 0)
        {
            message = message[(cut + 3)..];
        }

        if (!string.IsNullOrEmpty(inner) && !message.Contains(inner, StringComparison.Ordinal))
        {
            message += " " + inner;
        }

        return tab
            ? $"The YAML is not well-formed: {message.TrimEnd('.')}. YAML indents with spaces only: replace the tab in this line's indentation with spaces."
            : $"The YAML is not well-formed: {message.TrimEnd('.')}. Check the indentation and quoting on this line and the one before it; quote values that contain ': ' or start with '{{'.";
    }

    /// <summary>
    /// The scanner the parser reads tokens from, turning any other exception YamlDotNet throws into a
    /// <see cref="YamlException"/> where the scanner stopped: on some malformed text (an unclosed '[' with lines after
    /// it) YamlDotNet fails with an InvalidOperationException instead.
    /// </summary>
    private sealed class GuardedScanner(Scanner inner) : IScanner
    {
        /// <inheritdoc/>
        public Mark CurrentPosition => inner.CurrentPosition;

        /// <inheritdoc/>
        public Tokens.Token? Current => inner.Current;

        /// <inheritdoc/>
        public bool MoveNext()
        {
            if (!MoveNextWithoutConsuming())
            {
                return false;
            }

            ConsumeCurrent();
            return true;
        }

        /// <inheritdoc/>
        public bool MoveNextWithoutConsuming()
        {
            try
            {
                return inner.MoveNextWithoutConsuming();
            }
            catch (Exception ex) when (ex is not (YamlException or OutOfMemoryException))
            {
                // Everything this call runs is YamlDotNet's scanner, so this is its failure on the text, not ours. The
                // exception is not kept as the inner one: DescribeYamlError would print its message ("Operation is not
                // valid due to the current state of the object"), which tells an author nothing.
                var at = inner.CurrentPosition;
                throw new YamlException(at, at, "the YAML reader cannot make sense of the text from here on");
            }
        }

        /// <inheritdoc/>
        public void ConsumeCurrent() => inner.ConsumeCurrent();
    }
}
