namespace OneToOne.Composition.Batch;

/// <summary>The type a <see cref="RecipientSchema"/> declares for a recipient field.</summary>
public enum FieldType
{
    /// <summary>Text. In CSV the cell is taken as it stands (codes and postcodes keep their leading zeros).</summary>
    Text,

    /// <summary>A number. In CSV: invariant culture, optional minus sign and decimal dot (<c>-12.50</c>).</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c> (in CSV, in any case).</summary>
    Boolean,

    /// <summary>An ISO 8601 date (<c>2026-11-23</c>) or date and time (with or without an offset), year-month-day only; in CSV the cell is kept as written.</summary>
    Date,
}
