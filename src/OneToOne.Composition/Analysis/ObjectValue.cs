namespace OneToOne.Composition.Analysis;

/// <summary>
/// The value of a field (or member) that holds an object, a dictionary or JSON object, as the analysis models it: its
/// members are the values of the member paths below it (<c>address.country</c>), each a variable of its own. Scriban
/// reads an object as true and as equal to <c>true</c>, orders it with nothing (not even null), fails comparing it with
/// a number (the recipient is rejected), and compares it with text by the way the object is written, which depends on where the data
/// came from (so such comparisons are never decided).
/// </summary>
internal sealed class ObjectValue
{
    /// <summary>The one object value: which members it has is told by the member paths' values.</summary>
    public static readonly ObjectValue Instance = new();

    private ObjectValue()
    {
    }

    /// <inheritdoc/>
    public override string ToString() => "an object";
}
