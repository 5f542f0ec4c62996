namespace OneToOne.Composition.Diagnostics;

/// <summary>Collects diagnostics while a catalog is loaded, so that all problems are reported at once.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public bool HasErrors { get; private set; }

    /// <summary>How many diagnostics have been reported.</summary>
    public int Count => _items.Count;

    /// <summary>
    /// Whether a catalog file could not be read (its YAML is not well-formed, or the file cannot be opened): the ids it
    /// defines are unknown, so a reference to an id that is not defined may name one of them (see <see cref="Undefined"/>).
    /// </summary>
    public bool IdsUnknown { get; set; }

    /// <summary>
    /// Reports a reference to an id (a module, segment, slot, experiment or message) that is not defined, unless a file
    /// that could not be read may define it: that file's own error is the one to fix, and one "not defined" for every
    /// use of every id it holds would bury it (an indentation slip in modules.yaml made every module undefined).
    /// </summary>
    public void Undefined(string code, SourceLocation location, string message)
    {
        if (IdsUnknown)
        {
            HasErrors = true;
            return;
        }

        Error(code, location, message);
    }

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
