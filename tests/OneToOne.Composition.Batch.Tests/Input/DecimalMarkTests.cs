using System.Text.Json;

namespace OneToOne.Composition.Batch.Tests.Input;

/// <summary>
/// A German export writes whole amounts as 1.234 (1234): read by inference or a plain <c>number</c> as 1.234, silently
/// a thousandth. A column's decimal mark can be declared (<c>number(decimal-comma)</c>), and a column whose every '.'
/// could be a thousands group is warned of in the run's summary; the schema's <c>number</c> reads grouped amounts as
/// <c>money</c> does, by the same reader.
/// </summary>
public sealed class DecimalMarkTests
{
    private static List<RecipientRecord> Read(string csv, string? schemaText = null)
    {
        RecipientSchema? schema = null;
        Assert.True(schemaText is null || RecipientSchema.TryParse(schemaText, out schema, out _));
        return [.. RecipientReader.Read(new StringReader(csv), RecipientFormat.Csv, "id", schema)];
    }

    private static object? Value(RecipientRecord record, string field)
    {
        Assert.True(record.Recipient!.TryGetValue(field, out var value), record.Error);
        return value;
    }

    [Fact]
    public void DecimalComma_ReadsAGermanExport_WholeAmountsGroupedWithDots()
    {
        var records = Read("id;betrag\r\n1;1.234\r\n2;1.234,50\r\n3;12,5\r\n4;250\r\n5;-1.234.567\r\n6;12.5\r\n7;1,234.50\r\n", "betrag:number(decimal-comma)");

        Assert.Equal<object?>([1234, 1234.50m, 12.5m, 250, -1234567], records.Take(5).Select(static r => Value(r, "betrag")));
        Assert.Equal(
            "Line 7: column 2 ('betrag') is declared a number, but '12.5' is not one: the column is declared number(decimal-comma), so numbers are written with ',' for decimals and '.' grouping thousands in threes, or not at all (1.234,5 or 1234,5). Fix the value, or declare the column text.",
            records[5].Error);
        Assert.NotNull(records[6].Error);
    }

    [Fact]
    public void DecimalPoint_ReadsCommaGroupedAmounts_AndDotsAsDecimals()
    {
        var records = Read("id,betrag\n1,1.234\n2,\"1,234.50\"\n3,\"1,234\"\n4,\"12,5\"\n", "betrag:number(decimal-point)");

        Assert.Equal<object?>([1.234m, 1234.50m, 1234], records.Take(3).Select(static r => Value(r, "betrag")));
        Assert.Contains("number(decimal-point)", records[3].Error, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainNumber_AcceptsTheGroupedFormsMoneyAccepts_AndRefusesTheAmbiguousOneSayingBothReadings()
    {
        var records = Read("id;n\r\n1;1,234.50\r\n2;1.234,50\r\n3;1.234.567\r\n4;500,00\r\n5;1,234\r\n", "n:number");

        Assert.Equal<object?>([1234.50m, 1234.50m, 1234567, 500.00m], records.Take(4).Select(static r => Value(r, "n")));
        Assert.Equal(
            "Line 6: column 2 ('n') is declared a number, but '1,234' is not one, which reads as 1234 with ',' grouping thousands and as 1.234 with ',' as the decimal point. Write it without grouping: 1234 or 1.234, or declare the column number(decimal-comma) or number(decimal-point). Fix the value, or declare the column text.",
            records[4].Error);
    }

    [Fact]
    public void Boolean_TakesTheFormsExportsWrite_AndNamesThemWhenRefusing()
    {
        var records = Read("id;news\r\n1;ja\r\n2;WAHR\r\n3;1\r\n4;Nein\r\n5;FALSCH\r\n6;0\r\n7;yes\r\n8;x\r\n", "news:boolean");

        Assert.Equal<object?>([true, true, true, false, false, false, true], records.Take(7).Select(static r => Value(r, "news")));
        Assert.StartsWith("Line 9: column 2 ('news') is declared true or false, but 'x' is not one: a declared boolean is written true/false, yes/no, ja/nein, wahr/falsch or 1/0", records[7].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id;betrag\r\n1;1.234\r\n2;250\r\n3;12.500\r\n", null, "'1.234' (line 2) was read as 1.234, not 1234. ")]
    [InlineData("id;betrag\r\n1;1.234\r\n2;1.234,50\r\n", null, "'1.234' (line 2) was read as 1.234, not 1234, and '1.234,50' (line 3) reads only with a decimal comma. ")]
    [InlineData("id;betrag\r\n1;250\r\n2;1.234\r\n", "betrag:number", "'1.234' (line 3) was read as 1.234, not 1234. ")]
    public async Task AColumnWhoseEveryDotCouldGroupThousands_IsWarnedOfInTheSummary_NamingTheDeclaration(string csv, string? schemaText, string expected)
    {
        var summary = await Run(csv, schemaText);

        var warning = Assert.Single(summary.InputWarnings);
        Assert.Equal(
            "column 'betrag': every value with a '.' has three digits after it, as a thousands group does: " + expected
            + "If the export groups thousands with '.' (a German one does), declare --schema 'betrag:number(decimal-comma)'; if the values are decimals, declare 'betrag:number(decimal-point)' and this warning goes",
            warning);
        Assert.Contains("  warning: " + warning + "\n", summary.ToReport(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(summary.ToJson());
        Assert.Equal(warning, json.RootElement.GetProperty("inputWarnings")[0].GetString());
    }

    [Theory]
    [InlineData("id;betrag\r\n1;1.234\r\n2;1.5\r\n", null)] // '.' with one decimal: a decimal point
    [InlineData("id;gewicht\r\n1;0.250\r\n2;0.125\r\n", null)] // a group never starts with 0
    [InlineData("id;betrag\r\n1;1.234\r\n2;1,234.50\r\n", null)] // ',' groups elsewhere in the column
    [InlineData("id;betrag\r\n1;1.234\r\n", "betrag:number(decimal-point)")]
    [InlineData("id;betrag\r\n1;1.234\r\n", "betrag:number(decimal-comma)")]
    [InlineData("id;betrag\r\n1;1.234\r\n", "betrag:text")]
    [InlineData("1.234;betrag\r\n1.234;1\r\n", null)] // the id column is text as written
    public async Task AColumnWhoseDotIsSettled_IsNotWarnedOf(string csv, string? schemaText)
    {
        var summary = await Run(csv, schemaText);

        Assert.Empty(summary.InputWarnings);
        Assert.Equal("[]", JsonDocument.Parse(summary.ToJson()).RootElement.GetProperty("inputWarnings").GetRawText());
    }

    private static async Task<BatchSummary> Run(string csv, string? schemaText)
    {
        RecipientSchema? schema = null;
        Assert.True(schemaText is null || RecipientSchema.TryParse(schemaText, out schema, out _));
        var catalog = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: c
            modules:
              m: { content: "x" }
            slots:
              hero: { pick: first, from: [m] }
            messages:
              msg:
                body: '{{ slot "hero" }}'
            """);
        var idField = csv.StartsWith("1.234", StringComparison.Ordinal) ? "1.234" : "id";
        var records = RecipientReader.Read(new StringReader(csv), RecipientFormat.Csv, idField, schema);
        var summary = await new BatchRunner(catalog, "msg", new ChannelSettings(BatchChannel.Text), new BatchOptions { Schema = schema })
            .RunAsync(records, new CollectingSink());
        Assert.Equal(0, summary.Rejected);
        return summary;
    }
}
