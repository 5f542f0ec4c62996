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
}
