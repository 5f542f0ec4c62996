// Checks the library packages as a consumer on nuget.org gets them: run by scripts/check-packages.sh, which packs every
// library twice (FEED_A, FEED_B) with the same SOURCE_DATE_EPOCH. Prints one line per problem and exits 1 when there is
// any. Usage: dotnet run scripts/check-packages.cs -- FEED_A FEED_B
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: dotnet run scripts/check-packages.cs -- FEED_A FEED_B");
    return 2;
}

var problems = new List<string>();
var packages = Directory.GetFiles(args[0], "*.nupkg").Order(StringComparer.Ordinal).ToArray();
if (packages.Length == 0)
{
    problems.Add($"{args[0]}: no package");
}

// Test, benchmark and analyzer packages are for building this repository; a consumer must never restore them.
string[] buildOnly = ["Microsoft.CodeAnalysis.", "Microsoft.NET.Test.Sdk", "xunit", "FsCheck", "BenchmarkDotNet", "PdfPig", "Handlebars.Net", "coverlet"];

// Lowest versions a package may ask for: Scriban before 7.5.2 has known flaws the sandbox relies on being fixed.
var minimums = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase) { ["Scriban.Signed"] = new(7, 5, 2) };

foreach (var path in packages)
{
    var name = Path.GetFileName(path);
    void Problem(string text) => problems.Add($"{name}: {text}");

    var twin = Path.Combine(args[1], name);
    if (!File.Exists(twin) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(File.ReadAllBytes(twin)))
    {
        Problem("packing again gave other bytes (not reproducible)");
    }

    using var zip = ZipFile.OpenRead(path);
    var entries = zip.Entries.Select(static e => e.FullName).ToHashSet(StringComparer.Ordinal);
    var nuspecEntry = zip.Entries.Single(static e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/', StringComparison.Ordinal));
    XDocument nuspec;
    using (var stream = nuspecEntry.Open())
    {
        nuspec = XDocument.Load(stream);
    }

    var ns = nuspec.Root!.Name.Namespace;
    var metadata = nuspec.Root.Element(ns + "metadata")!;
    var id = metadata.Element(ns + "id")!.Value;
    string? Meta(string element) => metadata.Element(ns + element)?.Value;

    var license = metadata.Element(ns + "license");
    if (license?.Attribute("type")?.Value != "expression" || license.Value != "MIT")
    {
        Problem("license is not the expression MIT");
    }

    foreach (var element in new[] { "description", "tags", "authors", "projectUrl" })
    {
        if (string.IsNullOrWhiteSpace(Meta(element)))
        {
            Problem($"no <{element}>");
        }
    }

    if (!Regex.IsMatch(metadata.Element(ns + "repository")?.Attribute("commit")?.Value ?? "", "^[0-9a-f]{40}$"))
    {
        Problem("no <repository commit=…>: which source it was built from is unknown");
    }

    var readme = Meta("readme");
    if (readme is null || !entries.Contains(readme))
    {
        Problem("no readme in the package (nuget.org shows an empty page)");
    }
    else
    {
        using var reader = new StreamReader(zip.GetEntry(readme)!.Open());
        var text = reader.ReadToEnd();
        // nuget.org renders the readme on its own page: a relative link or image there leads nowhere.
        foreach (Match link in Regex.Matches(text, @"!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)"))
        {
            var target = link.Groups[1].Value;
            if (!Regex.IsMatch(target, "^(https?|mailto):", RegexOptions.IgnoreCase) && !target.StartsWith('#') && !InCode(text, link.Index))
            {
                Problem($"README.md links to '{target}', which does not resolve on nuget.org: use an absolute URL");
            }
        }
    }

    foreach (var dependency in metadata.Descendants(ns + "dependency"))
    {
        var dependencyId = dependency.Attribute("id")!.Value;
        var range = dependency.Attribute("version")?.Value ?? "";
        if (buildOnly.Any(prefix => dependencyId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            Problem($"depends on {dependencyId}, a build or test package (PrivateAssets=\"all\" keeps it out)");
        }

        // A bare version is NuGet's ">= version": exact pins ([1.0]), upper bounds and floating versions make
        // consumers' restores fail or change under them.
        if (!Version.TryParse(range, out var lowest))
        {
            Problem($"depends on {dependencyId} '{range}': not a plain lower bound");
        }
        else if (minimums.TryGetValue(dependencyId, out var minimum) && lowest < minimum)
        {
            Problem($"depends on {dependencyId} >= {range}; it must be >= {minimum}");
        }
        else if (lowest.Major > 10 && (dependencyId.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || dependencyId.StartsWith("System.", StringComparison.Ordinal)))
        {
            // These ship with each .NET: asking a net10.0 consumer for a later line's fails the restore of an app that
            // keeps them at 10.x (NU1605, a downgrade, an error by default) and lifts an ASP.NET Core 10 app's own.
            Problem($"depends on {dependencyId} >= {range}, a later .NET's; a net10.0 package asks for the 10.x line");
        }
    }

    if (id == "OneToOne.Composition.Print")
    {
        // The Print package draws with SkiaSharp and shapes with HarfBuzz: a Linux consumer gets their native libraries
        // only through these dependencies (the managed packages carry Windows' and macOS's).
        foreach (var native in new[] { "SkiaSharp.NativeAssets.Linux", "HarfBuzzSharp.NativeAssets.Linux" })
        {
            if (!metadata.Descendants(ns + "dependency").Any(d => d.Attribute("id")!.Value == native))
            {
                Problem($"does not depend on {native}: PDF rendering fails on Linux with DllNotFoundException");
            }
        }
    }

    var dll = $"lib/net10.0/{id}.dll";
    string[] expected = ["_rels/.rels", $"{id}.nuspec", "[Content_Types].xml", "README.md", dll, $"lib/net10.0/{id}.xml"];
    foreach (var entry in entries)
    {
        if (!expected.Contains(entry) && !entry.StartsWith("package/services/metadata/core-properties/", StringComparison.Ordinal))
        {
            Problem($"holds '{entry}', which no consumer needs");
        }
    }

    foreach (var entry in expected.Where(e => !entries.Contains(e)))
    {
        Problem($"lacks '{entry}'{(entry.EndsWith(".xml", StringComparison.Ordinal) ? " (IntelliSense shows no docs)" : "")}");
    }

    if (!entries.Contains(dll))
    {
        continue;
    }

    using var dllStream = new MemoryStream();
    using (var stream = zip.GetEntry(dll)!.Open())
    {
        stream.CopyTo(dllStream);
    }

    dllStream.Position = 0;
    using var pe = new PEReader(dllStream);
    var assembly = pe.GetMetadataReader();
    // The compiler embeds NullableContextAttribute, or references the framework's, when it writes annotations.
    if (!assembly.TypeDefinitions.Any(t => assembly.GetString(assembly.GetTypeDefinition(t).Name) == "NullableContextAttribute")
        && !assembly.TypeReferences.Any(t => assembly.GetString(assembly.GetTypeReference(t).Name) == "NullableContextAttribute"))
    {
        Problem($"{dll} carries no nullable annotations");
    }

    // With ContinuousIntegrationBuild the PDB's path and its documents' paths are /_/…, not the folder it was built in.
    var codeView = pe.ReadDebugDirectory().Where(static d => d.Type == DebugDirectoryEntryType.CodeView).Select(pe.ReadCodeViewDebugDirectoryData).FirstOrDefault();
    if (codeView.Path is null || !codeView.Path.StartsWith("/_/", StringComparison.Ordinal))
    {
        Problem($"{dll} names its PDB by the build machine's path '{codeView.Path}' (build with ContinuousIntegrationBuild=true)");
    }

    var symbols = Path.ChangeExtension(path, ".snupkg");
    if (!File.Exists(symbols))
    {
        Problem("no symbols package (.snupkg)");
        continue;
    }

    using var symbolZip = ZipFile.OpenRead(symbols);
    var pdbEntry = symbolZip.GetEntry($"lib/net10.0/{id}.pdb");
    if (pdbEntry is null)
    {
        Problem($"{Path.GetFileName(symbols)} lacks lib/net10.0/{id}.pdb");
        continue;
    }

    using var pdbStream = new MemoryStream();
    using (var stream = pdbEntry.Open())
    {
        stream.CopyTo(pdbStream);
    }

    pdbStream.Position = 0;
    using var pdbProvider = MetadataReaderProvider.FromPortablePdbStream(pdbStream);
    var pdb = pdbProvider.GetMetadataReader();
    var document = pdb.Documents.Select(d => pdb.GetString(pdb.GetDocument(d).Name)).FirstOrDefault(static n => n.EndsWith(".cs", StringComparison.Ordinal) && !n.Contains("AssemblyAttributes", StringComparison.Ordinal));
    if (document is null || !document.StartsWith("/_/", StringComparison.Ordinal))
    {
        Problem($"{id}.pdb names its sources by the build machine's paths ('{document}')");
    }
}

foreach (var problem in problems)
{
    Console.WriteLine(problem);
}

Console.WriteLine($"{packages.Length} packages checked: {problems.Count} problem(s)");
return problems.Count == 0 ? 0 : 1;

// Whether a match starts inside a code span or fenced block, where a Markdown link is text.
static bool InCode(string text, int index)
{
    var before = text[..index];
    var fences = Regex.Count(before, "^```", RegexOptions.Multiline);
    if (fences % 2 == 1)
    {
        return true;
    }

    var lineStart = before.LastIndexOf('\n') + 1;
    return before[lineStart..].Count(static c => c == '`') % 2 == 1;
}
