namespace OneToOne.Composition.Print.Text;

/// <summary>The bidirectional character types of the Unicode Bidirectional Algorithm (UAX #9) that the layout meets.</summary>
internal enum BidiClass : byte
{
    /// <summary>Left-to-right: Latin, Greek, Cyrillic, Devanagari and most other letters.</summary>
    L,

    /// <summary>Right-to-left: Hebrew and the other right-to-left scripts except Arabic's.</summary>
    R,

    /// <summary>Arabic letter: Arabic, Syriac, Thaana and the like.</summary>
    AL,

    /// <summary>European number: ASCII digits and their superscript, subscript and full-width forms.</summary>
    EN,

    /// <summary>European separator: plus and minus signs.</summary>
    ES,

    /// <summary>European number terminator: currency, degree, percent and number signs.</summary>
    ET,

    /// <summary>Arabic number: Arabic-Indic digits and the Arabic number signs.</summary>
    AN,

    /// <summary>Common number separator: comma, full stop, slash, colon, no-break space.</summary>
    CS,

    /// <summary>Non-spacing mark: a combining mark, which takes the type of the character before it.</summary>
    NSM,

    /// <summary>Boundary neutral: controls and format characters that draw nothing (zero-width space, joiners).</summary>
    BN,

    /// <summary>Paragraph separator.</summary>
    B,

    /// <summary>Segment separator: tab.</summary>
    S,

    /// <summary>White space.</summary>
    WS,

    /// <summary>Other neutral: punctuation and symbols.</summary>
    ON,
}
