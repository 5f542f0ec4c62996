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
}
