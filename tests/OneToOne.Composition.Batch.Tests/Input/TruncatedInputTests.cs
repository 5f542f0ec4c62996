using System.Text;

namespace OneToOne.Composition.Batch.Tests.Input;

/// <summary>
/// An input cut short (a copy or export that stopped mid-record): its last record was rejected as unreadable like any
/// malformed line, without a word that the file may be incomplete. Now the record's error says so, only when it is the
/// last record and the input ends inside it, and the run's summary warns of it.
/// </summary>
public sealed class TruncatedInputTests
{
    private const string CutShortWords = "It is the input's last record, and the input ends ";

    private static List<RecipientRecord> Read(string text, RecipientFormat format) =>
        [.. RecipientReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), format)];

    [Fact]
    public void JsonLines_ALastLineCutMidRecord_WithoutALineBreak_SaysTheFileMayHaveBeenCutShort()
    {
        var records = Read("{\"id\":\"a\",\"first_name\":\"A\"}\n{\"id\":\"b\",\"first_na", RecipientFormat.JsonLines);

        Assert.Null(records[0].Error);
        var cut = records[1];
        Assert.True(cut.IsCutShort);
        Assert.StartsWith("Line 2: not valid JSON at column ", cut.Error, StringComparison.Ordinal);
        Assert.EndsWith("It is the input's last record, and the input ends in the middle of this line, without a line break: the file may have been cut short (a copy, download or export that stopped early). Check that it is whole, and run again with the whole file.", cut.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonLines_ReadAsText_ALastLineCutMidRecord_SaysTheFileMayHaveBeenCutShort_AsTheBytePathDoes()
    {
        using var reader = RecipientReader.TextOf(new MemoryStream(Encoding.UTF8.GetBytes("{\"id\":\"a\"}\r\n{\"id\":\"b\",\"first_na")));
        var records = RecipientReader.Read(reader, RecipientFormat.JsonLines).ToList();

        Assert.Null(records[0].Error);
        Assert.True(records[1].IsCutShort);
        Assert.Contains(CutShortWords + "in the middle of this line, without a line break", records[1].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)] // "é" is two bytes: the cut leaves its first
    [InlineData(2)] // "€" is three bytes: the cut leaves its first two
    public void JsonLines_ALastLineCutInsideAMultiByteCharacter_SaysTheFileMayHaveBeenCutShort(int kept)
    {
        var whole = Encoding.UTF8.GetBytes(kept == 1 ? "{\"id\":\"a\"}\n{\"id\":\"b\",\"first_name\":\"Ren\u00e9\"}" : "{\"id\":\"a\"}\n{\"id\":\"b\",\"price\":\"\u20ac\"}");
        var character = kept == 1 ? "\u00e9" : "\u20ac";
        var cutAt = Encoding.UTF8.GetString(whole).IndexOf(character, StringComparison.Ordinal);
        var cutBytes = Encoding.UTF8.GetByteCount(Encoding.UTF8.GetString(whole)[..cutAt]) + kept;

        var records = RecipientReader.Read(new MemoryStream(whole[..cutBytes]), RecipientFormat.JsonLines).ToList();

        Assert.Null(records[0].Error);
        var cut = records[1];
        Assert.True(cut.IsCutShort, cut.Error);
        Assert.StartsWith("Line 2: the line is not valid UTF-8 at byte ", cut.Error, StringComparison.Ordinal);
        Assert.Contains(CutShortWords + "in the middle of this line, without a line break, inside a character: the file may have been cut short", cut.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\":\"a\"}\r\n{\"id\":\"b\",\"drink\":\"\U0001F37A\"}", 1, 2)] // a four-byte emoji cut after 1, 2, 3 bytes, CRLF lines
    [InlineData("{\"id\":\"a\"}\r\n{\"id\":\"b\",\"drink\":\"\U0001F37A\"}", 2, 2)]
    [InlineData("{\"id\":\"a\"}\r\n{\"id\":\"b\",\"drink\":\"\U0001F37A\"}", 3, 2)]
    [InlineData("{\"id\":\"b\",\"first_name\":\"Ren\u00e9\"}", 1, 1)] // the file's only line
    public void JsonLines_ACutInsideACharacter_IsNotCalledAnotherEncoding(string text, int kept, int line)
    {
        var whole = Encoding.UTF8.GetBytes(text);
        // The last character is the one before the closing "}: the cut keeps the bytes before it and its first `kept`.
        var character = char.IsLowSurrogate(text[^3]) ? text[^4..^2] : text[^3..^2];
        var cutBytes = whole.Length - 2 - Encoding.UTF8.GetByteCount(character) + kept;

        var cut = RecipientReader.Read(new MemoryStream(whole[..cutBytes]), RecipientFormat.JsonLines).ToList()[line - 1];

        Assert.True(cut.IsCutShort, cut.Error);
        Assert.StartsWith($"Line {line}: the line is not valid UTF-8 at byte ", cut.Error, StringComparison.Ordinal);
        Assert.Contains($"the line ends inside a character, after {kept} of its {Encoding.UTF8.GetByteCount(character)} bytes.", cut.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Windows-1252", cut.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Latin-1", cut.Error, StringComparison.Ordinal);
        Assert.Contains(CutShortWords + "in the middle of this line, without a line break, inside a character: the file may have been cut short", cut.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xC3 }, true)]        // a lone lead byte, but a line break follows: a bad line, not a cut
    [InlineData(new byte[] { 0xE9, 0x22, 0x7D }, false)] // Latin-1 "é" mid-line, the line closed: not a cut
    public void JsonLines_ALineNotUtf8_ThatTheInputDoesNotEndInsideACharacterOf_IsNoCutShortInput(byte[] tail, bool lineBreak)
    {
        var bytes = Encoding.UTF8.GetBytes("{\"id\":\"a\"}\n{\"id\":\"b\",\"n\":\"").Concat(tail).Concat(lineBreak ? "\n"u8.ToArray() : []).ToArray();

        var bad = Assert.Single(RecipientReader.Read(new MemoryStream(bytes), RecipientFormat.JsonLines).ToList(), static r => r.Error is not null);

        Assert.False(bad.IsCutShort);
        Assert.Contains("not valid UTF-8", bad.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("cut short", bad.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"id\": \"b\",")]                     // cut right after a comma: the JSON reader names the comma, not the end
    [InlineData("{\"id\": \"b\", \"tags\": [\"x\",")]    // the same inside an array
    [InlineData("{\"id\": \"b\", \"iq\": 12")]             // a number that may go on
    public void JsonLines_ALastLineCutAfterAnyToken_SaysTheFileMayHaveBeenCutShort_OnBytesAndAsText(string last)
    {
        var text = "{\"id\":\"a\"}\n" + last;

        var fromBytes = Read(text, RecipientFormat.JsonLines)[1];
        using var reader = RecipientReader.TextOf(new MemoryStream(Encoding.UTF8.GetBytes(text)));
        var fromText = RecipientReader.Read(reader, RecipientFormat.JsonLines).ToList()[1];

        Assert.All([fromBytes, fromText], static cut =>
        {
            Assert.True(cut.IsCutShort, cut.Error);
            Assert.Contains(CutShortWords + "in the middle of this line, without a line break", cut.Error, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("{\"id\":\"a\"}\n{\"id\":\"b\",\"first_na\n")]         // the last line is cut, but a line break follows: an edited line
    [InlineData("{\"id\":\"b\",\"first_na\n{\"id\":\"a\"}")]           // a broken line that is not the last
    [InlineData("{\"id\":\"a\"}\n{\"id\": oops, \"first_name\":\"B\"}")] // the last line, unterminated, but broken in its middle, not cut
    [InlineData("{\"id\":\"a\"}\n{\"id\": oops, \"first_name\":")]     // broken in its middle, and ending where a cut could
    [InlineData("{\"id\":\"a\"}\n{\"id\":\"b\"}{")]                   // a whole object, then another begun: not one record cut off
    public void JsonLines_ABrokenLineTheInputDoesNotEndIn_IsNoCutShortInput(string text)
    {
        var records = Read(text, RecipientFormat.JsonLines);

        var bad = Assert.Single(records, static r => r.Error is not null);
        Assert.False(bad.IsCutShort);
        Assert.DoesNotContain("cut short", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonLines_AWholeLastLineWithoutALineBreak_IsRead()
    {
        var records = Read("{\"id\":\"a\"}\n{\"id\":\"b\"}", RecipientFormat.JsonLines);

        Assert.Equal(["a", "b"], records.Select(static r => r.Id));
        Assert.All(records, static r => Assert.Null(r.Error));
    }

    [Fact]
    public void Csv_AQuotedFieldNeverClosedAtTheEnd_SaysTheFileMayHaveBeenCutShort()
    {
        var records = Read("id,first_name\na,Ada\nb,\"Bo", RecipientFormat.Csv);

        Assert.Null(records[0].Error);
        var cut = records[1];
        Assert.True(cut.IsCutShort);
        Assert.Equal("Line 3: malformed CSV (a quoted field is never closed). It is the input's last record, and the input ends inside this quoted field: the file may have been cut short (a copy, download or export that stopped early). Check that it is whole, and run again with the whole file.", cut.Error);
    }

    [Fact]
    public void Csv_AQuoteNeverClosedInTheMiddle_SaysItTookInTheLinesAfterIt_NotOnlyThatTheFileMayBeCutShort()
    {
        // The quote opened on line 3 runs to the end: lines 4 and 5 (two recipients) are read as its text. The file is whole,
        // and "check that it is whole" alone sent the operator to the wrong place.
        var records = Read("id,first_name\na,Ada\nb,\"Bo\nc,Cy\nd,Di\n", RecipientFormat.Csv);

        Assert.Equal(2, records.Count);
        var bad = records[1];
        Assert.True(bad.IsCutShort);
        Assert.Equal("Line 3: malformed CSV (a quoted field is never closed). The quoted field runs on from line 3 to the end of the input, taking in the 2 lines after it as its text, not as records: most likely its closing quote is missing (a quote inside a field is written twice), or the file was cut short. Close the quote, or check that the file is whole, and run again.", bad.Error);
        Assert.Equal("record 2 (line 3) opens a quoted field that runs on to the end of the input, taking in the 2 lines after it, which were not read as records: most likely its closing quote is missing, or the file was cut short. Fix the line, or check that the file is whole, before using this run's output.", RecipientRecord.CutShortWarning(bad));
    }

    [Fact]
    public void Csv_AStrayQuote_IsNoCutShortInput()
    {
        var records = Read("id,first_name\na,A\"da\nb,Bo", RecipientFormat.Csv);

        var bad = Assert.Single(records, static r => r.Error is not null);
        Assert.False(bad.IsCutShort);
        Assert.DoesNotContain("cut short", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARun_OverAnInputCutShort_WarnsOfItInItsSummary()
    {
        var input = new MemoryStream(Encoding.UTF8.GetBytes("{\"id\":\"r1\",\"first_name\":\"Ada\",\"iq\":100,\"unsubscribed\":false}\n{\"id\":\"r2\",\"first_name\":\"Bo\",\"iq\":1"));
        await using var sink = new CollectingSink();
        var summary = await new BatchRunner(TestCampaign.Catalog, "monthly", new ChannelSettings(BatchChannel.Text))
            .RunAsync(RecipientReader.Read(input, RecipientFormat.JsonLines), sink);

        Assert.Equal((2L, 1L), (summary.Input, summary.Rejected));
        Assert.Equal(["the input ends in the middle of its last record (record 2, line 2), which was rejected as unreadable: the file may have been cut short (a copy, download or export that stopped early). Check that it is whole before using this run's output."], summary.InputWarnings);
        Assert.Contains("  warning: the input ends in the middle of its last record (record 2, line 2)", summary.ToReport(), StringComparison.Ordinal);
    }
}
