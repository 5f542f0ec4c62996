using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace OneToOne.Composition.Tests.Properties;

/// <summary>An amount a spreadsheet writes grouped, in en-US or de-DE, reads back as the amount it is.</summary>
public sealed class TextNumberProperties
{
    private static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("en-US"), CultureInfo.GetCultureInfo("de-DE")];

    [Property(MaxTest = 3000)]
    public Property AGroupedAmount_WithTheOtherMarkAsDecimalPoint_ReadsBackAsItsValue() =>
        Prop.ForAll(
            // Amounts of every size, 0 to 21 million with cents and 0 to 2 billion without, of either sign.
            Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(-9, 9), static (n, k) => Math.Round(n / (decimal)Math.Pow(10, Math.Abs(k)), 2) * (k < 0 ? -1 : 1)).ToArbitrary(),
            Gen.Elements(Cultures).ToArbitrary(),
            Gen.Elements("N2", "#,0.##", "N0").ToArbitrary(),
            static (amount, culture, format) =>
            {
                var text = amount.ToString(format, culture);
                var expected = decimal.Parse(text, NumberStyles.Number, culture);

                // One group mark and no decimals ("1,234" or "1.234") reads two ways: en-US's comma is refused, saying
                // so; de-DE's dot is a decimal point, as '.' alone always is. Every other form reads as its value.
                var oneGroup = decimal.IsInteger(expected) && Math.Abs(expected) is >= 1_000 and < 1_000_000 && format != "N2";
                var read = TextNumber.TryParse(text, out var value, out var ambiguity);
                return !oneGroup ? read && value == expected
                    : culture.Name == "en-US" ? !read && ambiguity is not null
                    : read && value == expected / 1_000;
            });

    [Property(MaxTest = 3000)]
    public Property AnAmountWrittenInACulture_ReadsBackAsItsValue_ByThatCulturesDecimalMark() =>
        Prop.ForAll(
            Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(-9, 9), static (n, k) => Math.Round(n / (decimal)Math.Pow(10, Math.Abs(k)), 3) * (k < 0 ? -1 : 1)).ToArbitrary(),
            Gen.Elements(Cultures).ToArbitrary(),
            Gen.Elements("N2", "#,0.###", "N0", "0.###").ToArbitrary(),
            static (amount, culture, format) =>
            {
                var text = amount.ToString(format, culture);
                var expected = decimal.Parse(text, NumberStyles.Number, culture);
                var mark = culture.NumberFormat.NumberDecimalSeparator[0];
                var other = mark == ',' ? '.' : ',';

                // Declared, the culture's own mark reads every form as its value ("1.234" in de-DE is 1234), and the
                // other mark reads none that has a decimal part ("12,5" is no number of an en-US export) but the one
                // form that is both: one mark and three digits, en-US's 1.234 read as de-DE's 1234.
                var ownReading = TextNumber.TryParse(text, mark, out var value) && value == expected;
                var otherRefuses = decimal.IsInteger(expected) || !TextNumber.TryParse(text, other, out var misread) || misread == expected * 1000;
                return ownReading && otherRefuses;
            });

    /// <summary>Cultures that group thousands with a space or an apostrophe: fr-FR a narrow no-break space, nb-NO and sv-SE a no-break space, de-CH ’.</summary>
    private static readonly CultureInfo[] SpaceGroupingCultures = [.. new[] { "fr-FR", "nb-NO", "sv-SE", "de-CH" }.Select(CultureInfo.GetCultureInfo)];

    /// <summary>"1 234,50" from a French export was no number (the recipient rejected at 'money'), though it reads one way only.</summary>
    [Property(MaxTest = 3000)]
    public Property AnAmountGroupedByASpaceOrAnApostrophe_ReadsBackAsItsValue_DeclaredOrNot() =>
        Prop.ForAll(
            Gen.Choose(0, int.MaxValue).Zip(Gen.Choose(-9, 9), static (n, k) => Math.Round(n / (decimal)Math.Pow(10, Math.Abs(k)), 2) * (k < 0 ? -1 : 1)).ToArbitrary(),
            Gen.Elements(SpaceGroupingCultures).ToArbitrary(),
            Gen.Elements("N2", "#,0.##", "N0").ToArbitrary(),
            static (amount, culture, format) =>
            {
                var text = amount.ToString(format, culture);
                var expected = decimal.Parse(text, NumberStyles.Number, culture);
                var mark = culture.NumberFormat.NumberDecimalSeparator[0];
                var grouped = Math.Abs(expected) >= 1_000;
                var groupMark = culture.NumberFormat.NumberGroupSeparator[0];

                // The culture's own group mark is a space or an apostrophe (so the property tests what it claims to), and
                // either reader gives the amount back.
                return (!grouped || (text.Contains(groupMark, StringComparison.Ordinal) && groupMark is ' ' or '\u00A0' or '\u202F' or '\u2019'))
                    && TextNumber.TryParse(text, out var value, out _) && value == expected
                    && TextNumber.TryParse(text, mark, out var declared) && declared == expected;
            }).Label("amount as the culture writes it");

    [Theory]
    [InlineData("1 234,50", "1234.50")]
    [InlineData("-1\u202F234\u202F567", "-1234567")]
    [InlineData("1'234.5", "1234.5")]
    [InlineData("12 345", "12345")]
    public void ASpaceGroupedAmount_ReadsAsItsValue(string text, string expected)
    {
        Assert.True(TextNumber.TryParse(text, out var value, out _));
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("1 23")]
    [InlineData("1 234.567,5")]
    [InlineData("1 234\u00A0567")]
    [InlineData("12 5")]
    [InlineData("1 234,5,6")]
    public void ASpaceThatGroupsNoThousands_IsNoNumber(string text) => Assert.False(TextNumber.TryParse(text, out _, out _));
}
