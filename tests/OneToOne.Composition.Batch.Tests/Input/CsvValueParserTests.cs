using OneToOne.Composition.Batch;

namespace OneToOne.Composition.Batch.Tests.Input;

public sealed class CsvValueParserTests
{
    public static TheoryData<string?, object?> Cells => new()
    {
        { null, null },
        { "", null },
        { "true", true },
        { "FALSE", false },
        { "0", 0 },
        { "42", 42 },
        { "-7", -7 },
        { "3000000000", 3000000000L },
        { "12.50", 12.50m },
        { "-0.5", -0.5m },
        { "99999999999999999999", 99999999999999999999m },
        { "79228162514264337593543950335", decimal.MaxValue },
        { "-123456789012345678901234567890123456789012345678901234567890", System.Numerics.BigInteger.Parse("-123456789012345678901234567890123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture) },
        { new string('1', 1001), new string('1', 1001) },
        { "-" + new string('1', 1000), System.Numerics.BigInteger.Parse("-" + new string('1', 1000), System.Globalization.CultureInfo.InvariantCulture) },
        { "1.500000000000000000000000000000", 1.5m },
        { "-1234567890123456789012345678.15", "-1234567890123456789012345678.15" },
        { "00123", "00123" },
        { "+4930123", "+4930123" },
        { "1,000", "1,000" },
        { "1e5", "1e5" },
        { " 42", " 42" },
        { "12.", "12." },
        { ".5", ".5" },
        { "truely", "truely" },
        { "c001", "c001" },
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public void Parse_InfersTheType(string? cell, object? expected)
    {
        var value = CsvValueParser.Parse(cell);

        Assert.Equal(expected, value);
        Assert.Equal(expected?.GetType(), value?.GetType());
    }
}
