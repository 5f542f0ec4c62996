namespace OneToOne.Composition.Batch;

/// <summary>The formats recipients are read from.</summary>
public enum RecipientFormat
{
    /// <summary>JSON Lines: one JSON object per line.</summary>
    JsonLines,

    /// <summary>CSV with a header row.</summary>
    Csv,
}
