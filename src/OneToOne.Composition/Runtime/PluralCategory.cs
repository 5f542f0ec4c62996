namespace OneToOne.Composition.Runtime;

/// <summary>CLDR's cardinal plural categories: which form of a word a number takes in a language.</summary>
internal enum PluralCategory
{
    /// <summary>CLDR's <c>zero</c> (Arabic 0, Latvian 0 and 10–20).</summary>
    Zero,

    /// <summary>CLDR's <c>one</c> (English 1, French 0 and 1, Russian 1, 21, 31, …).</summary>
    One,

    /// <summary>CLDR's <c>two</c> (Arabic, Hebrew and Slovenian 2).</summary>
    Two,

    /// <summary>CLDR's <c>few</c> (Polish, Czech, Russian 2–4; Arabic 3–10).</summary>
    Few,

    /// <summary>CLDR's <c>many</c> (Polish and Russian 5–20; Czech decimals; French a million).</summary>
    Many,

    /// <summary>CLDR's <c>other</c>: every language has it.</summary>
    Other,
}
