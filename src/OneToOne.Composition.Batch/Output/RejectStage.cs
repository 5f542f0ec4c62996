namespace OneToOne.Composition.Batch;

/// <summary>Where in the pipeline a rejected record failed.</summary>
public enum RejectStage
{
    /// <summary>The record could not be read (malformed JSON or CSV, a value that does not fit the declared schema).</summary>
    Read,

    /// <summary>The message could not be decided (a condition failed on the recipient's data).</summary>
    Decide,

    /// <summary>The decided message could not be rendered (a template error, an email without address, a PDF glyph missing).</summary>
    Render,

    /// <summary>A sink refused the record (<see cref="MessageRejectedException"/>), such as a merged PDF that cannot take it.</summary>
    Write,
}
