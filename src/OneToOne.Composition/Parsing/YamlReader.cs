using OneToOne.Composition.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace OneToOne.Composition.Parsing;

/// <summary>Reads one catalog file into <see cref="YamlNode"/>s with exact source locations.</summary>
internal static class YamlReader
{
    /// <summary>Reads the text of one file. Returns null (and reports OTO1001) when the YAML is not well-formed.</summary>
    public static YamlNode? Read(string file, string text, DiagnosticBag diagnostics)
    {
        var lines = text.Split('\n');
        try
        {
            var parser = new Parser(new StringReader(text));
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
            diagnostics.Error(DiagnosticCodes.YamlSyntax, Loc(file, ex.Start), DescribeYamlError(ex));
            return null;
        }
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

    private static string DescribeYamlError(YamlException ex)
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

        return $"The YAML is not well-formed: {message.TrimEnd('.')}. Check the indentation and quoting on this line and the one before it; quote values that contain ': ' or start with '{{'.";
    }
}
