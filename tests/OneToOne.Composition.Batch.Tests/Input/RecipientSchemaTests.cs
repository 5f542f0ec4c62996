namespace OneToOne.Composition.Batch.Tests.Input;

public sealed class RecipientSchemaTests
{
    [Theory]
    [InlineData("iq:number!!")]
    [InlineData("first_name:text!!!")]
    public void TryParse_MoreThanOneExclamationMark_IsNotASchemaField(string text)
    {
        Assert.False(RecipientSchema.TryParse(text, out var schema, out var error));

        Assert.Null(schema);
        Assert.Equal($"'{text}' is not a schema field. Write NAME:TYPE with TYPE text, number, number(decimal-comma), number(decimal-point), boolean or date, and ! for a required field, such as first_name:text!,iq:number,amount:number(decimal-comma).", error);
    }

    [Fact]
    public async Task New_AFieldTypeThatIsNoneOfFieldTypes_IsRefused_NotEveryRecordRejectedAsNotText()
    {
        // A type cast from configuration (an int read from a settings file) was accepted; it fitted no value, so every
        // record with the field was rejected at read, told the field "must be text".
        var error = Assert.Throws<ArgumentException>(() => new RecipientSchema([("id", FieldType.Text, true), ("iq", (FieldType)9, false)]));
        var unnamed = Assert.Throws<ArgumentException>(() => new RecipientSchema([(null!, FieldType.Text, true)]));

        Assert.Equal("fields", error.ParamName);
        Assert.StartsWith("The schema's field 'iq' has the type 9, which is none of FieldType.Text, Number, Boolean and Date.", error.Message, StringComparison.Ordinal);
        Assert.Equal("fields", unnamed.ParamName);
        Assert.IsNotType<ArgumentNullException>(unnamed);

        var schema = new RecipientSchema(Enum.GetValues<FieldType>().Select(static t => (t.ToString().ToLowerInvariant(), t, false)));
        var runner = new BatchRunner(TestCampaign.Catalog, "monthly", new ChannelSettings(BatchChannel.Text), new BatchOptions { Schema = schema });
        var summary = await runner.RunAsync(TestCampaign.Records("{\"id\":\"r1\",\"first_name\":\"Ann\",\"iq\":120,\"text\":\"t\",\"number\":1,\"boolean\":true,\"date\":\"2026-12-07\"}\n"), new JsonLinesSink(TextWriter.Null));
        Assert.Equal(1, summary.Rendered);
    }
}
