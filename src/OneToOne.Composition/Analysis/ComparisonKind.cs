namespace OneToOne.Composition.Analysis;

/// <summary>What a field is compared with, as far as deciding the comparison depends on it.</summary>
internal enum ComparisonKind
{
    /// <summary>A number (<c>age &gt; 3</c>).</summary>
    Number,

    /// <summary>Text (<c>age == "5"</c>).</summary>
    Text,

    /// <summary>True or false by order (<c>vip &lt; true</c>): Scriban rejects the recipient when the field is true or false too.</summary>
    BooleanOrder,
}
