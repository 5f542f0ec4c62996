using System.Globalization;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Watches one CSV column whose decimal mark nobody declared (inferred, or <c>--schema NAME:number</c>) for values that read
/// one way as written and another in a German export: <c>1.234</c> is read as 1.234, '.' alone being a decimal point,
/// but a system that groups thousands with '.' (SAP, Excel in de-DE) wrote 1234. Inference does not change (three
/// decimals are real in weights and rates); when every value with a '.' in the column could be a thousands group, the
/// run's summary warns, naming the column, a line, and the declaration that settles it. A value that reads only with
/// a decimal comma (<c>12,5</c>, <c>1.234,50</c>) is named too: it is evidence of the German reading.
/// </summary>
internal sealed class DecimalMarkCheck(string column)
{
    private (long Line, string Value)? _groupLike;
    private (long Line, string Value)? _commaOnly;
    private bool _pointOnly;

    /// <summary>Looks at one cell as it was read.</summary>
    /// <param name="line">The cell's line.</param>
    /// <param name="cell">The cell as written.</param>
    /// <param name="value">What it was read as.</param>
    public void Observe(long line, string? cell, object? value)
    {
        if (_pointOnly || cell is null || cell.AsSpan().IndexOfAny('.', ',') < 0)
        {
            return;
        }

        // How the cell reads with each mark as the decimal point: "1.234" both ways (1.234 or 1234), "1.5", "0.250",
        // "1234.567" and "1,234.50" only with a point, "12,5", "1.234,50" and "1.234.567" only with a comma.
        var comma = TextNumber.TryParse(cell, ',', out _);
        var point = TextNumber.TryParse(cell, '.', out _);
        if (point && !comma)
        {
            _pointOnly = true;
        }
        else if (comma && !point)
        {
            _commaOnly ??= (line, cell);
        }
        else if (comma && value is int or long or decimal && cell.Contains('.', StringComparison.Ordinal))
        {
            // Read as a number with '.' as its decimal point, though '.' may group thousands here.
            _groupLike ??= (line, cell);
        }
    }

    /// <summary>Gets the warning, when every value with a '.' could be a thousands group; else null.</summary>
    public string? Warning()
    {
        if (_pointOnly || _groupLike is not { } group)
        {
            return null;
        }

        var name = OneLineText.Escape(column);
        var evidence = _commaOnly is { } comma
            ? string.Create(CultureInfo.InvariantCulture, $", and '{OneLineText.Escape(comma.Value)}' (line {comma.Line}) reads only with a decimal comma")
            : string.Empty;
        var grouped = group.Value.Replace(".", string.Empty, StringComparison.Ordinal);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"column '{name}': every value with a '.' has three digits after it, as a thousands group does: '{OneLineText.Escape(group.Value)}' (line {group.Line}) was read as {group.Value}, not {grouped}{evidence}. If the export groups thousands with '.' (a German one does), declare --schema '{name}:number(decimal-comma)'; if the values are decimals, declare '{name}:number(decimal-point)' and this warning goes");
    }
}
