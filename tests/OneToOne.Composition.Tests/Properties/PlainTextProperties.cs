using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Rendering;

namespace OneToOne.Composition.Tests.Properties;

/// <summary>The text output's line clean-up, held to its definition written the plain way.</summary>
public sealed class PlainTextProperties
{
    private static readonly char[] Alphabet = ['a', 'b', ' ', '\t', '\n', '\n', '\r', '\u00A0', '\u2028', 'é'];

    [Property(MaxTest = 1000)]
    public Property Normalize_TrimsLines_AndKeepsAtMostOneBlankLine() =>
        Prop.ForAll(
            Gen.Elements(Alphabet).ArrayOf().Select(static c => new string(c)).ToArbitrary(),
            static text =>
            {
                var expected = Definition(text);
                var actual = PlainTextRenderer.Normalize(new StringBuilder(text));
                return (expected == actual).Label($"input {Show(text)}: expected {Show(expected)}, got {Show(actual)}");
            });

    [Fact]
    public void Normalize_KeepsOneBlankLineBetweenBlocks_AndEndsWithOneLineBreak() =>
        Assert.Equal("Hello\n\nWorld\nagain\n", PlainTextRenderer.Normalize(new StringBuilder("\n \nHello  \r\n\n\n\t\nWorld\nagain \n\n")));

    /// <summary>Each line (CRLF read as LF) trimmed at its end; blank lines dropped at the edges and folded to one between lines.</summary>
    private static string Definition(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(static l => l.TrimEnd()).ToList();
        var result = new StringBuilder();
        var blank = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                blank = true;
                continue;
            }

            if (result.Length > 0)
            {
                result.Append(blank ? "\n\n" : "\n");
            }

            blank = false;
            result.Append(line);
        }

        return result.Length == 0 ? string.Empty : result.Append('\n').ToString();
    }

    private static string Show(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
