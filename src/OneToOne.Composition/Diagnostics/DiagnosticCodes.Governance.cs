namespace OneToOne.Composition.Diagnostics;

/// <content>Governance (OTO14xx, found by <c>validate</c>) and analysis findings (OTO15xx, found by <c>analyze</c>, warnings by default).</content>
public static partial class DiagnosticCodes
{
    /// <summary>A locale variant of a module places other slots than the module.</summary>
    public const string LocaleSlotsDiffer = "OTO1401";

    /// <summary>Some reachable recipient could get a message without one of its <c>required:</c> modules.</summary>
    public const string RequiredModuleMissing = "OTO1402";

    /// <summary>
    /// A message's body places a required module's slot only inside an <c>if</c>, a <c>case</c>, a loop or a function
    /// not every recipient goes through, or after a <c>ret</c> some recipients stop at, so rendering rejects a recipient whose decision holds the module but whose
    /// branch is not taken (a warning).
    /// </summary>
    public const string RequiredSlotInBranch = "OTO1403";

    /// <summary>A slot candidate can never be chosen (shadowed by an earlier unconditional candidate, its condition contradicts the ones ahead of it, or a condition ahead of it rejects every recipient it holds for).</summary>
    public const string UnreachableModule = "OTO1501";

    /// <summary>A slot can come out empty for some reachable recipient (no eligible candidate and no fallback).</summary>
    public const string EmptySlot = "OTO1502";

    /// <summary>A module is in no slot's candidates and no fallback, so no message can choose it.</summary>
    public const string UnusedModule = "OTO1503";

    /// <summary>A segment is read by no condition and no template.</summary>
    public const string UnusedSegment = "OTO1504";

    /// <summary>Two candidates of a slot can both be eligible and the order or a priority tie decides: worth a look.</summary>
    public const string OverlappingConditions = "OTO1505";

    /// <summary>A module has no variant for a locale the catalog translates into, so those recipients get the default texts.</summary>
    public const string MissingTranslation = "OTO1506";

    /// <summary>A module or message is not active at the instant the catalog is judged at.</summary>
    public const string Inactive = "OTO1507";

    /// <summary>A slot is placed by no message and no module.</summary>
    public const string UnusedSlot = "OTO1508";

    /// <summary>A message's suppress rules (or its policy) together suppress every recipient, so nobody gets it.</summary>
    public const string SuppressedForEveryone = "OTO1509";

    /// <summary>
    /// A comparison mixes kinds of values in a way the analysis cannot decide: a field compared with a number in one
    /// place and with text in another (Scriban then compares as text, the number written in the recipient's culture), or
    /// a field ordered against true/false (Scriban rejects a recipient whose field is true or false there), or a field
    /// compared with text whose members are read too (Scriban compares an object with text as the object is written).
    /// </summary>
    public const string MixedTypeComparison = "OTO1510";

    /// <summary>
    /// A condition rejects some recipients instead of coming to true or false: it reads a member of a field that may be
    /// missing or null (<c>address.country</c> without <c>address</c>), or compares an object with a number, which
    /// Scriban refuses, so deciding fails for every such recipient.
    /// </summary>
    public const string RejectingCondition = "OTO1511";
}
