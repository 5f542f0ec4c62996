namespace OneToOne.Composition.Batch;

/// <summary>The type a <see cref="RecipientSchema"/> declares for a recipient field.</summary>
public enum FieldType
{
    /// <summary>Text. In CSV the cell is taken as it stands (codes and postcodes keep their leading zeros).</summary>
    Text,

    /// <summary>
    /// A number. In CSV: <c>-12.50</c>, or grouped in threes with the other mark as the decimal point (<c>1,234.50</c>,
    /// <c>1.234,50</c>), as <c>money</c> reads text; <c>1,234</c>, which reads two ways, is refused, and <c>1.234</c> is
    /// 1.234 unless the schema declares the column <c>number(decimal-comma)</c> (then 1234).
    /// </summary>
    Number,

    /// <summary><c>true</c> or <c>false</c> (in CSV, in any case, or as <c>yes</c>/<c>no</c>, <c>ja</c>/<c>nein</c>, <c>wahr</c>/<c>falsch</c>, <c>1</c>/<c>0</c>).</summary>
    Boolean,

    /// <summary>
    /// An ISO 8601 date (<c>2026-11-23</c>) or date and time (with or without an offset), year-month-day; in CSV the cell is
    /// kept as written, and day.month.year as German exports write it (<c>23.11.2026</c>, <c>23.11.2026 18:30</c>) is
    /// given as ISO 8601. <c>1/2/2026</c> reads as two days and is refused.
    /// </summary>
    Date,
}
