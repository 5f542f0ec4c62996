namespace OneToOne.Composition.Print;

/// <summary>A paper size for print output.</summary>
public enum PrintPageSize
{
    /// <summary>ISO A4, 210 × 297 mm (595.28 × 841.89 points).</summary>
    A4,

    /// <summary>US Letter, 8.5 × 11 in (612 × 792 points).</summary>
    Letter,
}
