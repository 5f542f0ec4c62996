using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Batch;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Batch.Tests.Input;

/// <summary>
/// A number in recipient data prints as it was written, whether it came as a CSV cell or a JSON Lines number, and a
/// record keeps one id, so one shard, whichever format it came in.
/// </summary>
public sealed class NumberFidelityProperties
{
    private static readonly Catalog Print = new CatalogLoader(TestOptions.Untimed).Parse("""
        catalog: t
        messages:
          m: { body: "{{ n }}" }
        """);

    /// <summary>An integer or plain decimal as a CSV export and a JSON writer both write it: up to 80 digits, no leading zero, trailing zeros kept.</summary>
    private static Gen<string> Numbers() =>
        from sign in Gen.Elements("", "-")
        from first in Gen.Choose(1, 9)
        from rest in Gen.Elements('0', '1', '5', '9').ArrayOf()
        from more in Gen.Choose(0, 80)
        from fraction in Gen.Elements("", ".5", ".50", ".05", ".1", ".00")
        select sign + first + new string([.. rest.Take(more)]) + fraction;

    [Property(MaxTest = 300)]
    public Property ANumber_PrintsAsWritten_AndIdsAndShardsAgree_FromCsvAndJsonLines() =>
        Prop.ForAll(Arb.From(Numbers()), written =>
        {
            var csv = Read("id,n\n" + written + "," + written + "\n", RecipientFormat.Csv);
            var json = Read("{\"id\":" + written + ",\"n\":" + written + "}\n", RecipientFormat.JsonLines);
            var quoted = Read("{\"id\":\"" + written + "\",\"n\":" + written + "}\n", RecipientFormat.JsonLines);

            Assert.Equal(Printed(written) + "\n", Body(csv));
            Assert.Equal(Printed(written) + "\n", Body(json));
            Assert.Equal(written, csv.Id);
            Assert.Equal(written, json.Id);
            Assert.Equal(written, quoted.Id);
            Assert.Equal(Shard.IndexOf(csv.Id, 7), Shard.IndexOf(json.Id, 7));
        });

    /// <summary>
    /// What a number prints as: as written, except that a decimal padded with zeros past what <see cref="decimal"/> holds
    /// (<c>…110.00</c> with 28 digits before the point) is that decimal, which keeps every digit but not every trailing
    /// zero; a literal that would lose a digit stays as written.
    /// </summary>
    private static string Printed(string written) =>
        written.Contains('.') && decimal.TryParse(written, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value.ToString(System.Globalization.CultureInfo.InvariantCulture) is var held
            && WithoutFractionZeros(held) == WithoutFractionZeros(written)
            ? held
            : written;

    private static string WithoutFractionZeros(string number) => number.Contains('.') ? number.TrimEnd('0').TrimEnd('.') : number;

    private static Recipient Read(string input, RecipientFormat format) =>
        RecipientReader.Read(new StringReader(input), format, "id").Single().Recipient!;

    private static string Body(Recipient recipient) => Print.Render(Print.Decide(recipient, "m"), Channel.Text).Body;
}
