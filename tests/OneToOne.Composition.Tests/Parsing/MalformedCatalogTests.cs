using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Testing;

namespace OneToOne.Composition.Tests.Parsing;

/// <summary>
/// Catalogs the fuzzer (<c>CatalogFuzzProperties</c>) broke the loader with, each cut down to the
/// least that did. A '‸' marks where the diagnostic must point; YAML breaks lines at CR as well as LF, and so does the marker's count.
/// </summary>
public sealed class MalformedCatalogTests
{
    private const string Header = "catalog: t\n";

    public static TheoryData<string, string, string> Cases => new()
    {
        // Template errors in scalars whose text is not a copy of their lines used to point at the text's line counted from
        // the scalar's first line: lines below it, or past the end of the file.
        {
            DiagnosticCodes.TemplateSyntax, "Scriban syntax error in 'subject'",
            Header + "messages:\n  m:\n    subject: \"a\\nb\\nc\\n{{ x + ‸}}\"\n    body: hi\n"
        },
        {
            DiagnosticCodes.ConditionSyntax, "Scriban syntax error in segment 'women'",
            Header + "segments:\n  women: \"a\\nb\\nc\\n{‸{ nope(\"\n"
        },
        {
            DiagnosticCodes.TemplateSyntax, "Scriban syntax error in 'content' of module 'a'",
            Header + "modules:\n  a:\n    content: >\n      Hi\n      there {{ x + ‸}}\n"
        },
        {
            DiagnosticCodes.TemplateSyntax, "Scriban syntax error in 'content' of module 'a'",
            Header + "modules:\n  a:\n    content: \"Hi\n      there {{ x + ‸}}\"\n"
        },
        {
            DiagnosticCodes.TemplateSyntax, "Scriban syntax error in 'content' of module 'a'",
            Header + "modules:\n  a:\n    content: \"\\u00e9\\t{{ x + ‸}}\"\n"
        },
        {
            DiagnosticCodes.TemplateSyntax, "Scriban syntax error in 'content' of module 'a'",
            Header + "modules:\n  a:\n    content: 'it''s {{ x + ‸}}'\n"
        },
        {
            DiagnosticCodes.TemplateSyntax, "Scriban syntax error in 'content' of module 'a'",
            "catalog: t\rmodules:\r  a:\r    content: |\r      Hi {{ x + ‸}}\r"
        },

        // A literal block with an indentation indicator keeps the spaces past it, and errors pointed that many columns right.
        {
            DiagnosticCodes.TemplateSyntax, "Scriban syntax error in 'content' of module 'a'",
            Header + "modules:\n  a:\n    content: |2\n          code\n        Hi {{ x + ‸}}\n"
        },

        // The end of the text, where the YAML reader puts its end of stream on a line after the last.
        {
            DiagnosticCodes.YamlSyntax, "The YAML is not well-formed",
            "%TAG !x! tag:x,2‸"
        },

        // YamlDotNet's parser threw an InvalidOperationException of its own on a document end before any document.
        {
            DiagnosticCodes.YamlSyntax, "The YAML is not well-formed: the YAML reader cannot make sense of the text from here on",
            "...\n---\n  ‸"
        },

        // Nesting deeper than the reader's recursion can go used to overflow the stack and end the process.
        {
            DiagnosticCodes.YamlSyntax, "nested more than 64 deep",
            Header + "modules:\n  a:\n    tags: " + new string('[', 62) + "‸" + new string('[', 100_000) + new string(']', 100_062) + "\n"
        },

        // A font path with a null character made Path.GetFullPath throw an ArgumentException.
        {
            DiagnosticCodes.InvalidValue, "The font path 'a\\0b.ttf' holds a null character (\\0), which no file name can.",
            Header + "messages:\n  m:\n    body: hi\n    print:\n      fonts:\n        regular: ‸\"a\\0b.ttf\"\n"
        },

        // An image path with a null character made Path.GetRelativePath throw an ArgumentException.
        {
            DiagnosticCodes.MissingFile, "Module 'a' shows the image 'a%00b.png', whose path holds a null character ('%00' or '\\0'), which no file name can.",
            Header + "modules:\n  a:\n    content: \"See ‸![x](a%00b.png)\"\n"
        },

        // Markdown nested deeper than Markdig reads made it throw an ArgumentException while the catalog loaded.
        {
            DiagnosticCodes.InvalidValue, "The Markdown of 'content' of module 'a' nests lists, block quotes or emphasis deeper than the Markdown reader follows",
            Header + "modules:\n  a: ‸'" + string.Concat(Enumerable.Repeat("* ", 3_000)) + "x'\n"
        },

        // The look for an unclosed '[' or '{' before the error read YamlDotNet's scanner on until its end, but on this text
        // the scanner gives an error token, and then the same token again for ever: 'validate' never ended.
        {
            DiagnosticCodes.YamlSyntax, "The YAML is not well-formed: While scanning a multiline plain scalar, found invalid mapping.",
            "a x\n  b:‸:\n"
        },
        {
            DiagnosticCodes.YamlSyntax, "The YAML is not well-formed",
            Header + "modules:\n  a:\n    tags: [x,\n      y]\n    content b\n      c:‸:\n"
        },

        // An alias was reported as malformed YAML, with advice to check the line's indentation and quoting.
        {
            DiagnosticCodes.YamlSyntax, "YAML aliases ('*d'), and so merge keys ('<<: *d'), are not supported in catalogs: write out here the value the anchor '&d' marks.",
            Header + "defaults: &d\n  content: hi\nmodules:\n  m:\n    <<: ‸*d\n"
        },

        // A tag was dropped without a word: '!include a.md' rendered the text "a.md".
        {
            DiagnosticCodes.YamlSyntax, "YAML tags such as '!include' are not supported in catalogs: the value after it would be read as written",
            Header + "modules:\n  a: ‸!include a.md\n"
        },
        {
            DiagnosticCodes.YamlSyntax, "YAML tags such as '!!int' are not supported in catalogs",
            Header + "modules:\n  a: { content: hi, priority: ‸!!int 5 }\n"
        },
        {
            DiagnosticCodes.YamlSyntax, "YAML tags such as '!!map' are not supported in catalogs",
            Header + "modules:\n  a: ‸!!map [hi]\n"
        },

        // A catalog's name over several lines (or empty) was taken as it is, and printed over several lines by 'validate'.
        {
            DiagnosticCodes.InvalidValue, "The catalog's name must be one line of text, but it is '{{ if }}\\nx\\n', with a line break, a control character or a text-direction mark. Write it on the same line, such as 'catalog: beer-of-the-month'.",
            "catalog: ‸|\n  {{ if }}\n  x\nmodules:\n  a: hi\n"
        },
        {
            // A right-to-left override turns the rest of the line where the name is printed around.
            DiagnosticCodes.InvalidValue, "The catalog's name must be one line of text, but it is 'beer\\u202Etxt.exe', with a line break, a control character or a text-direction mark.",
            "catalog: ‸\"beer\\u202Etxt.exe\"\nmodules:\n  a: hi\n"
        },
        {
            DiagnosticCodes.InvalidValue, "The catalog's name must be one line of text, but it is empty.",
            "catalog: ‸\"\"\nmodules:\n  a: hi\n"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_ReportsTheDiagnosticAtTheMarkedPosition(string code, string messageFragment, string markedYaml)
    {
        var (yaml, line, column) = StripMarker(markedYaml);

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));

        var match = diagnostics.FirstOrDefault(d => d.Code == code);
        Assert.True(match is not null, $"expected {code}, got:\n{string.Join("\n", diagnostics)}");
        Assert.Contains(messageFragment, match.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("t.yaml", line, column), match.Location);
    }

    [Fact]
    public void Load_ATagThatOnlyRestatesTheKind_OrTheNonSpecificTag_IsAccepted()
    {
        const string Yaml = Header + "modules:\n  a: !!str \"hi\"\n  b: !!map { content: ! yo, tags: !!seq [x] }\nslots:\n  s: { from: [b, a] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n";

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(Yaml, out var catalog, out var diagnostics), string.Join("\n", diagnostics));
        Assert.Empty(diagnostics);
        Assert.Equal("yo\n", catalog.Render(catalog.Decide(new Dictionary<string, object?>(), "m"), Channel.Text).Body);
    }

    [Theory]
    [InlineData("---")]
    [InlineData("---\n")]
    [InlineData("null")]
    [InlineData("~\n")]
    public void Load_AFileWithOnlyAnEmptyDocument_AddsNothing_AsAnEmptyFileDoes(string empty)
    {
        // It used to be "a text value" that is no catalog mapping, at a line after the file's last.
        using var folder = new TempDirectory();
        File.WriteAllText(folder.File("a.yaml"), "catalog: t\nmodules:\n  m: x\nslots:\n  s: { from: [m] }\nmessages:\n  hello: { body: '{{ slot \"s\" }}' }\n");
        File.WriteAllText(folder.File("b.yaml"), empty);

        var catalog = new CatalogLoader(TestCatalogs.Untimed).Load(folder.Path);

        Assert.Equal(["hello"], catalog.MessageIds);
        Assert.Empty(catalog.Warnings);
    }

    [Fact]
    public void Load_ADiagnosticQuotingALineBreakOrAnEscapeSequence_IsOneLineWithThemEscaped()
    {
        // Diagnostics quote the catalog's text; 'validate' prints them one per line, to a terminal.
        const string yaml = "catalog: t\nmodules:\n  a: hi\n  \"\\e[2J\": hi\nslots:\n  s:\n    pick: \"first\\nlast\"\n    from: [a]\n";

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));

        Assert.Equal(
            ["'\\u001B[2J' is not a valid module id.", "'pick: first\\nlast' is not a pick mode."],
            diagnostics.Select(static d => d.Message[..d.Message.IndexOf('.', StringComparison.Ordinal)] + "."));
        Assert.All(diagnostics, static d => Assert.DoesNotContain(d.ToString(), static c => char.IsControl(c)));
    }

    [Fact]
    public void Load_ADiagnosticInAFileWhoseNameHasALineBreakOrABidiOverride_IsOneLineWithThemEscaped()
    {
        // A file name is data too: a line break in it split the compiler-format line, and U+202E reversed the rest of it.
        const string yaml = "catalog: t\nmodules:\n  \"\\e\": hi\n";

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "evil\nname\u202Eslm.yaml"));

        var shown = Assert.Single(diagnostics).ToString();
        Assert.StartsWith("evil\\nname\\u202Eslm.yaml(3,3): error ", shown, StringComparison.Ordinal);
        Assert.Equal("evil\nname\u202Eslm.yaml", diagnostics[0].Location.File);
    }

    [Fact]
    public void Render_MarkdownThatALoopNestsTooDeep_FailsTheRecipient_NotTheProcess()
    {
        // Markdig's ArgumentException used to escape Render; the text as written nests nothing, so the catalog loads.
        var catalog = TestCatalogs.Parse("catalog: t\nmodules:\n  deep: '{{ for i in 1..200 }}> {{ end }}x'\nslots:\n  s: { from: [deep] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");
        var decision = catalog.Decide(TestCatalogs.Person(("id", "r1")), "m");

        var web = Assert.Throws<RecipientException>(() => catalog.Render(decision, Channel.Web));
        var text = Assert.Throws<RecipientException>(() => catalog.Render(decision, Channel.Text));

        Assert.Equal(("r1", "deep"), (web.RecipientId, web.ModuleId));
        Assert.StartsWith("the Markdown written for this recipient nests lists, block quotes or emphasis deeper", web.Problem, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("catalog.yaml", 3, 10), web.Location);
        Assert.Equal(web.Problem, text.Problem);
    }

    private static (string Yaml, int Line, int Column) StripMarker(string marked)
    {
        var index = marked.IndexOf('‸', StringComparison.Ordinal);
        Assert.True(index >= 0, "the case has no ‸ marker");
        var before = marked[..index];
        var lastBreak = before.LastIndexOfAny(['\n', '\r']);
        return (marked.Remove(index, 1), before.Count(static c => c is '\n' or '\r') + 1, index - lastBreak);
    }
}
