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
    public static CultureInfo Get(string name)
    {
        var culture = CultureInfo.GetCultureInfo(name.Replace('_', '-'), predefinedOnly: true);

        // ICU reads a private-use or root tag ("x-private", "x-a-b", "root", and "und") as a culture without a name, and
        // for some of them lacks the number formats: formatting a number in it throws a NullReferenceException. Only the
        // empty name means the invariant culture.
        return culture.Name.Length > 0 || name.Length == 0
            ? culture
            : throw new CultureNotFoundException(nameof(name), name, $"'{name}' names no culture (a private-use or undetermined tag).");
    }
}
