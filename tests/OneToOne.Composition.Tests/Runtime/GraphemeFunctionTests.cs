using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Runtime;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// <c>string.truncate</c>, <c>string.slice</c> and <c>string.slice1</c> count user-perceived characters: a campaign whose
/// recipients are named in emoji, Devanagari or Thai gets whole characters, not a rejection for half a surrogate pair
/// that the template cut.
/// </summary>
public sealed class GraphemeFunctionTests
{
    private static string Text(bool compiled, string body, string name)
    {
        var catalog = LoadBody(compiled, body);
        var recipient = $$"""{"id":"r1","name":{{System.Text.Json.JsonSerializer.Serialize(name)}}}""";
        return catalog.Render(catalog.Decide(Json(recipient), "m"), Channel.Text).Body.Trim();
    }

    [Theory]
    [InlineData(true, "😀😀😀", "{{ name | string.truncate 4 }}", "😀😀😀")]
    [InlineData(false, "😀😀😀😀😀", "{{ name | string.truncate 4 }}", "😀...")]
    [InlineData(true, "👩‍👩‍👧👩‍👩‍👧abc", "{{ name | string.truncate 3 \"…\" }}", "👩‍👩‍👧👩‍👩‍👧…")]
    [InlineData(false, "प्रियाजी", "{{ name | string.truncate 2 \"\" }}", "प्रि")]
    [InlineData(true, "กี่วันดี", "{{ name | string.truncate 1 \"\" }}", "กี่")]
    [InlineData(false, "山田太郎様", "{{ name | string.truncate 3 \"…\" }}", "山田…")]
    [InlineData(true, "🇯🇵🇰🇷🇹🇭", "{{ name | string.slice 1 }}", "🇰🇷🇹🇭")]
    [InlineData(false, "👍🏽👍🏾x", "{{ name | string.slice 1 1 }}", "👍🏾")]
    [InlineData(true, "x👍🏽👍🏾", "{{ name | string.slice1 (-2) }}", "👍🏽")]
    [InlineData(true, "☺️☺️", "{{ name | string.slice1 0 }}", "☺️")]
    [InlineData(false, "प्रिया", "{{ name | string.slice1 2 }}", "या")]
    public void Render_TruncateAndSlice_CountGraphemeClusters_NeverCuttingOne(bool compiled, string name, string template, string expected) =>
        Assert.Equal(expected, Text(compiled, template, name));

    [Theory]
    [InlineData(true, "Zoe\u0308", "{{ name | string.size }}", "3")]
    [InlineData(false, "Zo\u00EB", "{{ name | string.size }}", "3")]
    [InlineData(false, "Zoe\u0308", "{{ name.size }}", "3")]
    [InlineData(true, "😀😀", "{{ name.size }} {{ name | string.size }}", "2 2")]
    [InlineData(false, "👩‍👩‍👧🇯🇵", "{{ name.size }} {{ name | string.size }}", "2 2")]
    [InlineData(true, "a\r\nb", "{{ name.size }}", "3")]
    [InlineData(false, "😀e\u0301", "{{ name | object.size }}", "2")]
    [InlineData(true, "😀😀😀", "{{ if name.size > 3 }}long{{ else }}short{{ end }}", "short")]
    [InlineData(false, "Zoe\u0308", "[{{ name | string.pad_left 5 }}]", "[  Zoe\u0308]")]
    [InlineData(true, "😀", "[{{ name | string.pad_right 3 }}]", "[😀  ]")]
    [InlineData(false, "👩‍👩‍👧", "[{{ name | string.pad_left 2 }}|{{ name | string.pad_right 1 }}]", "[ 👩‍👩‍👧|👩‍👩‍👧]")]
    [InlineData(true, "😀😀😀", "{{ if name.size > 2 }}{{ name | string.truncate 2 \"\" }}{{ end }}", "😀😀")]
    public void Render_SizeAndPad_CountGraphemeClustersAsTruncateDoes(bool compiled, string name, string template, string expected) =>
        Assert.Equal(expected, Text(compiled, template, name));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_SizeOfAListOrObject_IsStillItsCountOfItems(bool compiled) =>
        Assert.Equal("3 3 2", Text(compiled, "{{ list = ['😀', 'e\u0301', 'x'] }}{{ list.size }} {{ list | array.size }} {{ o = { a: '😀😀', b: 1 } }}{{ o | object.size }}", "x"));

    [Fact]
    public void Decide_ConditionOnSize_CountsGraphemeClusters()
    {
        var catalog = Load(false, """
            catalog: t
            modules:
              short: { when: "name.size <= 3", content: "short" }
              long: { content: "long" }
            slots:
              s: { pick: first, from: [short, long] }
            messages:
              m: { body: "{{ slot 's' }}" }
            """);
        Assert.Equal(["short"], catalog.Decide(Json("""{"id":"r1","name":"Zoë"}"""), "m").Slots[0].ModuleIds);
    }

    /// <summary>Text where every character is a cluster of its own: ASCII, kana and ideographs.</summary>
    private static Gen<string> SingleUnitText() =>
        Gen.Elements('a', 'b', ' ', '.', 'あ', '山', '한', '、').ArrayOf().Select(static chars => new string(chars));

    [Property(MaxTest = 500)]
    public Property TruncateAndSlice_GiveWhatScribansGive_WhereEachCharacterIsACluster() =>
        Prop.ForAll(
            SingleUnitText().ToArbitrary(),
            Gen.Choose(-8, 12).ToArbitrary(),
            Gen.Choose(-3, 12).ToArbitrary(),
            static (text, start, length) =>
            {
                var pairs = new (string Name, Func<string> Ours, Func<string> Scribans)[]
                {
                    ("truncate", () => GraphemeFunctions.Truncate(text, length, "…"), () => Scriban.Functions.StringFunctions.Truncate(text, length, "…")),
                    ("slice", () => GraphemeFunctions.Slice(text, start, length), () => Scriban.Functions.StringFunctions.Slice(text, start, length)),
                    ("slice1", () => GraphemeFunctions.Slice1(text, start, length), () => Scriban.Functions.StringFunctions.Slice1(text, start, length)),
                };
                foreach (var (name, ours, scribans) in pairs)
                {
                    string expected;
                    try
                    {
                        expected = scribans();
                    }
                    catch (ArgumentOutOfRangeException)
                    {
                        continue; // Scriban's slice1 throws for a start before the text and a length that does not reach it; ours gives "".
                    }

                    if (ours() != expected)
                    {
                        return false.Label($"{name} \"{text}\" {start} {length}: ours \"{ours()}\", Scriban's \"{expected}\"");
                    }
                }

                return true.ToProperty();
            });

    /// <summary>Text of clusters of every make: combining marks, emoji with and without joiners or modifiers, flags, Indic and Thai syllables, "\r\n", stray marks and joiners.</summary>
    private static Gen<string> MixedText() =>
        Gen.Elements("a", " ", "e\u0301", "ë", "😀", "👩‍👩‍👧", "🇯🇵", "👍🏽", "प्रि", "กี่", "\r\n", "\r", "\n", "山", "\u200D", "\u0301", "\uD83D")
            .ArrayOf().Select(static parts => string.Concat(parts));

    [Property(MaxTest = 500)]
    public Property Truncate_ToItsOwnSize_KeepsTheText_AndNeverGivesMoreThanTheSize() =>
        Prop.ForAll(
            MixedText().ToArbitrary(),
            Gen.Choose(0, 12).ToArbitrary(),
            Gen.Elements("", "…", "...").ToArbitrary(),
            static (text, length, ellipsis) =>
            {
                var size = GraphemeFunctions.Size(text);
                var truncated = GraphemeFunctions.Truncate(text, length, ellipsis);
                return (GraphemeFunctions.Truncate(text, size, ellipsis) == text).Label($"truncate to its size {size} changed \"{text}\"")
                    .And((length < GraphemeFunctions.Size(ellipsis) || GraphemeFunctions.Size(truncated) <= length).Label($"truncate {length} \"{ellipsis}\" gave {GraphemeFunctions.Size(truncated)} clusters"))
                    .And((GraphemeFunctions.Size(GraphemeFunctions.PadLeft(text, length)) == Math.Max(length, size)).Label("pad_left width"))
                    .And((GraphemeFunctions.Size(GraphemeFunctions.PadRight(text, length)) == Math.Max(length, size)).Label("pad_right width"))
                    .And((GraphemeFunctions.PadLeft(text, length).EndsWith(text, StringComparison.Ordinal) && GraphemeFunctions.PadRight(text, length).StartsWith(text, StringComparison.Ordinal)).Label("pad keeps the text"));
            });
}
