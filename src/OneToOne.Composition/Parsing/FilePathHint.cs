namespace OneToOne.Composition.Parsing;

/// <summary>
/// For a file a catalog names that is not there: the file that is, when the path was written as Windows and macOS find
/// it and Linux does not — with <c>\</c> between folders (<c>Images\Logo.png</c>) or in another case than the file's
/// (<c>images/logo.png</c> for <c>Images/Logo.png</c>). A catalog written on a marketer's laptop loads there and failed
/// on the Linux server with only "does not exist".
/// </summary>
internal static class FilePathHint
{
    /// <summary>
    /// Returns a sentence to add to the "does not exist" message, naming the file found (relative to
    /// <paramref name="folder"/>, with <c>/</c>), or an empty string when there is none or it lies outside the folder.
    /// </summary>
    /// <param name="folder">The catalog file's folder, which relative paths start from.</param>
    /// <param name="written">The path as the catalog writes it.</param>
    public static string For(string folder, string written)
    {
        try
        {
            if (Path.IsPathRooted(written) || written.StartsWith('\\'))
            {
                return string.Empty;
            }

            var parts = written.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries);
            var current = folder;
            var found = new List<string>(parts.Length);
            for (var i = 0; i < parts.Length; i++)
            {
                var part = parts[i];
                if (part == ".")
                {
                    continue;
                }

                // Up and out of the folder is not followed: a hint never names a file the catalog may not read.
                var last = i == parts.Length - 1;
                if (part == ".." || Match(current, part, last) is not { } name)
                {
                    return string.Empty;
                }

                found.Add(name);
                current = Path.Combine(current, name);
            }

            var suggestion = string.Join('/', found);
            if (found.Count == 0 || suggestion == written || FileType.IsOutside(folder, current))
            {
                return string.Empty;
            }

            var why = written.Contains('\\', StringComparison.Ordinal)
                ? "Write '/' between folders: it works on Windows, macOS and Linux alike, where '\\' is part of a file's name."
                : "File names differ by case here (Linux), unlike on Windows and macOS: write the name as the file has it.";
            return $" Did you mean '{suggestion}'? {why}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return string.Empty;
        }
    }

    /// <summary>
    /// The entry of <paramref name="folder"/> named <paramref name="part"/>, or else one named so but for case (the first in
    /// ordinal order), or null: its name as the folder lists it, which a case-insensitive file system would not give back.
    /// </summary>
    private static string? Match(string folder, string part, bool file)
    {
        var names = Directory.EnumerateFileSystemEntries(folder)
            .Select(static path => Path.GetFileName(path))
            .Where(name => string.Equals(name, part, StringComparison.OrdinalIgnoreCase)
                && (file ? File.Exists(Path.Combine(folder, name)) : Directory.Exists(Path.Combine(folder, name))))
            .Order(StringComparer.Ordinal)
            .ToList();
        return names.Contains(part, StringComparer.Ordinal) ? part : names.FirstOrDefault();
    }
}
