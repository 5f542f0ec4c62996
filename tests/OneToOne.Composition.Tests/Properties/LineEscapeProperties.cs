using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Rendering;

namespace OneToOne.Composition.Tests.Properties;

/// <summary>One-line escaping (subjects, names), held to its definition: every control character and line or paragraph separator a space, the placeholder marks and bidirectional embeddings, overrides and isolates dropped, all else kept.</summary>
public sealed class LineEscapeProperties
{
    private static readonly char[] Alphabet =
        ['a', 'Z', ' ', 'é', '—', '\t', '\n', '\r', '\u0000', '\u001F', '\u007F', '\u0085', '\u009F', '\u00A0', '\u2028', '\u2029', '\u200B', '\u200E', '\u200F', '\u202A', '\u202E', '\u202F', '\u2066', '\u2069', '\u206A', TextEscaper.PlaceholderStart, TextEscaper.PlaceholderEnd];

    [Property(MaxTest = 1000)]
    public Property Escape_Line_IsItsDefinition() =>
        Prop.ForAll(
            Gen.Elements(Alphabet).ArrayOf().Select(static c => new string(c)).ToArbitrary(),
            static text =>
            {
                var expected = new StringBuilder();
                foreach (var c in text)
                {
                    if (c is not (TextEscaper.PlaceholderStart or TextEscaper.PlaceholderEnd) && c is not ((>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')))
                    {
                        expected.Append(char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c);
                    }
                }

                return expected.ToString() == TextEscaper.Escape(text, EscapeMode.Line);
            });

    [Fact]
    public void Escape_Line_GivesBackTextWithNothingToChange()
    {
        var text = "Name1, your beer of the month — ✓";

        Assert.Same(text, TextEscaper.Escape(text, EscapeMode.Line));
    }
}
