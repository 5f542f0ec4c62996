namespace OneToOne.Composition.Diagnostics;

/// <summary>Collects diagnostics while a catalog is loaded, so that all problems are reported at once.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public bool HasErrors { get; private set; }

    public void Error(string code, SourceLocation location, string message)
    {
        HasErrors = true;
        _items.Add(new Diagnostic(DiagnosticSeverity.Error, code, message, location));
    }

    public void Warning(string code, SourceLocation location, string message) =>
        _items.Add(new Diagnostic(DiagnosticSeverity.Warning, code, message, location));

    /// <summary>Returns the diagnostics in file, line and column order, errors and warnings interleaved.</summary>
    public IReadOnlyList<Diagnostic> ToSortedList() =>
        [.. _items.OrderBy(static d => d.Location.File, StringComparer.Ordinal)
            .ThenBy(static d => d.Location.Line)
            .ThenBy(static d => d.Location.Column)];
}
