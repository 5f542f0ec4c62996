using System.Globalization;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// Reads a culture name the way people write it, wherever a locale is read (the catalog's, a variant's, a recipient's):
/// <c>de_AT</c> and <c>DE-at</c> are <c>de-AT</c>. Without this, ICU accepts <c>de_AT</c> as a culture of its own,
/// <c>de_at</c>, whose parent is <c>de</c>, so the <c>de-AT</c> variant was silently skipped.
/// </summary>
internal static class CultureNames
{
    /// <summary>Gets the predefined culture a name stands for, with <c>_</c> read as <c>-</c>.</summary>
    /// <param name="name">The name as written.</param>
    /// <returns>The culture; its <see cref="CultureInfo.Name"/> is the canonical spelling.</returns>
    /// <exception cref="CultureNotFoundException">No predefined culture has that name.</exception>
    public static CultureInfo Get(string name) => CultureInfo.GetCultureInfo(name.Replace('_', '-'), predefinedOnly: true);
}
