using System.Globalization;
using System.Text;
using OneToOne.Composition.Print.Text;
using Xunit.Abstractions;

namespace OneToOne.Composition.Print.Tests.Text;

/// <summary>
/// Our UAX #9 against Unicode's own conformance data, as Debian's <c>unicode-data</c> package installs it (Unicode
/// 15.0, <c>scripts/install-deps.sh</c>): <c>BidiCharacterTest.txt</c> (code points, with brackets),
/// <c>BidiTest.txt</c> (bidi class sequences) and, for the types of <see cref="BidiClasses"/>,
/// <c>extracted/DerivedBidiClass.txt</c>. Each test case is one paragraph set on one line, so the levels are resolved
/// for the paragraph, then reset (L1) and reordered (L2) as one line, as the layout does for each of its lines.
/// </summary>
/// <remarks>
/// What is left out, and why: test cases with the explicit embedding, override and isolate controls (LRE, RLE, LRO, RLO,
/// PDF, LRI, RLI, FSI, PDI), since the layout refuses text with them and <see cref="UnicodeBidi"/> implements no X1–X8.
/// Nothing else is. A character that X9 removes (an <c>x</c> level in the files) is kept by <see cref="UnicodeBidi"/>,
/// which gives it a level as UAX #9's section 5.2 (retaining BNs) does: the paragraph level when L1 resets it with the
/// white space around it, else the level of the character before it (the paragraph level when first); the visual
/// order is compared without those characters, as the files give it.
/// </remarks>
public sealed class BidiConformanceTests(ITestOutputHelper output)
{
    private const string UnicodeData = "/usr/share/unicode";

    /// <summary>How many failures a failing test lists in full (the rest are counted).</summary>
    private const int Listed = 25;

    /// <summary>The two-letter general categories, in the order of <see cref="UnicodeCategory"/>.</summary>
    private static readonly string[] Abbreviations = "Lu Ll Lt Lm Lo Mn Mc Me Nd Nl No Zs Zl Zp Cc Cf Cs Co Pc Pd Ps Pe Pi Pf Po Sm Sc Sk So Cn".Split(' ');

    [Fact]
    public void LevelsAndOrder_MatchBidiCharacterTest()
    {
        var run = 0;
        var excluded = 0;
        var failures = new List<string>();
        foreach (var test in CharacterTests())
        {
            if (test.CodePoints.Any(BidiClasses.IsExplicitControl))
            {
                excluded++;
                continue;
            }

            var text = test.Text;
            var classes = new BidiClass[text.Length];
            UnicodeBidi.Classify(text, classes);
            var levels = new byte[text.Length];
            byte paragraph;
            string? split = null;
            if (test.Direction == 2)
            {
                // Auto (P2–P3): the entry point the layout calls, which splits paragraphs (P1) and finds their levels itself.
                var paragraphs = UnicodeBidi.ResolveParagraphs(text, levels);
                paragraph = paragraphs[0].Level;
                split = paragraphs.Length == 1 ? null : $"split into {paragraphs.Length} paragraphs; ";
            }
            else
            {
                paragraph = (byte)test.Direction;
                UnicodeBidi.ResolveLevels(text, classes, paragraph, levels);
            }

            if (split + CheckCharacterTest(test, text, classes, paragraph, levels) is { Length: > 0 } check)
            {
                failures.Add($"line {test.Number} ({test.Field}; direction {test.Direction}): {check}");
            }

            run++;
        }

        Report("BidiCharacterTest.txt", run, excluded, failures);

        // 91,707 test cases in Unicode 15.0, of which 102 have explicit controls: a missing or truncated file fails here.
        Assert.True(run > 80_000, $"only {run} test cases of BidiCharacterTest.txt ran ({excluded} left out)");
        Assert.True(failures.Count == 0, Failures(failures, "test cases failed"));
    }

    /// <summary>
    /// Rule P1, which neither file tests (each of their test cases is one paragraph, without a separator of type B
    /// inside): each test case of <c>BidiCharacterTest.txt</c> whose paragraph level is the one P2–P3 find (its
    /// direction is automatic, or the one its first strong character gives), joined to the next such case by a
    /// paragraph separator (each of the seven characters of type B in turn), is split from it and resolved as it is
    /// alone — its own paragraph level, levels and order — and the separator, reset by L1, takes the level of the
    /// paragraph it ends. The layout's forced breaks are such separators.
    /// </summary>
    [Fact]
    public void LevelsAndOrder_OfBidiCharacterTestCasesJoinedByParagraphSeparators_AreEachCasesOwn()
    {
        string[] separators = ["\n", "\r", "\u001C", "\u001D", "\u001E", "\u0085", "\u2029"];
        var tests = CharacterTests().Where(static t => !t.CodePoints.Any(BidiClasses.IsExplicitControl) && (t.Direction == 2 || t.Direction == FoundLevel(t.Text))).ToList();
        var failures = new List<string>();
        for (var i = 0; i + 1 < tests.Count; i++)
        {
            var (first, second) = (tests[i], tests[i + 1]);
            var separator = separators[i % separators.Length];
            var text = first.Text + separator + second.Text;
            var levels = new byte[text.Length];
            var paragraphs = UnicodeBidi.ResolveParagraphs(text, levels);
            var boundary = first.Text.Length + 1;
            if (paragraphs.Length != 2 || paragraphs[0] is not { Start: 0 } || paragraphs[0].End != boundary || paragraphs[1].End != text.Length)
            {
                failures.Add($"lines {first.Number} and {second.Number} joined by U+{(int)separator[0]:X4}: paragraphs {string.Join(' ', paragraphs)}");
                continue;
            }

            for (var half = 0; half < 2; half++)
            {
                var (test, other, paragraph) = half == 0 ? (first, second, paragraphs[0]) : (second, first, paragraphs[1]);
                var part = text[paragraph.Start..paragraph.End];
                var classes = new BidiClass[part.Length];
                UnicodeBidi.Classify(part, classes);
                var partLevels = levels[paragraph.Start..paragraph.End];
                var check = CheckCharacterTest(test, part, classes, paragraph.Level, partLevels);
                if (half == 0 && partLevels[^1] != paragraph.Level)
                {
                    check += $"separator at level {partLevels[^1]}, not the paragraph's {paragraph.Level}";
                }

                if (check.Length > 0)
                {
                    failures.Add($"line {test.Number} ({test.Field}), joined to line {other.Number} by U+{(int)separator[0]:X4}: {check}");
                }
            }
        }

        output.WriteLine($"BidiCharacterTest.txt, test cases joined by paragraph separators: {tests.Count - 1} pairs ran, {failures.Count} failed");

        // Unicode 15.0 has tens of thousands of test cases whose direction is the one P2–P3 find.
        Assert.True(tests.Count > 20_000, $"only {tests.Count} test cases of BidiCharacterTest.txt have the direction P2–P3 find");
        Assert.True(failures.Count == 0, Failures(failures, "test cases failed"));
    }

    [Fact]
    public void LevelsAndOrder_MatchBidiTest()
    {
        var run = 0;
        var excluded = 0;
        var failures = new List<string>();
        var expectedLevels = string.Empty;
        var expectedOrder = string.Empty;
        foreach (var (number, line) in DataLines("BidiTest.txt"))
        {
            if (line.StartsWith("@Levels:", StringComparison.Ordinal))
            {
                expectedLevels = line["@Levels:".Length..];
                continue;
            }

            if (line.StartsWith("@Reorder:", StringComparison.Ordinal))
            {
                expectedOrder = line["@Reorder:".Length..];
                continue;
            }

            var fields = line.Split(';');
            var names = fields[0].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var classes = new BidiClass[names.Length];
            var inScope = true;
            for (var i = 0; i < names.Length && inScope; i++)
            {
                // The explicit controls' names (LRE, …, PDI) are no BidiClass: those test cases are out of scope.
                inScope = Enum.TryParse(names[i], out classes[i]);
            }

            var bitset = int.Parse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var directions = Enumerable.Range(0, 3).Where(d => (bitset & (1 << d)) != 0).ToArray();
            if (!inScope)
            {
                excluded += directions.Length;
                continue;
            }

            // No text, so no brackets: BidiTest.txt assumes none, and no character here is one.
            var text = new string('x', classes.Length);
            var starts = Enumerable.Range(0, classes.Length).ToArray();
            foreach (var direction in directions)
            {
                // Bit 0 is auto (P2–P3), bit 1 left to right, bit 2 right to left.
                var paragraph = direction == 0 ? UnicodeBidi.ParagraphLevel(classes) : (byte)(direction - 1);
                var levels = new byte[classes.Length];
                UnicodeBidi.ResolveLevels(text, classes, paragraph, levels);
                var check = Check(classes, paragraph, Levels(text, classes, paragraph, levels, starts), expectedLevels, expectedOrder);
                if (check is not null)
                {
                    failures.Add($"line {number} ({fields[0].Trim()}; {(direction == 0 ? "auto" : direction == 1 ? "LTR" : "RTL")}, paragraph level {paragraph}): {check}");
                }

                run++;
            }
        }

        Report("BidiTest.txt", run, excluded, failures);

        // 490,846 test cases in Unicode 15.0, 770,241 with each of their paragraph directions, of which 670,203 have
        // explicit controls.
        Assert.True(run > 90_000, $"only {run} test cases of BidiTest.txt ran ({excluded} left out)");
        Assert.True(failures.Count == 0, Failures(failures, "test cases failed"));
    }

    [Fact]
    public void EveryCodePointsClass_MatchesDerivedBidiClass()
    {
        var expected = DerivedClasses();
        var categories = GeneralCategories();
        var compared = 0;
        var mismatches = new List<(int First, int Last, string Expected, BidiClass Actual, string Category)>();
        for (var c = 0; c <= 0x10FFFF; c++)
        {
            var category = Abbreviations[(int)CharUnicodeInfo.GetUnicodeCategory(c)];

            // Left out: the explicit controls, which get no type of their own (the layout refuses them), and the code
            // points whose general category in .NET is not the one in the data file: .NET follows a later Unicode, and
            // a character assigned since is beyond this file (its type comes from its category, as for any other).
            if (BidiClasses.IsExplicitControl(c) || category != categories[c])
            {
                continue;
            }

            compared++;
            var actual = BidiClasses.Of(c);
            if (actual.ToString() == expected[c])
            {
                continue;
            }

            if (mismatches.Count > 0 && mismatches[^1] is var last && last.Last == c - 1 && last.Expected == expected[c]
                && last.Actual == actual && last.Category == category)
            {
                mismatches[^1] = last with { Last = c };
            }
            else
            {
                mismatches.Add((c, c, expected[c], actual, category));
            }
        }

        output.WriteLine($"DerivedBidiClass.txt: {compared} code points compared, {mismatches.Sum(static m => m.Last - m.First + 1)} differ");
        Assert.True(compared > 1_000_000, $"only {compared} code points compared");
        Assert.True(mismatches.Count == 0, Failures(mismatches.Select(static m => $"U+{m.First:X4}..U+{m.Last:X4} ({m.Category}): Unicode {m.Expected}, ours {m.Actual}").ToList(), "ranges of code points differ"));
    }

    /// <summary>One test case of <c>BidiCharacterTest.txt</c>: its code points, paragraph direction and expected results.</summary>
    /// <param name="Number">Its line number.</param>
    /// <param name="Field">Its code points as the file gives them.</param>
    /// <param name="CodePoints">Its code points.</param>
    /// <param name="Direction">The paragraph direction: 0 left to right, 1 right to left, 2 automatic (P2–P3).</param>
    /// <param name="Paragraph">The expected paragraph level.</param>
    /// <param name="LevelsField">The expected levels.</param>
    /// <param name="OrderField">The expected visual order.</param>
    private sealed record CharacterTest(int Number, string Field, int[] CodePoints, int Direction, byte Paragraph, string LevelsField, string OrderField)
    {
        public string Text { get; } = string.Concat(CodePoints.Select(char.ConvertFromUtf32));
    }

    private static IEnumerable<CharacterTest> CharacterTests()
    {
        foreach (var (number, line) in DataLines("BidiCharacterTest.txt"))
        {
            var fields = line.Split(';');
            yield return new CharacterTest(number, fields[0], Numbers(fields[0], 16), int.Parse(fields[1], CultureInfo.InvariantCulture),
                byte.Parse(fields[2], CultureInfo.InvariantCulture), fields[3], fields[4]);
        }
    }

    /// <summary>The paragraph level P2–P3 find for a text of one paragraph.</summary>
    private static byte FoundLevel(string text)
    {
        var classes = new BidiClass[text.Length];
        UnicodeBidi.Classify(text, classes);
        return UnicodeBidi.ParagraphLevel(classes);
    }

    /// <summary>
    /// Compares one paragraph's resolved levels with a test case's: the paragraph level, then the levels and order of
    /// the code points once the paragraph is reset and reordered as one line. The text may end with a paragraph
    /// separator that the test case does not have; it is left out of the comparison. Empty when all match.
    /// </summary>
    private static string CheckCharacterTest(CharacterTest test, string text, BidiClass[] classes, byte paragraph, byte[] levels)
    {
        // The code points' first UTF-16 units stand for them: a surrogate pair's two units share a type and a level.
        var starts = new int[test.CodePoints.Length];
        for (int k = 0, unit = 0; k < starts.Length; unit += char.IsSurrogatePair(text, unit) ? 2 : 1, k++)
        {
            starts[k] = unit;
        }

        var pointClasses = starts.Select(s => classes[s]).ToArray();
        var check = Check(pointClasses, paragraph, Levels(text, classes, paragraph, levels, starts), test.LevelsField, test.OrderField);
        if (paragraph != test.Paragraph)
        {
            check = $"paragraph level expected {test.Paragraph}, got {paragraph}; {check}";
        }

        return check ?? string.Empty;
    }

    /// <summary>
    /// Reads <c>extracted/DerivedBidiClass.txt</c>: every code point's short class name, from its lines and, for the
    /// code points they do not list, from the defaults of its <c>@missing</c> comment lines (later ones win).
    /// </summary>
    private static string[] DerivedClasses()
    {
        var longNames = new Dictionary<string, string>
        {
            ["Left_To_Right"] = "L", ["Right_To_Left"] = "R", ["Arabic_Letter"] = "AL", ["European_Terminator"] = "ET", ["Boundary_Neutral"] = "BN",
        };
        var classes = new string[0x110000];
        var listed = new List<(int First, int Last, string Class)>();
        foreach (var (_, line) in AllLines("extracted/DerivedBidiClass.txt"))
        {
            const string Missing = "# @missing:";
            var isDefault = line.StartsWith(Missing, StringComparison.Ordinal);
            var data = isDefault ? line[Missing.Length..] : line.Split('#')[0];
            if (string.IsNullOrWhiteSpace(data) || (!isDefault && line.StartsWith('#')))
            {
                continue;
            }

            var fields = data.Split(';', StringSplitOptions.TrimEntries);
            var (first, last) = CodePointRange(fields[0]);
            if (isDefault)
            {
                Array.Fill(classes, longNames[fields[1]], first, last - first + 1);
            }
            else
            {
                listed.Add((first, last, fields[1]));
            }
        }

        foreach (var (first, last, name) in listed)
        {
            Array.Fill(classes, name, first, last - first + 1);
        }

        Assert.True(Array.IndexOf(classes, null) < 0, "DerivedBidiClass.txt left a code point without a class");
        return classes;
    }

    /// <summary>Reads <c>UnicodeData.txt</c>: every code point's two-letter general category (Cn when unassigned).</summary>
    private static string[] GeneralCategories()
    {
        var categories = new string[0x110000];
        Array.Fill(categories, "Cn");
        var rangeStart = -1;
        foreach (var (_, line) in AllLines("UnicodeData.txt"))
        {
            var fields = line.Split(';');
            var c = int.Parse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (fields[1].EndsWith(", First>", StringComparison.Ordinal))
            {
                rangeStart = c;
                continue;
            }

            var first = fields[1].EndsWith(", Last>", StringComparison.Ordinal) ? rangeStart : c;
            Array.Fill(categories, fields[2], first, c - first + 1);
        }

        return categories;
    }

    private static (int First, int Last) CodePointRange(string field)
    {
        var ends = field.Split("..");
        var first = int.Parse(ends[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (first, ends.Length == 1 ? first : int.Parse(ends[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    /// <summary>Reads a data file's lines that are no comment, each with its line number (from 1).</summary>
    private static IEnumerable<(int Number, string Line)> DataLines(string file) =>
        AllLines(file).Where(static l => l.Line.Length > 0 && l.Line[0] != '#');

    /// <summary>Reads a data file's lines, each with its line number (from 1).</summary>
    private static IEnumerable<(int Number, string Line)> AllLines(string file)
    {
        var path = Path.Combine(UnicodeData, file);
        Assert.True(File.Exists(path), $"{path} is missing: scripts/install-deps.sh installs it (Debian's unicode-data)");
        return File.ReadLines(path).Select(static (line, index) => (index + 1, line));
    }

    private static int[] Numbers(string field, int radix) =>
        field.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(n => int.Parse(n, radix == 16 ? NumberStyles.HexNumber : NumberStyles.None, CultureInfo.InvariantCulture))
            .ToArray();

    /// <summary>
    /// Resets and reorders the paragraph as one line (L1–L2), as the layout does, and gives the levels and the visual
    /// order of the code points that <paramref name="starts"/> gives the first UTF-16 unit of.
    /// </summary>
    private static (byte[] Levels, int[] Order) Levels(string text, BidiClass[] classes, byte paragraph, byte[] levels, int[] starts)
    {
        UnicodeBidi.ResetWhitespaceLevels(classes, paragraph, levels);
        var pointOf = new int[text.Length];
        Array.Fill(pointOf, -1);
        for (var k = 0; k < starts.Length; k++)
        {
            pointOf[starts[k]] = k;
        }

        var order = UnicodeBidi.VisualOrder(levels).Select(unit => pointOf[unit]).Where(k => k >= 0).ToArray();
        return (starts.Select(s => levels[s]).ToArray(), order);
    }

    /// <summary>Compares one test case's levels and order with the expected ones; null when they match.</summary>
    private static string? Check(BidiClass[] classes, byte paragraph, (byte[] Levels, int[] Order) actual, string levelsField, string orderField)
    {
        var expected = levelsField.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var removed = expected.Select(static l => l == "x").ToArray();
        var levels = new byte[expected.Length];
        for (var k = 0; k < expected.Length; k++)
        {
            levels[k] = removed[k] ? RetainedLevel(classes, removed, paragraph, levels, k) : byte.Parse(expected[k], CultureInfo.InvariantCulture);
        }

        // The files' order skips what X9 removes.
        var order = actual.Order.Where(k => !removed[k]).ToArray();
        var expectedOrder = Numbers(orderField, 10);
        var message = new StringBuilder();
        if (!levels.SequenceEqual(actual.Levels))
        {
            message.Append(CultureInfo.InvariantCulture, $"levels expected {Show(levels, removed)}, got {string.Join(' ', actual.Levels)}; ");
        }

        if (!order.SequenceEqual(expectedOrder))
        {
            message.Append(CultureInfo.InvariantCulture, $"order expected {string.Join(' ', expectedOrder)}, got {string.Join(' ', order)}; ");
        }

        return message.Length == 0 ? null : message.ToString(0, message.Length - 2);
    }

    /// <summary>
    /// The level UAX #9's section 5.2 gives a character that X9 removes, when it is kept: the paragraph level when it is
    /// in the white space that L1 resets (up to a segment or paragraph separator or the end of the line), else the
    /// level of the character before it, else the paragraph level.
    /// </summary>
    private static byte RetainedLevel(BidiClass[] classes, bool[] removed, byte paragraph, byte[] levels, int k)
    {
        var end = k;
        while (end < classes.Length && (removed[end] || classes[end] == BidiClass.WS))
        {
            end++;
        }

        var reset = end == classes.Length || classes[end] is BidiClass.S or BidiClass.B;
        return reset || k == 0 ? paragraph : levels[k - 1];
    }

    /// <summary>Shows expected levels, with the kept characters' levels in brackets.</summary>
    private static string Show(byte[] levels, bool[] removed) =>
        string.Join(' ', levels.Select((l, k) => removed[k] ? $"[{l}]" : l.ToString(CultureInfo.InvariantCulture)));

    private void Report(string file, int run, int excluded, List<string> failures) =>
        output.WriteLine($"{file}: {run} test cases ran, {excluded} left out (explicit controls), {failures.Count} failed");

    private static string Failures(List<string> failures, string what) =>
        $"{failures.Count} {what}:{Environment.NewLine}"
        + string.Join(Environment.NewLine, failures.Take(Listed))
        + (failures.Count > Listed ? $"{Environment.NewLine}… and {failures.Count - Listed} more" : string.Empty);
}
