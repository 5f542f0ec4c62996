using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition;

/// <summary>What a <see cref="CatalogMonitor"/> reload found: a new catalog, or the errors that kept the last good one.</summary>
public sealed class CatalogReloadedEventArgs : EventArgs
{
    internal CatalogReloadedEventArgs(Catalog catalog, IReadOnlyList<Diagnostic> diagnostics, bool succeeded)
    {
        Catalog = catalog;
        Diagnostics = diagnostics;
        Succeeded = succeeded;
    }

    /// <summary>Gets the catalog now current: the new one, or the last good one when the files did not compile.</summary>
    public Catalog Catalog { get; }

    /// <summary>Gets every diagnostic of the load, errors and warnings, in file, line and column order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>Gets whether the files compiled, so <see cref="Catalog"/> is the files as they are.</summary>
    public bool Succeeded { get; }
}
