using OneToOne.Composition.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using Tokens = YamlDotNet.Core.Tokens;

namespace OneToOne.Composition.Parsing;

/// <summary>Reads one catalog file into <see cref="YamlNode"/>s with exact source locations.</summary>
internal static class YamlReader
{
    /// <summary>
    /// How deep lists and mappings may nest. A catalog needs a handful of levels (a message's print fonts are the
    /// deepest, at four); the reader is recursive, and thousands of levels would overflow its stack and end the process.
    /// </summary>
    private const int MaxDepth = 64;

    /// <summary>Reads the text of one file. Returns null (and reports OTO1001) when the YAML is not well-formed.</summary>
    public static YamlNode? Read(string file, string text, DiagnosticBag diagnostics)
    {
        var source = new SourceFile(file, text);
        var scanner = new GuardedScanner(new Scanner(new StringReader(text)));
        try
        {
            var parser = new GuardedParser(new Parser(scanner), scanner);
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            if (ReadNode(parser, source, diagnostics, 0) is not { } root)
            {
                return null;
            }

            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                diagnostics.Error(DiagnosticCodes.YamlSyntax, Loc(source, next.Start),
                    "A catalog file holds one YAML document; remove the second '---' document or move it to its own file.");
            }

            return root;
        }
        catch (YamlException ex)
        {
            ReportMalformed(source, ex, scanner.CurrentPosition, diagnostics);
            return null;
        }
    }

    /// <summary>
    /// Reports YAML that could not be read. The place is the exception's start, or where the scanner stopped when the
    /// exception has none (YamlDotNet raises "invalid tab as indentation" with no position, which read as line 1), or
    /// the tab at the exception's end when the reader met it while reading a plain value from the line before.
    /// When a flow list or mapping opened on an earlier line is still open there, the error points at its bracket:
    /// a missing ']' or '}' makes the reader fail lines later, or only at the end of the file, where nothing is wrong.
    /// </summary>
    private static void ReportMalformed(SourceFile source, YamlException ex, Mark stopped, DiagnosticBag diagnostics)
    {
        var at = ex.Start.Index == 0 && ex.End.Index == 0 ? stopped : ex.Start;

        // A tab indenting the line after a plain value is reported from that value's start, a line before the tab;
        // the exception's end is the tab, where the author has to look.
        if (ex.End.Index > ex.Start.Index && ex.End.Index < source.Text.Length && source.Text[(int)ex.End.Index] == '\t')
        {
            at = ex.End;
        }

        var place = Loc(source, at);
        if (OpenFlowBefore(source.Text, at) is { } open && open.Start.Line < place.Line)
        {
            var (kind, bracket, close) = open is Tokens.FlowSequenceStart ? ("list", '[', ']') : ("mapping", '{', '}');
            var where = place == source.End
                ? "the end of the file"
                : $"line {place.Line}, column {place.Column}";
            diagnostics.Error(DiagnosticCodes.YamlSyntax, Loc(source, open.Start),
                $"The YAML is not well-formed: the {kind} opened with '{bracket}' here is not closed, and the YAML reader got as far as {where} still inside it. Add the missing '{close}' where the {kind} ends, or put the whole value in quotes if the '{bracket}' is meant as text.");
            return;
        }

        var line = source.Line(place.Line);
        var tab = place.Column <= line.Length && line[place.Column - 1] == '\t';
        diagnostics.Error(DiagnosticCodes.YamlSyntax, place, DescribeYamlError(ex, tab));
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
                    case Tokens.Error:
                        // The scanner reports some errors (a ':' in a plain value running over lines) as a token, not an
                        // exception, and then gives the same token again on every call: read on, and the loop never ends.
                        return open.Count > 0 ? open.Peek() : null;
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

    /// <summary>Whether a flow mapping begins with '{{': a template written unquoted, never a mapping a catalog has.</summary>
    private static bool StartsWithTemplate(SourceFile source, MappingStart start) =>
        start.Style == YamlDotNet.Core.Events.MappingStyle.Flow
        && start.Start.Index + 1 < source.Text.Length
        && source.Text[(int)start.Start.Index] == '{'
        && source.Text[(int)start.Start.Index + 1] == '{';

    /// <summary>Reads the node at the parser, or returns null when it nests too deep (reported: the rest of the file is not read).</summary>
    private static YamlNode? ReadNode(IParser parser, SourceFile source, DiagnosticBag diagnostics, int depth)
    {
        if (depth > MaxDepth && parser.Current is SequenceStart or MappingStart)
        {
            diagnostics.Error(DiagnosticCodes.YamlSyntax, Loc(source, parser.Current.Start),
                $"The lists and mappings here are nested more than {MaxDepth} deep, and a catalog needs only a few levels. Look for a run of '[', '{{' or '- ' that does not belong, or indentation that keeps growing.");
            return null;
        }

        if (parser.TryConsume<Scalar>(out var scalar))
        {
            CheckTag(scalar, "tag:yaml.org,2002:str", source, diagnostics);
            return ToScalar(scalar, source);
        }

        if (parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            CheckTag(sequenceStart, "tag:yaml.org,2002:seq", source, diagnostics);
            var items = new List<YamlNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                if (ReadNode(parser, source, diagnostics, depth + 1) is not { } item)
                {
                    return null;
                }

                items.Add(item);
            }

            return new YamlSequence(Loc(source, sequenceStart.Start), items);
        }

        if (parser.TryConsume<MappingStart>(out var mappingStart))
        {
            CheckTag(mappingStart, "tag:yaml.org,2002:map", source, diagnostics);
            if (StartsWithTemplate(source, mappingStart))
            {
                // 'subject: {{ first_name }}, hi' unquoted is a flow mapping whose key is a mapping: it was reported as
                // "A key must be plain text … Write the key as a simple word", then as the module having no content, or
                // as the YAML not being well-formed further along the line, none of which says to quote the value.
                diagnostics.Error(DiagnosticCodes.YamlSyntax, Loc(source, mappingStart.Start),
                    "A value that starts with '{{' must be in quotes, or YAML reads the braces as a mapping: write it as \"{{ first_name }}, …\" (in single quotes if it holds double ones), or write 'key: |' and the text on the lines below. The rest of this file is read only once that is done.");
                return null;
            }

            var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
            var seen = new Dictionary<string, YamlScalar>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                if (ReadNode(parser, source, diagnostics, depth + 1) is not { } keyNode || ReadNode(parser, source, diagnostics, depth + 1) is not { } value)
                {
                    return null;
                }

                if (keyNode is not YamlScalar key)
                {
                    diagnostics.Error(DiagnosticCodes.WrongType, keyNode.Location,
                        $"A key must be plain text, but this key is {keyNode.KindName}. Write the key as a simple word such as 'hero'.");
                    continue;
                }

                if (key is { IsPlain: true, Value: "<<" })
                {
                    // YAML 1.1's merge key: reported as "Unknown key '<<'", with the keys it was to bring in then missing
                    // ("Module 'a' has no 'content'"), which did not say that merging is what a catalog does not do.
                    diagnostics.Error(DiagnosticCodes.YamlSyntax, key.Location,
                        "'<<' is YAML's merge key, which catalogs do not support: write out in this mapping each key the merge was to bring in (for a module, its 'content:', 'when:' and the rest), in every mapping that needs them.");
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

            return new YamlMapping(Loc(source, mappingStart.Start), entries);
        }

        if (parser.Current is AnchorAlias alias)
        {
            // Reported as it is: as a malformed-YAML error it ended with advice on indentation and quoting, which an alias
            // (or the merge key '<<' written with one) has nothing wrong with.
            diagnostics.Error(DiagnosticCodes.YamlSyntax, Loc(source, alias.Start),
                $"YAML aliases ('*{alias.Value}'), and so merge keys ('<<: *{alias.Value}'), are not supported in catalogs: write out here the value the anchor '&{alias.Value}' marks. The rest of this file is read only once that is done.");
            return null;
        }

        var unexpected = parser.Current!;
        throw new YamlException(unexpected.Start, unexpected.End, $"Unexpected YAML event {unexpected.GetType().Name}");
    }

    /// <summary>
    /// Reports a tag other than one that restates the node's kind (<c>!!str</c> on text): a catalog reads each value as
    /// written, so <c>!include a.md</c> would be the text "a.md" and <c>!!int</c> would change nothing, without a word.
    /// </summary>
    private static void CheckTag(NodeEvent node, string kindTag, SourceFile source, DiagnosticBag diagnostics)
    {
        if (node.Tag.IsEmpty || node.Tag.IsNonSpecific || node.Tag.Value == kindTag)
        {
            return;
        }

        const string Core = "tag:yaml.org,2002:";
        var tag = node.Tag.Value.StartsWith(Core, StringComparison.Ordinal) ? "!!" + node.Tag.Value[Core.Length..] : node.Tag.Value;
        diagnostics.Error(DiagnosticCodes.YamlSyntax, Loc(source, node.Start),
            $"YAML tags such as '{tag}' are not supported in catalogs: the value after it would be read as written, as if the tag were not there. Remove the tag and write the value itself; to keep modules in files of their own, load a folder of .yaml files (each file is part of the catalog).");
    }

    private static YamlScalar ToScalar(Scalar scalar, SourceFile source)
    {
        var file = source.Path;
        var location = Loc(source, scalar.Start);
        var end = Loc(source, scalar.End);
        var (startIndex, endIndex) = ((int)Math.Min(scalar.Start.Index, source.Text.Length), (int)Math.Min(scalar.End.Index, source.Text.Length));
        TextOrigin origin;
        if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            // The scalar starts at the '|' or '>' indicator; its text starts on the next line, at the
            // indentation of the first non-blank line.
            var firstLine = location.Line + 1;
            var indent = 1;
            for (var i = firstLine; i <= source.LineCount; i++)
            {
                var line = source.Line(i);
                if (line.Trim().Length > 0)
                {
                    indent = line.Length - line.TrimStart(' ').Length + 1;
                    break;
                }
            }

            // With an indentation indicator ('|2') the text keeps the spaces past the block's indentation, so its first
            // line that is not blank starts that many columns after the block's indentation, not at it.
            if (scalar.Value.Split('\n').FirstOrDefault(static l => l.Trim().Length > 0) is { } firstText)
            {
                indent -= Math.Min(indent - 1, firstText.Length - firstText.TrimStart(' ').Length);
            }

            // A literal block's lines are its text's lines; a folded block's are not (single line breaks become spaces).
            var textStart = firstLine <= source.LineCount ? source.LineStarts[firstLine - 1] : source.Text.Length;
            origin = scalar.Style == ScalarStyle.Literal
                ? new TextOrigin(file, firstLine, indent, indent, IsBlock: true, LastLine: end.Line)
                : new TextOrigin(file, firstLine, indent, indent, IsBlock: false, end.Line, new ScalarSourceMap(source, textStart, Math.Max(textStart, endIndex), scalar.Value, escapes: false));
        }
        else
        {
            // A quoted scalar's text starts after its opening quote and ends before its closing one.
            var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
            var (textStart, textEnd) = quoted ? (startIndex + 1, Math.Max(startIndex + 1, endIndex - 1)) : (startIndex, endIndex);
            var written = source.Text.AsSpan(textStart, textEnd - textStart);
            var copied = end.Line == location.Line
                && !(scalar.Style == ScalarStyle.DoubleQuoted && written.Contains('\\'))
                && !(scalar.Style == ScalarStyle.SingleQuoted && written.Contains("''", StringComparison.Ordinal));
            origin = new TextOrigin(file, location.Line, location.Column + (quoted ? 1 : 0), 1, IsBlock: false, end.Line,
                copied ? null : new ScalarSourceMap(source, textStart, textEnd, scalar.Value, escapes: scalar.Style == ScalarStyle.DoubleQuoted));
        }

        return new YamlScalar(location, scalar.Value, scalar.Style == ScalarStyle.Plain, origin);
    }

    /// <summary>The place of a YAML reader's mark; the end of the stream, which the reader puts on a line after the last, is the end of the text.</summary>
    private static SourceLocation Loc(SourceFile source, Mark mark) => source.At(mark.Index, mark.Line, mark.Column);

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

    /// <summary>
    /// The parser the reader reads events from, turning any other exception YamlDotNet's parser throws into a
    /// <see cref="YamlException"/> where the scanner stopped: on some malformed text (a '...' document end before any
    /// document, then a '---') it fails with an InvalidOperationException of its own, which no scanner call raised.
    /// </summary>
    private sealed class GuardedParser(Parser inner, GuardedScanner scanner) : IParser
    {
        /// <inheritdoc/>
        public ParsingEvent? Current => inner.Current;

        /// <inheritdoc/>
        public bool MoveNext()
        {
            try
            {
                return inner.MoveNext();
            }
            catch (Exception ex) when (ex is not (YamlException or OutOfMemoryException))
            {
                // As in GuardedScanner: everything this call runs is YamlDotNet's, so this is its failure on the text.
                var at = scanner.CurrentPosition;
                throw new YamlException(at, at, "the YAML reader cannot make sense of the text from here on");
            }
        }
    }
}
