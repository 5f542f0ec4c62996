using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OneToOne.Composition.Cli.Tests.Docs;

/// <summary>
/// Every README snippet compiled in one pass, as a consumer's code: against the .NET reference assemblies (and ASP.NET
/// Core's for a web snippet) and the library packages' assemblies with the libraries they depend on, nothing of the
/// tests or the tool. Each snippet becomes a method of its own class (its <c>using</c> lines stay its file's), with
/// <c>#line</c> directives, so a compiler error names the README and the line. The assembly is a console app that runs
/// the snippets that need nothing from the prose, each in a folder given on its command line.
/// </summary>
internal sealed class SnippetCompilation
{
    private const string Namespace = "ReadmeSnippets";

    /// <summary>What <c>Microsoft.NET.Sdk</c> imports with <c>ImplicitUsings</c> (the console template's default).</summary>
    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    /// <summary>What <c>Microsoft.NET.Sdk.Web</c> adds.</summary>
    private static readonly string[] WebImplicitUsings =
    [
        "System.Net.Http.Json", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Http",
        "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.DependencyInjection",
        "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    private SnippetCompilation(IReadOnlyList<CSharpSnippet> snippets, CSharpCompilation compilation, IReadOnlyList<string> libraryFiles)
    {
        Snippets = snippets;
        Compilation = compilation;
        LibraryFiles = libraryFiles;
    }

    public IReadOnlyList<CSharpSnippet> Snippets { get; }

    public CSharpCompilation Compilation { get; }

    /// <summary>The library packages' assemblies and those they reference from the test's output folder (what a consumer's bin holds).</summary>
    public IReadOnlyList<string> LibraryFiles { get; }

    /// <summary>The READMEs' snippets, compiled once for every test that needs them.</summary>
    public static SnippetCompilation Readmes => Shared.Value;

    private static readonly Lazy<SnippetCompilation> Shared = new(() => Create(CSharpSnippet.InReadmes()));

    public static SnippetCompilation Create(IReadOnlyList<CSharpSnippet> snippets)
    {
        var libraries = LibraryAssemblies();
        var libraryNamespaces = libraries
            .Where(static a => a.GetName().Name!.StartsWith("OneToOne.Composition", StringComparison.Ordinal))
            .SelectMany(static a => a.GetExportedTypes())
            .Select(static t => t.Namespace!)
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = new List<SyntaxTree>();
        for (var i = 0; i < snippets.Count; i++)
        {
            if (snippets[i].FragmentReason is null)
            {
                trees.Add(CSharpSyntaxTree.ParseText(Wrap(snippets[i], ClassName(i), parse), parse, path: $"snippet{i}.cs", encoding: Encoding.UTF8));
            }
        }

        // The prose of each file a snippet came from, and of every example's README (with a snippet or not).
        var readmes = snippets.Select(static s => s.Block.File).Concat(MarkdownBlock.ExampleReadmeFiles()).Distinct().ToList();
        for (var i = 0; i < readmes.Count; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(InlineReferences(readmes[i], "InlineCode" + i, libraryNamespaces), parse, path: $"inline{i}.cs", encoding: Encoding.UTF8));
        }

        // `ReadmeSnippets FOLDER_1 INDEX_1 …`: runs each snippet that needs nothing from the prose (no `given:`) in its
        // folder, the current directory, as the program a reader would paste it into; a line `=== INDEX` before each.
        var program = new StringBuilder();
        program.Append(CultureInfo.InvariantCulture, $"namespace {Namespace} {{ internal static class Program {{ public static async System.Threading.Tasks.Task Main(string[] args) {{\n")
            .Append("for (var i = 0; i + 1 < args.Length; i += 2) { System.IO.Directory.SetCurrentDirectory(args[i]); System.Console.WriteLine(\"=== \" + args[i + 1]); switch (args[i + 1]) {\n");
        foreach (var i in Runnable(snippets))
        {
            program.Append(CultureInfo.InvariantCulture, $"case \"{i}\": await {ClassName(i)}.Run(); break;\n");
        }

        program.Append("default: throw new System.ArgumentException(\"No runnable snippet \" + args[i + 1]); } } } } }\n");
        trees.Add(CSharpSyntaxTree.ParseText(program.ToString(), parse, path: "Program.cs"));

        var libraryFiles = libraries.Select(static a => a.Location).ToList();
        var references = ReferenceAssemblies(snippets.Any(static s => s.Web))
            .Concat(libraryFiles)
            .GroupBy(static f => Path.GetFileNameWithoutExtension(f), StringComparer.OrdinalIgnoreCase)
            .Select(static g => g.MaxBy(static f => AssemblyName.GetAssemblyName(f).Version)!) // one of each, as NuGet and the SDK unify them
            .Select(static f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToList();
        var options = new CSharpCompilationOptions(
            OutputKind.ConsoleApplication,
            mainTypeName: Namespace + ".Program",
            nullableContextOptions: NullableContextOptions.Enable);
        return new SnippetCompilation(snippets, CSharpCompilation.Create(Namespace, trees, references, options), libraryFiles);
    }

    /// <summary>
    /// Each error and warning as <c>README.md(12,5): error CS0103: …</c>, the line and column the README's. Warnings
    /// count, as in this repository's own build: a snippet that warns (nullable, obsolete) teaches what a build here refuses.
    /// </summary>
    public IReadOnlyList<string> Errors() =>
        [.. Compilation.GetDiagnostics()
            .Where(static d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(static d =>
            {
                var span = d.Location.GetMappedLineSpan();
                return $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
            })];

    /// <summary>Writes the program to <paramref name="folder"/> with the libraries beside it and a runtime configuration, ready for <c>dotnet FILE</c>.</summary>
    public string EmitProgram(string folder)
    {
        var program = Path.Combine(folder, Namespace + ".dll");
        var result = Compilation.Emit(program);
        if (!result.Success)
        {
            throw new InvalidOperationException("The snippets do not compile:\n" + string.Join('\n', Errors()));
        }

        foreach (var library in LibraryFiles)
        {
            File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(library)), library);
        }

        var version = $"{Environment.Version.Major}.{Environment.Version.Minor}";
        File.WriteAllText(
            Path.Combine(folder, Namespace + ".runtimeconfig.json"),
            "{\"runtimeOptions\":{\"tfm\":\"net" + version + "\",\"framework\":{\"name\":\"Microsoft.NETCore.App\",\"version\":\"" + version + ".0\"}}}");
        return program;
    }

    /// <summary>The indexes of the snippets a program can run: compiled, and needing no variable from the prose.</summary>
    public static IEnumerable<int> Runnable(IReadOnlyList<CSharpSnippet> snippets) =>
        Enumerable.Range(0, snippets.Count).Where(i => snippets[i].FragmentReason is null && snippets[i].Given.Count == 0);

    private static string ClassName(int index) => "Snippet" + index;

    private static string Wrap(CSharpSnippet snippet, string className, CSharpParseOptions parse)
    {
        var block = snippet.Block;
        var text = block.Text;
        var root = (Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text, parse).GetRoot();
        var split = root.Usings.Count == 0 ? 0 : root.Usings[^1].FullSpan.End;
        var bodyLine = root.SyntaxTree.GetText().Lines.GetLineFromPosition(split).LineNumber;
        var file = block.RelativeFile;
        // The SDK's implicit usings and the snippet's own, nothing more: a reader pastes the snippet into a file that
        // imports only what it says, so a library type it names without its namespace's using fails here as it would there.
        var imports = ImplicitUsings.Concat(snippet.Web ? WebImplicitUsings : []);

        var source = new StringBuilder();
        foreach (var import in imports)
        {
            source.Append("using ").Append(import).Append(";\n");
        }

        if (split > 0)
        {
            source.Append(CultureInfo.InvariantCulture, $"#line {block.FirstLine} \"{file}\"\n").Append(text[..split]).Append('\n');
        }

        source.Append("#line default\n")
            .Append(CultureInfo.InvariantCulture, $"namespace {Namespace}\n{{\ninternal static class {className}\n{{\n")
            .Append(CultureInfo.InvariantCulture, $"internal static async System.Threading.Tasks.Task Run({string.Join(", ", snippet.Given)})\n{{\n")
            .Append(CultureInfo.InvariantCulture, $"#line {block.FirstLine + bodyLine} \"{file}\"\n")
            .Append(text[split..]).Append('\n')
            .Append("#line default\nawait System.Threading.Tasks.Task.CompletedTask;\n}\n}\n}\n");
        return source.ToString();
    }

    /// <summary>
    /// The prose's own references to the API, checked as <c>nameof(…)</c>: an inline <c>`Type.Member`</c> or
    /// <c>`Type.Member(…)`</c> (its arguments are prose, not C#) and <c>`catalog.Member`</c>-style references through the
    /// names the READMEs give the library's objects. Namespaces and package names (<c>OneToOne.…</c>) and the few names
    /// that are not this API's (<see cref="NotOurApi"/>) are left out.
    /// </summary>
    private static string InlineReferences(string readme, string className, IReadOnlyList<string> libraryNamespaces)
    {
        var file = Path.GetRelativePath(Example.RepoRoot, readme).Replace('\\', '/');
        var source = new StringBuilder();
        foreach (var import in ImplicitUsings.Concat(libraryNamespaces).Distinct())
        {
            source.Append("using ").Append(import).Append(";\n");
        }

        source.Append(CultureInfo.InvariantCulture, $"namespace {Namespace}\n{{\ninternal static class {className}\n{{\n")
            .Append("internal static void Check(")
            .Append(string.Join(", ", Receivers.Select(static r => r.Value + " " + r.Key)))
            .Append(")\n{\n");
        foreach (var (line, column, code) in MarkdownBlock.InlineCode(readme))
        {
            var reference = System.Text.RegularExpressions.Regex.Match(code, @"^(?<path>[A-Za-z]\w*(?:\.[A-Z]\w*)+)(?:\(.*\))?$");
            if (!reference.Success)
            {
                continue;
            }

            var path = reference.Groups["path"].Value;
            var head = path[..path.IndexOf('.', StringComparison.Ordinal)];
            if (char.IsLower(head[0]) ? !Receivers.ContainsKey(head) : head is "OneToOne" or "System" or "Microsoft" or "SkiaSharp" or "HarfBuzzSharp" || NotOurApi.Contains(path))
            {
                continue;
            }

            const string NameOf = "_=nameof(";
            var indent = new string(' ', Math.Max(0, column - NameOf.Length)); // so an error's column is the README's
            source.Append(CultureInfo.InvariantCulture, $"#line {line} \"{file}\"\n{indent}{NameOf}{path});\n#line default\n");
        }

        return source.Append("}\n}\n}\n").ToString();
    }

    /// <summary>The names the READMEs' prose gives the library's objects (<c>`catalog.Drafts(messageId)`</c>), and their types.</summary>
    private static readonly Dictionary<string, string> Receivers = new(StringComparer.Ordinal)
    {
        ["catalog"] = "OneToOne.Composition.Catalog",
        ["decision"] = "OneToOne.Composition.Decisions.Decision",
        ["history"] = "OneToOne.Composition.Sqlite.SqliteContactHistory",
        ["summary"] = "OneToOne.Composition.Batch.BatchSummary",
        ["result"] = "OneToOne.Composition.Batch.BatchResult",
    };

    /// <summary>Inline references to other libraries' API or to a reader's own types, which the prose names to explain something.</summary>
    private static readonly HashSet<string> NotOurApi = new(StringComparer.Ordinal)
    {
        "ScriptEnvironment.CreateBuiltins", // Scriban's, named by the trimming warning (IL2026) it raises
        "CultureFunctions.Install",         // Scriban's too
        "Address.City",                     // a reader's own .NET object, read as address.city
        "Results.Content",                  // ASP.NET Core's
        "Composition.TimeProvider",         // OneToOneCompositionOptions.Composition.TimeProvider, named from "the options'"
    };

    /// <summary>The library packages (the OneToOne.Composition assemblies but the tool) and every assembly they reference from the test's output folder.</summary>
    private static List<Assembly> LibraryAssemblies()
    {
        var folder = AppContext.BaseDirectory;
        var pending = new Queue<Assembly>(Directory.GetFiles(folder, "OneToOne.Composition*.dll")
            .Where(static f => !Path.GetFileName(f).Contains(".Tests", StringComparison.Ordinal))
            .Select(static f => Assembly.Load(AssemblyName.GetAssemblyName(f))));
        var found = new Dictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        while (pending.TryDequeue(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (!found.ContainsKey(reference.Name!) && File.Exists(Path.Combine(folder, reference.Name + ".dll")))
                {
                    pending.Enqueue(Assembly.Load(reference));
                }
            }
        }

        return [.. found.Values.OrderBy(static a => a.GetName().Name, StringComparer.Ordinal)];
    }

    /// <summary>The SDK's reference assemblies for this runtime's version (<c>packs/Microsoft.NETCore.App.Ref</c>, and ASP.NET Core's), as a project compiles against.</summary>
    private static IEnumerable<string> ReferenceAssemblies(bool web)
    {
        // <root>/shared/Microsoft.NETCore.App/<version>/
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var packs = web ? new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" } : ["Microsoft.NETCore.App.Ref"];
        var tfm = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        foreach (var pack in packs)
        {
            var versions = Path.Combine(root, "packs", pack);
            var folder = Directory.Exists(versions)
                ? Directory.GetDirectories(versions, $"{Environment.Version.Major}.{Environment.Version.Minor}.*")
                    .Select(static v => Path.Combine(v, "ref"))
                    .Select(v => Path.Combine(v, tfm))
                    .Where(Directory.Exists)
                    .MaxBy(static v => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(v))), out var n) ? n : new Version())
                : null;
            if (folder is null)
            {
                throw new InvalidOperationException($"The SDK's {pack} ({tfm}) is not under {versions}: the snippets compile against the reference assemblies a project would.");
            }

            foreach (var file in Directory.GetFiles(folder, "*.dll"))
            {
                yield return file;
            }
        }
    }
}
