using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition;

/// <summary>A definition of a catalog, named by kind and id, with where it is written.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Id">Its id.</param>
/// <param name="Location">Where it is defined.</param>
public sealed record CatalogItem(CatalogItemKind Kind, string Id, SourceLocation Location);

/// <summary>The kinds of catalog definitions.</summary>
public enum CatalogItemKind
{
    /// <summary>A message.</summary>
    Message,

    /// <summary>A content module.</summary>
    Module,

    /// <summary>A slot.</summary>
    Slot,

    /// <summary>A segment.</summary>
    Segment,
}
