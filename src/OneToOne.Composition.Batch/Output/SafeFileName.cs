using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Batch;

/// <summary>
/// Turns a recipient id into a file name that stays inside the output folder: letters, digits and
/// <c>- _ . @ +</c> are kept, anything else (path separators included) becomes <c>_</c>, runs of dots
/// collapse, no name starts or ends with a dot or an underscore, and reserved device names are prefixed.
/// </summary>
internal static class SafeFileName
{
    private const int MaxLength = 100;

    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>Makes the base name (no extension) for a record.</summary>
    /// <param name="id">The recipient id, or null.</param>
    /// <param name="recordNumber">The record number, used when the id leaves nothing usable.</param>
    /// <returns>A safe, non-empty base name.</returns>
    public static string For(string? id, long recordNumber)
    {
        var builder = new StringBuilder(Math.Min(id?.Length ?? 0, MaxLength));
        foreach (var c in id ?? string.Empty)
        {
            if (builder.Length == MaxLength)
            {
                break;
            }

            var safe = char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or '+' ? c : '_';
            if (safe == '.' && builder.Length > 0 && builder[^1] == '.')
            {
                continue;
            }

            builder.Append(safe);
        }

        var name = builder.ToString().Trim('.', '_', ' ');
        if (name.Length == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"record-{recordNumber}");
        }

        return ReservedNames.Contains(name.Split('.')[0]) ? "_" + name : name;
    }
}
