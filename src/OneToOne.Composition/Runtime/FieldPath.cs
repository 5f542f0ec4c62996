using OneToOne.Composition.Recipients;
using Scriban;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// Reads a field a catalog names outside a template (<c>preferred-channel</c>, <c>opted-out-topics</c>, an email's
/// <c>to-field</c>): the recipient's field of that name, else a member path such as <c>prefs.channel</c>, read as a
/// condition reads it.
/// </summary>
internal static class FieldPath
{
    /// <summary>Reads the field, or the member the path leads to; false when the recipient has neither.</summary>
    public static bool TryRead(TemplateContext context, Recipient recipient, string field, out object? value)
    {
        if (recipient.TryGetValue(field, out value))
        {
            return true;
        }

        var path = field.Split('.');
        if (path.Length < 2 || !recipient.TryGetValue(path[0], out value))
        {
            value = null;
            return false;
        }

        for (var i = 1; i < path.Length; i++)
        {
            if (!MemberReader.TryReadOfObject(context, value, path[i], out value))
            {
                return false;
            }
        }

        return true;
    }
}
