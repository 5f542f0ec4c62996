namespace OneToOne.Composition.Cli.Input;

/// <summary>The formats recipients are read from.</summary>
internal enum RecipientFormat
{
    /// <summary>JSON Lines: one JSON object per line.</summary>
    JsonLines,

    /// <summary>CSV with a header row.</summary>
    Csv,
}
