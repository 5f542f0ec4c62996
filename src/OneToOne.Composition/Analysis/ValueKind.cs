namespace OneToOne.Composition.Analysis;

/// <summary>The kind of value a recipient field holds, as the catalog's use of it tells.</summary>
internal enum ValueKind
{
    /// <summary>Text, or nothing tells.</summary>
    Text,

    /// <summary>A number: formatted as one (<c>math.format</c>, <c>number</c>, <c>money</c>), in arithmetic, a range, or compared with one.</summary>
    Number,

    /// <summary>A date: given to a <c>date</c> function (<c>date.local</c>, <c>date.to_string</c>, …) other than <c>date.parse</c>.</summary>
    Date,

    /// <summary>True or false: compared with <c>true</c> or <c>false</c>.</summary>
    Boolean,
}
