using System.Text;

namespace OneToOne.Composition;

/// <summary>The forms one recipient id may be written in: for telling duplicates apart, and for reading and erasing a recipient's contacts whichever way an export wrote the id.</summary>
internal static class IdForms
{
    /// <summary>The id in Unicode's composed form (NFC) when that differs from it; null when it is composed already or is no valid Unicode text (a lone surrogate, which JSON can write as an escape).</summary>
    public static string? Composed(string id)
    {
        try
        {
            // IsNormalized answers an ASCII id without looking further.
            return id.IsNormalized(NormalizationForm.FormC) ? null : id.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// The id as given and as Unicode's composed (NFC) and decomposed (NFD) forms write it, once each: contacts are kept
    /// under the id as a run read it, and one export writes <c>José</c> with <c>é</c> where another (made on macOS) writes
    /// <c>e</c> + U+0301, so an erasure request typed either way must reach both. An id that is no valid Unicode text
    /// (a lone surrogate) has no other form.
    /// </summary>
    public static IEnumerable<string> Written(string id)
    {
        yield return id;
        string composed, decomposed;
        try
        {
            composed = id.Normalize(NormalizationForm.FormC);
            decomposed = id.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            yield break;
        }

        if (!string.Equals(composed, id, StringComparison.Ordinal))
        {
            yield return composed;
        }

        if (!string.Equals(decomposed, id, StringComparison.Ordinal) && !string.Equals(decomposed, composed, StringComparison.Ordinal))
        {
            yield return decomposed;
        }
    }
}
