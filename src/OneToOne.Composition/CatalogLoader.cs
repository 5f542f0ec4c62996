using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;
using OneToOne.Composition.Rendering;
using OneToOne.Composition.Runtime;

namespace OneToOne.Composition;

/// <summary>
/// Loads a catalog from one YAML file, a folder of <c>*.yaml</c> files, or text; validates it as a whole
/// and compiles it into an immutable <see cref="Catalog"/>. Reports every problem at once.
/// </summary>
/// <param name="options">Limits, clock, score provider, contact history and drafts; <see cref="CompositionOptions.Default"/> when null.</param>
public sealed class CatalogLoader(CompositionOptions? options = null)
{
    private readonly CompositionOptions _options = options ?? CompositionOptions.Default;

    /// <summary>Loads and compiles a catalog from a file or a folder.</summary>
    /// <param name="path">A <c>.yaml</c> file, or a folder whose <c>*.yaml</c> and <c>*.yml</c> files together form the catalog.</param>
    /// <returns>The compiled catalog.</returns>
    /// <exception cref="CatalogException">The catalog has errors; <see cref="CatalogException.Diagnostics"/> lists them all.</exception>
    public Catalog Load(string path) =>
        TryLoad(path, out var catalog, out var diagnostics) ? catalog : throw new CatalogException(diagnostics);

    /// <summary>
    /// Reads one catalog file; a file that cannot be read (permissions, a lock, a device error), that is larger than
    /// <see cref="MaxFileBytes"/>, or that was found in a folder and is no regular file, is a diagnostic, not an exception.
    /// </summary>
    /// <param name="file">The file.</param>
    /// <param name="files">The files read so far, which it joins.</param>
    /// <param name="bag">The diagnostics.</param>
    /// <param name="listed">
    /// Whether the file was found in a folder rather than named: whoever filled the folder put it there, and a pipe or a
    /// device among its <c>*.yaml</c> files (or a link to one) is refused unopened. A named file may be a pipe
    /// (<c>validate &lt;(git show main:catalog.yaml)</c>), which its writer ends.
    /// </param>
    /// <param name="confineTo">
    /// The folder the file must lie in once its links are followed (<see cref="CompositionOptions.ConfineToCatalogFolder"/>),
    /// or null: a file outside is refused before it is opened, so nothing of it (its keys, in errors) is shown.
    /// </param>
    private static void Read(string file, List<(string File, string Text)> files, DiagnosticBag bag, bool listed, string? confineTo)
    {
        try
        {
            if (confineTo is not null && FileType.IsOutside(confineTo, file))
            {
                bag.IdsUnknown = true;
                bag.Error(DiagnosticCodes.NoCatalogFiles, new SourceLocation(file, 1, 1),
                    $"The file is a symbolic link (or lies behind one) that leads out of the catalog's folder ({confineTo}), and this catalog may read only files inside it, links followed (CompositionOptions.ConfineToCatalogFolder; the CLI's --confine-to-catalog-folder), so it was not read. Put the file itself in the folder in place of the link, or load the catalog without the option where linking a file in is meant (a shared legal module).");
                return;
            }

            var special = listed && FileType.IsSpecial(file);
            if (special || ReadBounded(file) is not { } bytes)
            {
                // Not read: no id it would define is known, so none of their uses is reported as undefined.
                bag.IdsUnknown = true;
                bag.Error(DiagnosticCodes.NoCatalogFiles, new SourceLocation(file, 1, 1), special
                    ? "The file is not a regular file but a pipe, a socket or a device (or a link to one), which a catalog cannot be read from. Remove it from the catalog's folder, or put the YAML file it stands for in its place."
                    : $"The file holds more than {MaxFileBytes / (1024 * 1024)} MiB, far more than a catalog's text needs (a catalog of hundreds of modules is a few hundred KiB), or has no end (a device such as /dev/zero). Check that it is the catalog file, or split it into several *.yaml files.");
                return;
            }

            var (text, utf8) = Decode(bytes);
            if (utf8 && Utf8Bytes.FirstInvalid(bytes, out _) is >= 0 and var bad)
            {
                // The reader made each bad byte a U+FFFD, which every message would then show where the author wrote 'é'.
                var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
                var before = new SourceFile(file, Encoding.UTF8.GetString(bytes, start, bad - start));
                bag.Error(DiagnosticCodes.YamlSyntax, before.End,
                    $"The file is not UTF-8: the byte 0x{bytes[bad]:X2} here is not valid UTF-8 (a file saved as Windows-1252 or Latin-1 has such bytes for letters such as 'é', 'ü' or '€'). Save the file as UTF-8.");
            }

            files.Add((file, text));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            bag.IdsUnknown = true;
            bag.Error(DiagnosticCodes.NoCatalogFiles, new SourceLocation(file, 1, 1), $"The file cannot be read: {ex.Message} Check that it exists and that this user may read it.");
        }
    }

    /// <summary>
    /// A file's text as a <see cref="StreamReader"/> reading for UTF-8 with byte order marks detected gives it, and whether
    /// it was read as UTF-8. Without a UTF-16 or UTF-32 mark the bytes are decoded in one go (after a UTF-8 mark): the
    /// reader built the text of every file in a <see cref="StringBuilder"/> from chunks, twice its size again.
    /// </summary>
    internal static (string Text, bool Utf8) Decode(byte[] bytes)
    {
        if (bytes is [0xFE, 0xFF, ..] or [0xFF, 0xFE, ..] or [0x00, 0x00, 0xFE, 0xFF, ..])
        {
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            var text = reader.ReadToEnd();
            return (text, reader.CurrentEncoding is UTF8Encoding);
        }

        var start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        return (Encoding.UTF8.GetString(bytes, start, bytes.Length - start), true);
    }

    /// <summary>
    /// The most bytes one catalog file may hold. A catalog is hand-written text: a file larger than this is not one (a
    /// data export, a disk image), or not a file at all (a link to <c>/dev/zero</c>, which never ends), and reading it whole
    /// would take the memory of the process that loads it, a service's other tenants' with it.
    /// </summary>
    private const int MaxFileBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Reads a catalog file whole, or returns null, having read <see cref="MaxFileBytes"/> and one more, when it holds more.
    /// </summary>
    private static byte[]? ReadBounded(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var buffer = new byte[stream.CanSeek ? (int)Math.Min(stream.Length, MaxFileBytes) + 1 : 1 << 16];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > MaxFileBytes)
                {
                    return null;
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxFileBytes + 1));
            }

            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return buffer[..length];
            }

            length += read;
        }
    }

    /// <summary>Loads and compiles a catalog from a file or a folder, without throwing on catalog errors.</summary>
    /// <param name="path">A <c>.yaml</c> file or a folder of them.</param>
    /// <param name="catalog">The catalog, when there is no error.</param>
    /// <param name="diagnostics">Every error and warning, in file, line and column order.</param>
    /// <returns>Whether the catalog compiled.</returns>
    public bool TryLoad(string path, [NotNullWhen(true)] out Catalog? catalog, out IReadOnlyList<Diagnostic> diagnostics) =>
        TryLoad(path, out catalog, out diagnostics, out _);

    /// <summary>
    /// Loads and compiles a catalog from a file or a folder, without throwing on catalog errors, and tells which files the
    /// result depends on: to know when to load again (as <see cref="CatalogMonitor"/> does), or when to drop what a cache
    /// made from the catalog (rendered PDFs embed its fonts and images).
    /// </summary>
    /// <param name="path">A <c>.yaml</c> file or a folder of them.</param>
    /// <param name="catalog">The catalog, when there is no error.</param>
    /// <param name="diagnostics">Every error and warning, in file, line and column order.</param>
    /// <param name="filesRead">
    /// The full path of every file the load read or looked for, whether it compiled or not: the catalog's YAML files, in
    /// load order, then each file they name with a fixed path (print fonts, images in modules' Markdown; in ordinal order),
    /// also when it is missing, as its creation changes the result. Files named only through a recipient's value
    /// (<c>![photo]({{ photo }})</c>) are read when a message is rendered, not here. A folder's catalog also changes when
    /// a <c>*.yaml</c> file is added to the folder.
    /// </param>
    /// <returns>Whether the catalog compiled.</returns>
    public bool TryLoad(string path, [NotNullWhen(true)] out Catalog? catalog, out IReadOnlyList<Diagnostic> diagnostics, out IReadOnlyList<string> filesRead)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bag = new DiagnosticBag();
        var files = new List<(string File, string Text)>();
        var looked = new List<string>();
        if (Directory.Exists(path))
        {
            var names = CatalogFiles.In(path)
                .Order(StringComparer.Ordinal)
                .ToList();
            looked.AddRange(names.Select(Path.GetFullPath));
            if (names.Count == 0)
            {
                bag.Error(DiagnosticCodes.NoCatalogFiles, new SourceLocation(path, 1, 1), "The folder has no *.yaml files. Point to a catalog file or to the folder that holds them.");
            }

            var confineTo = _options.ConfineToCatalogFolder ? path : null;
            foreach (var name in names)
            {
                Read(name, files, bag, listed: true, confineTo);
            }
        }
        else if (File.Exists(path))
        {
            looked.Add(Path.GetFullPath(path));
            Read(path, files, bag, listed: false, _options.ConfineToCatalogFolder ? Path.GetDirectoryName(Path.GetFullPath(path)) ?? "." : null);
        }
        else
        {
            if (path.Length > 0 && !path.Contains('\0', StringComparison.Ordinal))
            {
                // Not '' or a path with a NUL, which no file has and Path.GetFullPath refuses: the error below says so.
                looked.Add(Path.GetFullPath(path));
            }

            bag.Error(DiagnosticCodes.NoCatalogFiles, new SourceLocation(path, 1, 1), "No such file or folder. Check the path to the catalog.");
        }

        var compiled = Compile(files, bag, out catalog, out diagnostics, out var named);
        looked.AddRange(named);
        filesRead = looked;
        return compiled;
    }

    /// <summary>Compiles a catalog from YAML text.</summary>
    /// <param name="yaml">The catalog text.</param>
    /// <param name="fileName">The name diagnostics use for the text.</param>
    /// <returns>The compiled catalog.</returns>
    /// <exception cref="CatalogException">The catalog has errors.</exception>
    public Catalog Parse(string yaml, string fileName = "catalog.yaml") =>
        TryParse(yaml, out var catalog, out var diagnostics, fileName) ? catalog : throw new CatalogException(diagnostics);

    /// <summary>Compiles a catalog from YAML text, without throwing on catalog errors.</summary>
    /// <param name="yaml">The catalog text.</param>
    /// <param name="catalog">The catalog, when there is no error.</param>
    /// <param name="diagnostics">Every error and warning.</param>
    /// <param name="fileName">The name diagnostics use for the text.</param>
    /// <returns>Whether the catalog compiled.</returns>
    public bool TryParse(string yaml, [NotNullWhen(true)] out Catalog? catalog, out IReadOnlyList<Diagnostic> diagnostics, string fileName = "catalog.yaml")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        return Compile([(fileName, yaml)], new DiagnosticBag(), out catalog, out diagnostics, out _);
    }

    private bool Compile(List<(string File, string Text)> files, DiagnosticBag bag, out Catalog? catalog, out IReadOnlyList<Diagnostic> diagnostics, out IReadOnlyCollection<string> named)
    {
        var document = new CatalogDocument();
        named = document.NamedFiles;
        var reader = new CatalogDocumentReader(document, bag) { ConfineToFolder = _options.ConfineToCatalogFolder };
        foreach (var (file, text) in files)
        {
            var before = bag.Count;
            var root = YamlReader.Read(file, text, bag);
            bag.IdsUnknown |= root is null && bag.Count > before;
            reader.ReadFile(file, root);
        }

        var model = files.Count == 0 ? null : new CatalogCompiler(bag, _options.UseCompiledPaths).Compile(document);
        if (model is not null && !bag.HasErrors)
        {
            Analysis.RequiredModuleCheck.Run(new CatalogRuntime(model, _options), document, bag);
        }

        diagnostics = bag.ToSortedList();
        if (model is null || bag.HasErrors)
        {
            catalog = null;
            return false;
        }

        MessageRenderer.Precompile(model, _options.UseCompiledPaths);

        catalog = new Catalog(new CatalogRuntime(model, _options), diagnostics) { Document = document, SourceHash = HashSources(files) };
        return true;
    }

    /// <summary>SHA-256 over each source's file name (not its folder) and text, in load order, as lowercase hex.</summary>
    /// <remarks>
    /// The bytes hashed are the UTF-8 of one string, each name and text followed by a NUL, as they always were (the hex is
    /// kept in checkpoints, traces and run records), but encoded a block at a time into one rented buffer: joined, a large
    /// catalog's text was one string and one byte array of its size again, both on the large object heap. One encoder
    /// carries a surrogate pair split by a block's end into the next, so the bytes are those of the joined string.
    /// </remarks>
    private static string HashSources(List<(string File, string Text)> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var encoder = Encoding.UTF8.GetEncoder();
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(HashBlockChars));
        try
        {
            foreach (var (file, text) in files)
            {
                // Each part ends with a NUL, which neither a file name nor YAML text holds: no two lists of sources run together alike.
                Append(Path.GetFileName(file.AsSpan()));
                Append("\0");
                Append(text);
                Append("\0");
            }

            Append([], flush: true);
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        void Append(ReadOnlySpan<char> chars, bool flush = false)
        {
            do
            {
                var block = chars[..Math.Min(chars.Length, HashBlockChars)];
                encoder.Convert(block, buffer, flush && block.Length == chars.Length, out var used, out var written, out _);
                hash.AppendData(buffer, 0, written);
                chars = chars[used..];
            }
            while (!chars.IsEmpty);
        }
    }

    /// <summary>How many characters <see cref="HashSources"/> encodes at a time.</summary>
    private const int HashBlockChars = 16 * 1024;
}
