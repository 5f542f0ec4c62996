using System.Globalization;

namespace OneToOne.Composition.Testing;

/// <summary>
/// One change to a catalog's text. The numbers pick the place and the replacement; each is taken modulo what there
/// is to pick from when the mutation is applied, so any numbers make a valid mutation of any catalog.
/// </summary>
/// <param name="Kind">What the mutation does.</param>
/// <param name="File">Which file, modulo the number of files.</param>
/// <param name="Line">Which line (or key line, or reference), modulo how many there are.</param>
/// <param name="Choice">Which replacement from the kind's palette.</param>
/// <param name="Extra">A second choice: a column, another line, whether to keep a block's text.</param>
internal sealed record CatalogMutation(MutationKind Kind, int File, int Line, int Choice, int Extra)
{
    /// <summary>Writes the mutation as <c>Kind(file, line, choice, extra)</c>, which is all it takes to apply it again.</summary>
    /// <returns>The mutation in one short line.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Kind}({File}, {Line}, {Choice}, {Extra})");
}
