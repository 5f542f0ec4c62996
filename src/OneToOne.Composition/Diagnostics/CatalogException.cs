namespace OneToOne.Composition.Diagnostics;

/// <summary>Thrown when a catalog has errors; carries every diagnostic, not only the first.</summary>
public sealed class CatalogException : Exception
{
    /// <summary>Initializes a new instance with the diagnostics that prevented compilation.</summary>
    /// <param name="diagnostics">All diagnostics found, errors and warnings.</param>
    public CatalogException(IReadOnlyList<Diagnostic> diagnostics)
        : base(BuildMessage(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Gets every diagnostic found while loading, errors and warnings.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string BuildMessage(IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errors = diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        return $"The catalog has {errors.Count} error(s):{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
    }
}
