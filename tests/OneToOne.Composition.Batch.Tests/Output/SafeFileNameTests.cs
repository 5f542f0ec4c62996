using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Batch;

namespace OneToOne.Composition.Batch.Tests.Output;

public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("c001", "c001")]
    [InlineData("../../etc/passwd", "etc_passwd")]
    [InlineData("a/b\\c", "a_b_c")]
    [InlineData("..", "record-7")]
    [InlineData("", "record-7")]
    [InlineData(null, "record-7")]
    [InlineData("/", "record-7")]
    [InlineData("x..y", "x.y")]
    [InlineData("CON", "_CON")]
    [InlineData("nul.txt", "_nul.txt")]
    [InlineData("COM0", "_COM0")]
    [InlineData("lpt0.x", "_lpt0.x")]
    [InlineData("COM10", "COM10")]
    [InlineData("José García", "José_García")]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("a:b*c?d", "a_b_c_d")]
    [InlineData("-rf", "rf")]
    [InlineData("--checkpoint-action=exec=sh x.sh", "checkpoint-action_exec_sh_x.sh")]
    [InlineData("-._-x-", "x-")]
    [InlineData("---", "record-7")]
    [InlineData("a-b", "a-b")]
    [InlineData("Jose\u0301 Garci\u0301a", "Jos\u00e9_Garc\u00eda")]
    [InlineData("\u1100\u1161", "\uAC00")]
    [InlineData("\u212Aelvin-\u2126", "Kelvin-\u03A9")]
    [InlineData("caf\u00e9\uD800", "caf\u00e9")]
    [InlineData("प्रिया", "प्रिया")]
    [InlineData("कि", "कि")]
    [InlineData("สมชาย ใจดี", "สมชาย_ใจดี")]
    [InlineData("Zoe\u0308", "Zo\u00eb")]
    [InlineData("\u0301a", "a")]
    [InlineData("1\u0301", "1")]
    public void For_MakesASafeName(string? id, string expected) =>
        Assert.Equal(expected, SafeFileName.For(id, 7));

    // Path separators and dots, characters no file system takes, controls, white space, letters and digits of other
    // scripts (a digit that is no ASCII digit, combining marks, a surrogate pair, a lone surrogate), device names.
    private static readonly string[] Pieces =
    [
        "a", "Z", "7", "/", "\\", ".", "..", "_", "-", "@", "+", " ", "\t", "\n", "\0", ":", "*", "?", "\"", "<", ">", "|",
        "é", "e\u0301", "\u0301", "कि", "\u093F", "กี่", "\uAC00", "\u1100\u1161", "\u212A", "漢", "٣", "\u00A0", "\u200B", "\u202E", "🍺", "\uD800", "CON", "nul", "COM1", "LPT9", "~", "%2e",
    ];

    [Property(MaxTest = 1000)]
    public Property For_AnyId_GivesOneNameThatStaysInTheFolder() =>
        Prop.ForAll(
            Gen.Elements(Pieces).ArrayOf().Select(static p => string.Concat(p)).ToArbitrary(),
            static id =>
            {
                var name = SafeFileName.For(id, 7);

                // A device name is kept behind a '_', which only such a name starts with.
                var unprefixed = name.Length > 1 && name[0] == '_' && IsDeviceName(name[1..]) ? name[1..] : name;
                return (name.Length > 0 && name.Select((c, i) => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or '+' || (IsMark(c) && i > 0 && (char.IsLetter(name[i - 1]) || IsMark(name[i - 1])))).All(static kept => kept)).Label($"{Show(id)} gave {Show(name)}: a character not kept")
                    .And((Path.Combine("out", name) is var path && Path.GetFileName(path) == name && Path.GetDirectoryName(path) == "out").Label($"{Show(id)} gave {Show(name)}: not a name in the folder"))
                    .And((!IsDeviceName(unprefixed) || unprefixed != name).Label($"{Show(id)} gave the device name {Show(name)}"))
                    .And((!unprefixed.StartsWith('.') && !unprefixed.StartsWith('_') && !name.EndsWith('.') && !name.EndsWith('_')).Label($"{Show(id)} gave {Show(name)}: a dot or '_' at an end"))
                    .And((!name.StartsWith('-')).Label($"{Show(id)} gave {Show(name)}: a leading '-', which a command given the folder's wildcard reads as an option"))
                    .And((!name.Contains("..", StringComparison.Ordinal)).Label($"{Show(id)} gave {Show(name)}: a run of dots"))
                    .And((unprefixed.Length <= 100 && Encoding.UTF8.GetByteCount(unprefixed) <= 150).Label($"{Show(id)} gave {Show(name)}: too long"))
                    .And((id.Length > 50 || (name == "record-7") != id.Any(static c => char.IsLetterOrDigit(c) || c is '@' or '+')).Label($"{Show(id)} gave {Show(name)}"));
            });

    [Property(MaxTest = 1000)]
    public Property For_AnIdComposedOrDecomposed_GivesTheSameName() =>
        Prop.ForAll(
            Gen.Elements(Pieces.Where(static p => !p.Any(char.IsSurrogate)).ToArray()).ArrayOf().Select(static p => string.Concat(p)).ToArbitrary(),
            static id =>
            {
                // macOS file systems take both forms of a name for one file: they must be one name, or one overwrites the other.
                var composed = SafeFileName.For(id, 7);
                var decomposed = SafeFileName.For(id.Normalize(NormalizationForm.FormD), 7);
                return (composed == decomposed && composed.IsNormalized(NormalizationForm.FormC)).Label($"{Show(id)} gave {Show(composed)}, decomposed {Show(decomposed)}");
            });

    private static bool IsMark(char c) =>
        System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
            or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark;

    private static bool IsDeviceName(string name)
    {
        var stem = name.Split('.')[0].ToUpperInvariant();
        return stem is "CON" or "PRN" or "AUX" or "NUL"
            || (stem.Length == 4 && stem[..3] is "COM" or "LPT" && char.IsAsciiDigit(stem[3]));
    }

    private static string Show(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    [Fact]
    public void For_LongId_IsCapped() =>
        Assert.Equal(100, SafeFileName.For(new string('x', 500), 1).Length);

    [Theory]
    [InlineData('x', 100)]
    [InlineData('é', 75)]
    [InlineData('漢', 50)]
    public void For_LongId_IsCappedByCharactersAndUtf8Bytes(char c, int expected)
    {
        var name = SafeFileName.For(new string(c, 300), 1);

        Assert.Equal(new string(c, expected), name);
        Assert.True(Encoding.UTF8.GetByteCount(name) <= 150);
    }

    [Fact]
    public void For_LongCjkId_ItsTemporaryFileNameFitsTheFileSystemsLimit()
    {
        // The longest name a record can get: the capped id, a duplicate's record number and a counter, the longest extension.
        var file = SafeFileName.For(new string('漢', 100), 1) + "-9223372036854775807-99.html";

        var temporary = Path.GetFileName(AtomicFile.TempPathFor(Path.Combine(Path.GetTempPath(), file)));

        Assert.True(Encoding.UTF8.GetByteCount(temporary) <= 255, $"{Encoding.UTF8.GetByteCount(temporary)} bytes");
    }
}
