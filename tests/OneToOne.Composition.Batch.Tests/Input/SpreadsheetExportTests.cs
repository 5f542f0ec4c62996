namespace OneToOne.Composition.Batch.Tests.Input;

/// <summary>Shapes spreadsheets and ERP exports give CSV, read as their writers meant them, or refused naming line, column and fix.</summary>
public sealed class SpreadsheetExportTests
{
    private static List<RecipientRecord> Read(string csv, string? schemaText = null)
    {
        RecipientSchema? schema = null;
        Assert.True(schemaText is null || RecipientSchema.TryParse(schemaText, out schema, out _));
        return [.. RecipientReader.Read(new StringReader(csv), RecipientFormat.Csv, "id", schema)];
    }

    [Fact]
    public void EmptyColumnsAtTheHeadersEnd_AreLeftOut_AndAValueUnderThemIsRefusedNamingItsColumn()
    {
        // Excel saves columns once touched: "id;name;;" stopped the whole run ("header column 3 has no name").
        var records = Read("id;name;;\r\n1;Anna;;\r\n2;Bernd;x;\r\n3;Carla;;\r\n");

        Assert.Equal(["1", null, "3"], records.Select(static r => r.Recipient?.Id));
        Assert.Equal(["id", "name"], records[0].Recipient!.FieldNames);
        Assert.Equal("Line 3: column 3 holds 'x', but the CSV header gives the column no name, so no template could read it. Name the column in the header, or empty the cell.", records[1].Error);
        Assert.Equal("2", records[1].Id);
    }

    [Fact]
    public void ALongValueQuotedInAnError_IsCutBetweenCharacters_NeverInsideAnEmojiOrAFlag()
    {
        // A cut at 40 UTF-16 code units split the emoji's surrogate pair: the error showed U+FFFD where the 😀 was.
        var a39 = new string('a', 39);
        var csvRecords = Read($"id;name;\r\n1;Anna;{a39}😀tail\r\n2;Yui;{a39[..36]}🇯🇵👩‍👩‍👧\r\n");
        Assert.Equal($"Line 2: column 3 holds '{a39}…', but the CSV header gives the column no name, so no template could read it. Name the column in the header, or empty the cell.", csvRecords[0].Error);
        Assert.Contains($"holds '{a39[..36]}🇯🇵…', but", csvRecords[1].Error, StringComparison.Ordinal);

        Assert.True(RecipientSchema.TryParse("iq:number", out var schema, out _));
        var recipient = OneToOne.Composition.Recipients.Recipient.FromDictionary(new Dictionary<string, object?> { ["id"] = "r1", ["iq"] = a39 + "😀 very high" });
        Assert.Contains($"it is the text \"{a39}…\"", schema!.Check(recipient), StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyColumnAmongNamedOnes_StillStopsTheReading()
    {
        var error = Assert.Throws<RecipientInputException>(() => Read("id;;name;;\r\n1;x;Ann;;\r\n"));

        Assert.StartsWith("Line 1: CSV header column 2 has no name.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADeclaredDate_TakesDayMonthYearWithDots_AsIso_AndRefusesSlashesSayingTheyReadTwoWays()
    {
        var records = Read("id;datum\r\n1;06.12.2026\r\n2;6.1.2027 18:30\r\n3;2026-12-06\r\n4;12/6/2026\r\n5;31.02.2026\r\n", "datum:date");

        Assert.Equal<object?>(["2026-12-06", "2027-01-06T18:30", "2026-12-06"], records.Take(3).Select(static r => r.Recipient!.TryGetValue("datum", out var d) ? d : "missing"));
        Assert.Contains("'12/6/2026' is not one", records[3].Error, StringComparison.Ordinal);
        Assert.Contains("(12/6/2026 is 12 June or 6 December)", records[3].Error, StringComparison.Ordinal);
        Assert.StartsWith("Line 6: column 2 ('datum') is declared a date, but '31.02.2026' is not one", records[4].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\uFEFF\r\nid;plz ;tel;kunde;iban\r\n007;01067;+49 30 1234;'0049301234;DE02 1203\r\n")]
    [InlineData("\uFEFF\uFEFF\r\n\uFEFFid;plz ;tel;kunde;iban\r\n007;01067;+49 30 1234;'0049301234;DE02 1203\r\n")]
    public void CodesStayText_AByteOrderMarkOnlyFirstLineIsSkipped_AndAHeadersTrailingSpaceAndMarkAreTrimmed(string csv)
    {
        // A mark left in the text (a second one, or text decoded by the caller) made the header line itself, or 'id' "\uFEFFid".
        var records = Read(csv);

        var recipient = Assert.Single(records).Recipient!;
        Assert.Equal("007", recipient.Id);
        Assert.Equal<object?>(["01067", "+49 30 1234", "'0049301234"], new[] { "plz", "tel", "kunde" }.Select(f => recipient.TryGetValue(f, out var v) ? v : null));
        Assert.Equal(3, records[0].Line);
    }
}
