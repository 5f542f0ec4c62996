using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// A loop over a recipient value that is not a list fails the recipient naming the value and its kind, whatever the
/// data's form; a loop's own object read outside the loop says so.
/// </summary>
public sealed class LoopErrorTests
{
    public static TheoryData<bool, string> Objects => new()
    {
        { true, "json" }, { false, "json" }, { true, "poco" }, { false, "poco" },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void LoopOverAnObject_SaysItIsAnObject_AndHowToReadIt(bool compiled, string form)
    {
        var catalog = TestCatalogs.LoadBody(compiled, "{{ for x in address }}[{{ x }}]{{ end }}");
        var recipient = form == "json"
            ? TestCatalogs.Json("""{"id":"r1","address":{"city":"Bonn"}}""")
            : TestCatalogs.Person(("id", "r1"), ("address", new Address()));

        var error = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(recipient, "m"), Channel.Text));

        Assert.Equal(
            "Recipient 'r1', message 'm' at catalog.yaml(5,19): 'address' is an object, not a list, and a loop goes over a list (or text, one character at a time). Read its members by name ('address.NAME'), or loop over a list.",
            error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LoopOverANumber_SaysItIsANumber(bool compiled)
    {
        var catalog = TestCatalogs.LoadBody(compiled, "{{ for x in iq }}[{{ x }}]{{ end }}");

        var error = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(TestCatalogs.Json("""{"id":"r1","iq":97}"""), "m"), Channel.Text));

        Assert.Contains("'iq' is a number, not a list, and a loop goes over a list (or text, one character at a time). Correct the recipient data, or loop over a list.", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The kind named is the looped value's own, not that of a recipient field of the same name: a loop variable, a
    /// function's parameter or a member 'with' reads can be named like one (it said "'address' is an object" for the
    /// number 1, and "'address' is a list, not a list").
    /// </summary>
    [Theory]
    [InlineData(true, "{{ for address in nums }}{{ for y in address }}{{ y }}{{ end }}{{ end }}", "'address' is a number, not a list")]
    [InlineData(false, "{{ for address in nums }}{{ for y in address }}{{ y }}{{ end }}{{ end }}", "'address' is a number, not a list")]
    [InlineData(true, "{{ with person }}{{ for y in nums }}{{ y }}{{ end }}{{ end }}", "'nums' is an object, not a list")]
    [InlineData(false, "{{ with person }}{{ for y in nums }}{{ y }}{{ end }}{{ end }}", "'nums' is an object, not a list")]
    [InlineData(true, "{{ func f(nums) }}{{ for y in nums }}{{ y }}{{ end }}{{ end }}{{ f address }}", "'nums' is an object, not a list")]
    [InlineData(false, "{{ func f(nums) }}{{ for y in nums }}{{ y }}{{ end }}{{ end }}{{ f address }}", "'nums' is an object, not a list")]
    [InlineData(true, "{{ nums = true }}{{ for y in nums }}{{ y }}{{ end }}", "'nums' is true or false, not a list")]
    [InlineData(false, "{{ nums = true }}{{ for y in nums }}{{ y }}{{ end }}", "'nums' is true or false, not a list")]
    public void LoopOverAValueNamedLikeARecipientField_SaysTheKindOfTheValueLoopedOver(bool compiled, string body, string expected)
    {
        var catalog = TestCatalogs.LoadBody(compiled, body);
        var recipient = TestCatalogs.Json("""{"id":"r1","address":{"city":"Bonn"},"nums":[1,2],"person":{"nums":{"a":1}}}""");

        var error = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(recipient, "m"), Channel.Text));

        Assert.Contains(expected + ", and a loop goes over a list", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LoopIndexOutsideALoop_SaysToMoveItIntoTheLoop(bool compiled)
    {
        var catalog = TestCatalogs.LoadBody(compiled, "{{ for x in [1, 2] }}{{ x }}{{ end }} {{ for.index }}");

        var error = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(TestCatalogs.Json("""{"id":"r1"}"""), "m"), Channel.Text));

        Assert.EndsWith("'for.index' is read outside a 'for' loop, and 'for' (the loop's index, first, last…) exists only inside one. Move it into the loop.", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A recipient's nested .NET object.</summary>
    public sealed class Address
    {
        /// <summary>Gets the city.</summary>
        public string City { get; } = "Bonn";
    }
}
