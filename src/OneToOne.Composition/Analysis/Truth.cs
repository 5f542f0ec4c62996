namespace OneToOne.Composition.Analysis;

/// <summary>
/// What evaluating a condition can come to, as a set: true, false, or the recipient rejected (Scriban fails to read a
/// member of a missing field, and to compare an object with a number, and the decider then rejects the recipient).
/// One flag when every field the condition reads is assigned; more while some are not.
/// </summary>
[Flags]
internal enum Truth : byte
{
    /// <summary>Nothing: no evaluation comes to anything (never the result of a formula).</summary>
    None = 0,

    /// <summary>True.</summary>
    True = 1,

    /// <summary>False.</summary>
    False = 2,

    /// <summary>The recipient is rejected: the condition is neither true nor false for it.</summary>
    Rejected = 4,
}
