using System.Text;
using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Tests.Compilation;

/// <summary>
/// Every diagnostic code, triggered by a small catalog. A '‸' in the YAML marks where the diagnostic
/// must point; the marker is removed before loading and its line and column are the expectation.
/// </summary>
public sealed class DiagnosticTests
{
    private const string Header = "catalog: t\n";

    public static TheoryData<string, string, string> Cases => new()
    {
        {
            DiagnosticCodes.YamlSyntax, "the list opened with '[' here is not closed, and the YAML reader got as far as line 5, column 5 still inside it",
            Header + "modules:\n  a:\n    tags: ‸[x, y\n    content: hi\n  b: hi\n"
        },
        {
            DiagnosticCodes.YamlSyntax, "the list opened with '[' here is not closed, and the YAML reader got as far as line 5, column 5",
            Header + "modules:\n  a:\n    - ‸[x\n    - y\n"
        },
        {
            DiagnosticCodes.YamlSyntax, "got as far as the end of the file still inside it. Add the missing ']'",
            Header + "modules:\n  a:\n    content: hi\n    tags: ‸[x, [y], z\n"
        },
        {
            DiagnosticCodes.YamlSyntax, "the mapping opened with '{' here is not closed",
            Header + "modules:\n  a: hi\nslots:\n  s: ‸{ from: [a]\nmessages:\n  m: { body: hi }\n"
        },
        {
            DiagnosticCodes.YamlSyntax, "replace the tab in this line's indentation with spaces",
            Header + "modules:\n  a:\n    content: x\n  b:\n‸\tcontent: y\n"
        },
        {
            DiagnosticCodes.YamlSyntax, "found a tab character that violate indentation. YAML indents with spaces only: replace the tab in this line's indentation with spaces",
            Header + "modules:\n  a:\n    when: x == 1\n‸\tcontent: hi\n"
        },
        {
            DiagnosticCodes.UnknownKey, "Did you mean 'content'?",
            Header + "modules:\n  a:\n    ‸contnet: hi\n"
        },
        {
            DiagnosticCodes.InvalidValue, "'my tribe' is not a valid segment id. Use letters, digits, and '_' ('-' would read as a minus in 'segment.NAME'), starting with a letter.",
            Header + "segments:\n  ‸my tribe: gender == 'female'\nmodules:\n  a: hi\n"
        },
        {
            DiagnosticCodes.InvalidValue, "'my module' is not a valid module id. Use letters, digits, '-' and '_', starting with a letter.",
            Header + "modules:\n  ‸my module: hi\n"
        },
        {
            DiagnosticCodes.InvalidValue, "'email: from' is the sender's own address, written as it is",
            Header + "messages:\n  m:\n    body: hi\n    email:\n      from: ‸\"{{ name }} <{{ sender }}>\"\n"
        },
        {
            DiagnosticCodes.InvalidValue, "'email: reply-to' is the sender's own address",
            Header + "messages:\n  m:\n    body: hi\n    email:\n      from: news@example.com\n      reply-to: ‸\"{{ agent }}\"\n"
        },
        {
            DiagnosticCodes.InvalidValue, "'email: from' has the address 'zoë@bücher.example' with non-ASCII characters before the @, which only an SMTPUTF8 (RFC 6531) message can carry",
            Header + "messages:\n  m:\n    body: hi\n    email:\n      from: ‸\"Zoë <zoë@bücher.example>\"\n"
        },
        {
            DiagnosticCodes.InvalidValue, "'email: reply-to' has the address '\"jürgen\"@example.com' with non-ASCII characters before the @",
            Header + "messages:\n  m:\n    body: hi\n    email:\n      from: news@example.com\n      reply-to: ‸'\"Desk, Help\" <help@example.com>, \"jürgen\"@example.com'\n"
        },
        {
            DiagnosticCodes.DuplicateKey, "appears twice",
            Header + "modules:\n  a:\n    content: hi\n    ‸content: again\n"
        },
        {
            DiagnosticCodes.WrongType, "must be a mapping",
            Header + "slots:\n  hero: ‸[a, b]\n"
        },
        {
            DiagnosticCodes.MissingKey, "has no 'content'",
            Header + "modules:\n  ‸a:\n    when: x == 1\n"
        },
        {
            DiagnosticCodes.MissingKey, "has no 'from'",
            Header + "slots:\n  ‸hero:\n    pick: first\n"
        },
        {
            DiagnosticCodes.InvalidValue, "Did you mean 'first'?",
            Header + "modules:\n  a: hi\nslots:\n  hero:\n    pick: ‸firts\n    from: [a]\n"
        },
        {
            DiagnosticCodes.InvalidValue, "at least 1",
            Header + "modules:\n  a: hi\nslots:\n  hero:\n    pick: all\n    count: ‸0\n    from: [a]\n"
        },
        {
            DiagnosticCodes.UndefinedModule, "Did you mean 'light-beer'?",
            Header + "modules:\n  light-beer: hi\nslots:\n  hero:\n    from: [light-beer, ‸ligth-beer]\n"
        },
        {
            DiagnosticCodes.UndefinedModule, "fallback",
            Header + "modules:\n  a: hi\nslots:\n  hero:\n    from: [a]\n    fallback: ‸zz\n"
        },
        {
            DiagnosticCodes.UndefinedSegment, "Did you mean 'women'?",
            Header + "segments:\n  women: gender == \"female\"\nmodules:\n  a:\n    when: iq > 3 && ‸segment.wimen\n    content: hi\n"
        },
        {
            DiagnosticCodes.UndefinedSlot, "Did you mean 'hero'?",
            Header + "modules:\n  a: hi\nslots:\n  hero:\n    from: [a]\nmessages:\n  m:\n    body: |\n      Hello\n      {{ ‸slot \"heor\" }}\n"
        },
        {
            DiagnosticCodes.Cycle, "contains itself",
            Header + "modules:\n  a:\n    content: |\n      x {{ ‸slot \"hero\" }}\nslots:\n  hero:\n    from: [a]\n"
        },
        {
            DiagnosticCodes.Cycle, "depends on itself",
            Header + "segments:\n  a: ‸segment.b\n  b: segment.a\n"
        },
        {
            DiagnosticCodes.EmptyTagQuery, "No module has the tag",
            Header + "modules:\n  a:\n    tags: [cross-sell]\n    content: hi\nslots:\n  s:\n    from: { tag: ‸crosssell }\n"
        },
        {
            DiagnosticCodes.TemplateSyntax, "Scriban syntax error in 'content' of module 'a'",
            Header + "modules:\n  a:\n    content: |\n      ## Title\n\n      Hi {{ first_name + ‸}} there\n"
        },
        {
            DiagnosticCodes.TemplateSyntax, "Scriban syntax error in 'subject'",
            Header + "messages:\n  m:\n    subject: \"Hi {{ x + ‸}}\"\n    body: hi\n"
        },
        {
            DiagnosticCodes.ConditionSyntax, "Scriban syntax error",
            Header + "modules:\n  a:\n    when: gender == \"f\" && (iq > 3‸\n    content: hi\n"
        },
        {
            DiagnosticCodes.ConditionSyntax, "If 'when' is meant as a field: it is a Scriban keyword, which Scriban always reads as part of a statement, and no syntax reads a field of that name. Rename the field in the recipient data (for example 'when_value')",
            Header + "modules:\n  a:\n    when: 'when ‸== \"now\"'\n    content: hi\n"
        },
        {
            DiagnosticCodes.TemplateSyntax, "If 'end' is meant as a field: it is a Scriban keyword",
            Header + "modules:\n  a:\n    content: \"Ends {{ en‸d }}\"\n"
        },
        {
            DiagnosticCodes.ConditionSyntax, "check that every '(' has a matching ')'",
            Header + "segments:\n  vip: (tier == \"gold\"‸\n"
        },
        {
            DiagnosticCodes.InvalidScore, "A score is one expression without '{{ }}' that yields a number",
            Header + "modules:\n  a:\n    content: hi\n    score: (uplift * margin‸\n"
        },
        {
            DiagnosticCodes.TemplateSyntax, "the '{{' here is never closed",
            Header + "modules:\n  a:\n    content: \"Hi ‸{{ first_name \"\n"
        },
        {
            DiagnosticCodes.TemplateSyntax, "Scriban syntax error in 'content' of module 'a': the 'if' here has no matching '{{ end }}', so the rest of the text is read as its part. Add '{{ end }}' where the text it controls ends.",
            Header + "modules:\n  a:\n    content: |\n      Hi\n      {{ ‸if vip }}\n      VIP {{ first_name }}\n\n      Bye\n"
        },
        {
            DiagnosticCodes.TemplateSyntax, "the 'if' here has no matching '{{ end }}'",
            Header + "modules:\n  a:\n    content: \"{{ ‸if a }}{{ for x in y }}{{ x }}{{ else }}none{{ end }}{{ if b; 'b'; end }}{{ case c }}{{ when 1 }}one{{ end }}\"\n"
        },
        {
            DiagnosticCodes.TemplateSyntax, "the 'for' here has no matching '{{ end }}'",
            Header + "modules:\n  a:\n    content: \"{{ ‸for x in items }}{{ if x.a }}x{{ else if x.b }}y{{ end }}\"\n"
        },
        {
            DiagnosticCodes.TemplateSyntax, "the '{{~' here is never closed",
            Header + "modules:\n  a:\n    content: |\n      Hi {{ first_name }}\n\n      Bye ‸{{~\n"
        },
        {
            DiagnosticCodes.UnknownFunction, "'numbr' after '|' is not a function, so this would fail for every recipient. Did you mean 'number'?",
            Header + "modules:\n  a:\n    content: \"{{ points | ‸numbr 2 }}\"\n"
        },
        {
            DiagnosticCodes.UnknownFunction, "'numbr' called with arguments is not a function, so this would fail for every recipient. Did you mean 'number'?",
            Header + "modules:\n  a:\n    content: \"{{ ‸numbr points 2 }}\"\n"
        },
        {
            DiagnosticCodes.UnknownFunction, "Did you mean 'string.upcase'?",
            Header + "modules:\n  a:\n    content: |\n      Hi {{ name | default \"you\" | ‸string.upcse }}\n"
        },
        {
            DiagnosticCodes.UnknownFunction, "Did you mean 'string.size'?",
            Header + "modules:\n  a:\n    when: (name | ‸strng.size) > 3\n    content: hi\n"
        },
        {
            DiagnosticCodes.ConditionNotBoolean, "write '==' instead",
            Header + "modules:\n  a:\n    when: ‸gender = \"female\"\n    content: hi\n"
        },
        {
            DiagnosticCodes.ConditionNotBoolean, "computes a value",
            Header + "segments:\n  rich: ‸income * 2\n"
        },
        {
            DiagnosticCodes.InvalidSlotCall, "slot id in quotes",
            Header + "messages:\n  m:\n    body: |\n      {{ ‸slot name }}\n"
        },
        {
            DiagnosticCodes.InvalidSlotCall, "inside 'capture' they would become text. Place the slot outside the capture.",
            Header + "messages:\n  m:\n    body: |\n      {{ capture c }}{{ ‸slot 's' }}{{ end }}{{ c }}\n"
        },
        {
            DiagnosticCodes.ForbiddenFunction, "'date.now' is not available",
            Header + "modules:\n  a:\n    content: |\n      Today is {{ ‸date.now }}\n"
        },
        {
            DiagnosticCodes.ForbiddenFunction, "'include' is not available",
            Header + "modules:\n  a:\n    content: \"{{ ‸include 'x' }}\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "Quote the attribute: title=\"{{ … }}\"",
            Header + "modules:\n  a:\n    content: x\n    html: |\n      <div title={{ ‸url }}>c</div>\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "event handler 'onclick'",
            Header + "modules:\n  a:\n    content: x\n    html: |\n      <div onclick=\"f('{{ ‸url }}')\">d</div>\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "inside a <script> element",
            Header + "modules:\n  a:\n    content: x\n    html: |\n      <p>x</p><SCRIPT>var v = \"{{ ‸url }}\";</SCRIPT>\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "inside a <style> element",
            Header + "messages:\n  m:\n    body: x\n    web:\n      layout: |\n        <style>.a{background:url({{ ‸url }})}</style>{{ content }}\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "the 'style' attribute",
            Header + "modules:\n  a:\n    content: |\n      <div style=\"color: {{ ‸color }}\">x</div>\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "unquoted value of the attribute 'title'",
            Header + "messages:\n  m:\n    body: |\n      Inline <span title={{ ‸url }}>t</span>\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "the value would be a tag's name",
            Header + "modules:\n  a:\n    content: x\n    html: \"<p><{{ ‸t }}>hello</p>\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "the value would be a tag's name",
            Header + "messages:\n  m:\n    body: x\n    web:\n      layout: \"<main><{{ ‸v }}>{{ content }}</main>\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "inside a <script> element",
            Header + "modules:\n  a:\n    content: x\n    html: \"<script>'</scriptx>';{{ ‸v }}</script>\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "an end tag with a quote in it before the value",
            Header + "modules:\n  a:\n    content: x\n    html: \"<p>a</p title='><!--'><a href='{{ ‸v }}'>x</a>\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "after a <svg> element's start",
            Header + "modules:\n  a:\n    content: x\n    html: \"<svg><title><a href='{{ ‸v }}'>x</a></title></svg>\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "after a <noscript> element's start",
            Header + "modules:\n  a:\n    content: \"<noscript><a href='{{ ‸v }}'>x</a></noscript>\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "<![CDATA[ section before the value",
            Header + "modules:\n  a:\n    content: x\n    html: \"<div><![CDATA[ > <!-- ]]><a href='{{ ‸v }}'>x</a></div>\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "a 'javascript:' URL in the attribute 'href'",
            Header + "modules:\n  a:\n    content: x\n    html: \"<a href='javascript:go(&quot;{{ ‸v }}&quot;)'>x</a>\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "a 'javascript:' URL in the attribute 'href'",
            Header + "modules:\n  a:\n    content: x\n    html: \"<a href='&#106;ava&#x09;script&colon;go({{ ‸v }})'>x</a>\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "a 'data:' URL in the attribute 'href'",
            Header + "modules:\n  a:\n    content: \"[open](data:text/html,{{ ‸v }})\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "right before the template's ':', so it would choose the URL's scheme",
            Header + "modules:\n  a:\n    content: x\n    html: \"<a href='{{ ‸s }}{{ t }}:{{ u }}'>x</a>\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "a <meta http-equiv=\"refresh\"> redirect",
            Header + "messages:\n  m:\n    body: x\n    web:\n      layout: \"<head><meta http-equiv='Refresh' content='0; url={{ ‸u }}'></head>{{ content }}\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "the 'src' attribute of a <script> element before the URL's path, so it would choose the server the page loads a script from and runs",
            Header + "messages:\n  m:\n    body: x\n    web:\n      layout: \"<head><script src='{{ ‸u }}'></script></head>{{ content }}\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "the 'href' attribute of a <link> element before the URL's path",
            Header + "modules:\n  a:\n    content: |\n      <link rel=\"stylesheet\" href=\"https://{{ ‸host }}/theme.css\">\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "event handler 'onclick', which the browser runs as script; escaping cannot make data safe there. Keep recipient data out of event handlers. (So it is when the {{ if }} is false at line",
            Header + "modules:\n  a:\n    content: x\n    html: \"{{ if a }}<!--{{ end }}<div onclick='{{ ‸v }}'>x</div>\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "inside a <script> element, where escaping does not apply and data would run as code. Keep recipient data out of scripts and styles: put it in the element's text or a quoted data-… attribute elsewhere. (So it is when the loop runs more than once at line",
            Header + "modules:\n  a:\n    content: x\n    html: \"{{ for x in xs }}<p>{{ ‸x }}</p><script>{{ end }}</script>\"\n"
        },
        {
            DiagnosticCodes.MissingFile, "shows the image '../shared/logo.png', which is outside the catalog's folder",
            Header + "modules:\n  a:\n    content: \"See ‸![logo](../shared/logo.png)\"\n"
        },
        {
            DiagnosticCodes.MissingFile, "shows the image '/srv/images/logo.png', which is outside the catalog's folder",
            Header + "modules:\n  a:\n    content: x\n    print: \"‸![logo](/srv/images/logo.png)\"\n"
        },
        {
            DiagnosticCodes.UnsafeValuePosition, "part of an attribute's name",
            Header + "modules:\n  a:\n    content: x\n    html: \"<div class='x' {{ ‸attrs }}>c</div>\"\n"
        },
        {
            DiagnosticCodes.BuiltinReadAsValue, "In 'content' of module 'a': 'number' is the builtin function 'number', not a recipient field: builtins win over fields of the same name, and 'number' needs a value to work on ('amount | number'), so this would fail for every recipient. Read the recipient's field as 'recipient.number'.",
            Header + "modules:\n  a:\n    content: \"Your number: {{ ‸number }}\"\n"
        },
        {
            DiagnosticCodes.BuiltinReadAsValue, "'money' is the builtin function 'money'",
            Header + "modules:\n  a:\n    content: \"{{ if ‸money > 5 }}rich{{ end }}\"\n"
        },
        {
            DiagnosticCodes.BuiltinReadAsValue, "'date' is the builtin group of functions 'date' ('date.…'), not a recipient field: builtins win over fields of the same name, so every recipient would get the list of its functions. Read the recipient's field as 'recipient.date'.",
            Header + "modules:\n  a:\n    content: \"Ordered on {{ ‸date }}\"\n"
        },
        {
            DiagnosticCodes.BuiltinReadAsValue, "In 'when' of module 'a': 'date' is the builtin group",
            Header + "modules:\n  a:\n    when: ‸date < \"2026-01-01\"\n    content: x\n"
        },
    };

    [Theory]
    [InlineData("{{ recipient.number }} {{ amount | number }} {{ number amount }} {{ date.local day }} {{ x = @number }}")]
    [InlineData("{{ math | object.keys | array.size }} {{ with date }}{{ end }} {{ string[\"upcase\"] \"a\" }}")]
    [InlineData("{{ for date in dates }}{{ date }}{{ end }} {{ if x == empty }}none{{ end }}")]
    public void Load_BuiltinsUsedAsBuiltins_AreNotMistakenForFields(string content)
    {
        var yaml = Header + "modules:\n  a:\n    content: '" + content + "'\n";

        var compiled = new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics);

        Assert.True(compiled, string.Join("\n", diagnostics));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_ReportsTheDiagnosticAtTheMarkedPosition(string code, string messageFragment, string markedYaml)
    {
        var (yaml, line, column) = StripMarker(markedYaml);

        var compiled = new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml");

        Assert.Equal(code == DiagnosticCodes.EmptyTagQuery, compiled);
        var match = diagnostics.FirstOrDefault(d => d.Code == code);
        Assert.True(match is not null, $"expected {code}, got:\n{string.Join("\n", diagnostics)}");
        Assert.Contains(messageFragment, match.Message, StringComparison.Ordinal);
        Assert.Equal(new SourceLocation("t.yaml", line, column), match.Location);
    }

    [Fact]
    public void Load_SenderWithNonAsciiNameAndDomain_IsAccepted()
    {
        // Only the part before the @ has no ASCII form: a display name is encoded, a domain written in punycode.
        const string yaml = "catalog: t\nmessages:\n  m:\n    body: hi\n    email:\n      from: \"Zoë Müller <zoe@bücher.example>\"\n      reply-to: '\"Jürgen@Desk\" <desk@bücher.example>'\n";

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"), string.Join("\n", diagnostics));
    }

    [Fact]
    public void Load_YamlSyntaxError_ReportsLineAndCode()
    {
        const string yaml = "catalog: t\nmodules:\n  a:\n    content: \"unterminated\n  b: hi\n";

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out var catalog, out var diagnostics, "t.yaml"));

        Assert.Null(catalog);
        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.YamlSyntax, error.Code);
        Assert.InRange(error.Location.Line, 4, 6);
        Assert.Contains("not well-formed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateIdAcrossFiles_PointsAtTheSecondDefinition()
    {
        var folder = Directory.CreateTempSubdirectory("oto-dup-");
        File.WriteAllText(Path.Combine(folder.FullName, "a.yaml"), "catalog: t\nmodules:\n  hero-a: hi\n");
        File.WriteAllText(Path.Combine(folder.FullName, "b.yaml"), "modules:\n  other: x\n  hero-a: again\n");

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.FullName, out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.DuplicateId, error.Code);
        Assert.Equal(new SourceLocation(Path.Combine(folder.FullName, "b.yaml"), 3, 3), error.Location);
        Assert.Contains("a.yaml(3,3)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("de-DE", false)]
    [InlineData("en_us", true)]
    public void Load_TheLocaleSetInTwoFiles_MustBeTheSame(string second, bool loads)
    {
        // The later file's locale used to replace the earlier one's without a word.
        var folder = Directory.CreateTempSubdirectory("oto-locale-");
        File.WriteAllText(Path.Combine(folder.FullName, "a.yaml"), "catalog: t\nlocale: en-US\nmodules:\n  m: '{{ 1234.5 | number 1 }}'\nslots:\n  s: { from: [m] }\n");
        File.WriteAllText(Path.Combine(folder.FullName, "b.yaml"), $"messages:\n  hi: {{ body: '{{{{ slot \"s\" }}}}' }}\nlocale: {second}\n");

        Assert.Equal(loads, new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.FullName, out var catalog, out var diagnostics));

        if (loads)
        {
            Assert.Equal("1,234.5", catalog!.Render(catalog.Decide(TestCatalogs.Person(("id", "1")), "hi"), Channel.Text).Body.Trim());
            return;
        }

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.InvalidValue, new SourceLocation(Path.Combine(folder.FullName, "b.yaml"), 3, 9)), (error.Code, error.Location));
        Assert.Contains($"'de-DE', but {Path.Combine(folder.FullName, "a.yaml")}(2,9) already set it to 'en-US'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("modules:\n  a:\n    content: ‸~\n", "Content has no value: '~' written unquoted is YAML's null. Write the value;")]
    [InlineData("modules:\n  a: A\nmessages:\n  m:\n    subject: ‸null\n    body: '{{ slot \"s\" }}'\n", "Subject has no value: 'null' written unquoted")]
    [InlineData("modules:\n  a: A\nmessages:\n  m:\n    email: { to-field: ‸~ }\n    body: '{{ slot \"s\" }}'\n", "To-field has no value")]
    [InlineData("modules:\n  a: A\nmessages:\n  m:\n    required: [a, ‸NULL]\n    body: '{{ slot \"s\" }}'\n", "An entry of 'required' has no value: 'NULL'")]
    [InlineData("modules:\n  a: { content: A, priority: ‸~ }\nmessages:\n  m:\n    body: '{{ slot \"s\" }}'\n", "Priority has no value: '~'")]
    public void Load_AnUnquotedNullWhereAValueIsExpected_IsAnError(string body, string message)
    {
        // '~' and 'null' were read as the text '~' and 'null': a module showing '~', a subject 'null', the address read
        // from a field named '~'.
        var (yaml, line, column) = StripMarker(Header + "slots:\n  s: { from: [a] }\n" + body);

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));

        var error = Assert.Single(diagnostics, d => d.Code == DiagnosticCodes.WrongType);
        Assert.Equal(new SourceLocation("t.yaml", line, column), error.Location);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_AQuotedTildeIsText_AndANullDescriptionIsNone()
    {
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse("catalog: t\nmodules:\n  a: { content: '~', description: ~ }\nslots:\n  s: { from: [a], description: null }\nmessages:\n  m: { subject: \"null\", body: '{{ slot \"s\" }}', description: ~ }\n");

        var text = catalog.Render(catalog.Decide(TestCatalogs.Person(("id", "1")), "m"), Channel.Text);

        Assert.Equal(("null", "~"), (text.Subject, text.Body.Trim()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Load_AFileThatIsNotUtf8_IsAnErrorAtTheFirstBadByte(bool bom)
    {
        // A file saved as Windows-1252 loaded with each such byte made a U+FFFD, which every message then showed.
        var folder = Directory.CreateTempSubdirectory("oto-latin1-");
        var file = Path.Combine(folder.FullName, "a.yaml");
        var text = "catalog: t\r\nmodules:\r\n  a: \"Caf\u00e9 \u00fcber\"\r\nslots:\r\n  s: { from: [a] }\r\nmessages:\r\n  m: { body: '{{ slot \"s\" }}' }\r\n";
        File.WriteAllBytes(file, [.. bom ? Encoding.UTF8.Preamble : [], .. Encoding.Latin1.GetBytes(text)]);

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.FullName, out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.YamlSyntax, new SourceLocation(file, 3, 10)), (error.Code, error.Location));
        Assert.Contains("The file is not UTF-8: the byte 0xE9 here is not valid UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("utf-32")]
    public void Load_AFileInUtf8OrWithAUnicodeByteOrderMark_Loads(string encoding)
    {
        var folder = Directory.CreateTempSubdirectory("oto-unicode-");
        var text = "catalog: t\nmodules:\n  a: \"Caf\u00e9 \u20ac\"\nslots:\n  s: { from: [a] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n";
        var bytes = Encoding.GetEncoding(encoding);
        File.WriteAllBytes(Path.Combine(folder.FullName, "a.yaml"), [.. bytes.Preamble, .. bytes.GetBytes(text)]);

        var catalog = new CatalogLoader(TestCatalogs.Untimed).Load(folder.FullName);

        Assert.Equal("Caf\u00e9 \u20ac", catalog.Render(catalog.Decide(TestCatalogs.Person(("id", "1")), "m"), Channel.Text).Body.Trim());
    }

    [Theory]
    [InlineData("    contnet: hi\n    locales: { de: { content: Hallo } }\n", new[] { DiagnosticCodes.UnknownKey })]
    [InlineData("    locales: { de: { contnt: Hallo } }\n", new[] { DiagnosticCodes.MissingKey, DiagnosticCodes.UnknownKey })]
    public void Load_AModuleWithoutContent_IsReportedUnlessItsOwnKeyMisspellsIt(string module, string[] codes)
    {
        // Whether 'content' was misspelt was kept across mappings: a locale's keys cleared the module's misspelling (two
        // errors for one typo), and a locale's misspelling hid that the module has no content (found only a load later).
        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(Header + "modules:\n  a:\n" + module, out _, out var diagnostics, "t.yaml"));

        Assert.Equal(codes, diagnostics.Select(static d => d.Code));
    }

    [Fact]
    public void Load_EmptyFolder_ReportsNoCatalogFiles()
    {
        var folder = Directory.CreateTempSubdirectory("oto-empty-");

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.FullName, out _, out var diagnostics));

        Assert.Equal(DiagnosticCodes.NoCatalogFiles, Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void TryLoad_AFileThatCannotBeRead_IsADiagnosticNotAnException()
    {
        var folder = Directory.CreateTempSubdirectory("oto-unreadable-");
        File.WriteAllText(Path.Combine(folder.FullName, "a.yaml"), "catalog: t\nmodules:\n  m: x\n");
        File.CreateSymbolicLink(Path.Combine(folder.FullName, "b.yaml"), Path.Combine(folder.FullName, "gone.yaml"));

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.FullName, out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.NoCatalogFiles, Path.Combine(folder.FullName, "b.yaml")), (error.Code, error.Location.File));
        Assert.Contains("cannot be read", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("modules:\n  a:\n    tags: [x]\n  topics: [y]\n    content: hi\n  b: hi\n")] // a key slipped two spaces left
    [InlineData("modules:\n  a: { content: hi\n  b: hi\n")] // an unclosed '{'
    public void TryLoad_AFileWhoseYamlIsNotWellFormed_IsTheOneError_NotEveryUseOfItsIdsAsUndefined(string modules)
    {
        // The other files' uses of the ids the broken file defines were each reported as not defined (OTO1101, OTO1102,
        // OTO1105 …): eleven errors in catalog.yaml, sorted ahead of the one line in modules.yaml that was wrong.
        var folder = Directory.CreateTempSubdirectory("oto-broken-file-");
        File.WriteAllText(Path.Combine(folder.FullName, "catalog.yaml"), """
            catalog: t
            segments:
              vip: segment.gold
            slots:
              s: { from: [a, b], fallback: b }
              t: { from: { tag: x } }
            messages:
              m:
                body: '{{ slot "s" }}{{ slot "t" }}'
                required: [a]
            """);
        File.WriteAllText(Path.Combine(folder.FullName, "modules.yaml"), modules);
        File.WriteAllText(Path.Combine(folder.FullName, "segments.yaml"), "segments:\n  gold: tier == 'gold'\n");

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.FullName, out _, out var diagnostics));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.YamlSyntax, Path.Combine(folder.FullName, "modules.yaml")), (error.Code, error.Location.File));

        // Once the file reads, an id that is still not defined is reported as before.
        File.WriteAllText(Path.Combine(folder.FullName, "modules.yaml"), "modules:\n  a: { content: hi, tags: [x] }\n");
        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryLoad(folder.FullName, out _, out diagnostics));
        Assert.Equal([DiagnosticCodes.UndefinedModule, DiagnosticCodes.UndefinedModule], diagnostics.Select(static d => d.Code));
    }

    [Theory]
    [InlineData("modules:\n  a: { content: hi, priority: [5] }\n", "Priority must be a whole number, such as 'priority: 10', but it is a list.")]
    [InlineData("modules:\n  a: hi\nslots:\n  s: { pick: all, count: { n: 2 }, from: [a] }\n", "Count must be a whole number, such as 'count: 2', but it is a mapping.")]
    [InlineData("modules:\n  a: { content: hi, active: { from: [2026-12-01] } }\n", "From must be an ISO 8601 date such as 'from: 2026-12-01' or a date-time with offset, but it is a list.")]
    [InlineData("messages:\n  m: { body: hi, print: { margins: [25, 20, 20, 20] } }\n", "Margins must be one number of millimetres, or four separated by spaces (top right bottom left) such as 'margins: 25 20 20 20', but it is a list.")]
    [InlineData("messages:\n  m: { body: hi, print: { duplex: [true] } }\n", "Duplex must be true or false, but it is a list.")]
    [InlineData("experiments:\n  e: { arms: { a: [1], b: 1 }, coverage: [50%] }\n", "The weight of arm 'a' must be a number, such as 'a: 50', but it is a list.")]
    [InlineData("experiments:\n  e: { arms: { a: 1, b: 1 }, coverage: [50%] }\n", "Coverage must be a share of recipients, such as 'coverage: 50%', but it is a list.")]
    public void Load_AListOrMappingWhereANumberDateOrChoiceGoes_SaysWhatGoesThere_NotToQuoteItAsText(string yaml, string expected)
    {
        // Every such key was read as text first, so 'priority: [5]' was told "Priority must be text, but it is a list.
        // Quote it, or use 'key: |' for text over several lines": no advice for a number, and quoting it fails next.
        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse("catalog: t\n" + yaml, out _, out var diagnostics, "t.yaml"));

        var error = diagnostics.First(static d => d.Code == DiagnosticCodes.WrongType);
        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData("modules:\n  a: {{ first_name }}\n", 2, 6)]
    [InlineData("modules:\n  a:\n    content: {{ first_name }} says hi\n", 3, 14)]
    [InlineData("messages:\n  m:\n    body: hi\n    subject: {{ first_name }}, your news\n    email: { to-name: {{ first_name }} }\n", 4, 14)]
    public void Load_AValueThatStartsWithATemplateUnquoted_IsToldToQuoteIt(string yaml, int line, int column)
    {
        // YAML reads '{{ first_name }}' as a mapping whose key is a mapping: reported as "A key must be plain text …
        // Write the key as a simple word such as 'hero'", with "Module 'a' has no 'content'" or a YAML error further on.
        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(Header + yaml, out _, out var diagnostics, "t.yaml"));

        var error = Assert.Single(diagnostics);
        Assert.Equal((DiagnosticCodes.YamlSyntax, line + 1, column), (error.Code, error.Location.Line, error.Location.Column));
        Assert.StartsWith("A value that starts with '{{' must be in quotes, or YAML reads the braces as a mapping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_ReportsAllOfThemInFileOrder()
    {
        const string yaml = "catalog: t\nmodules:\n  a:\n    contnet: hi\n  b:\n    content: \"{{ x + }}\"\nslots:\n  s:\n    from: [a, nope]\n";

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));

        Assert.Equal(
            [DiagnosticCodes.UnknownKey, DiagnosticCodes.TemplateSyntax, DiagnosticCodes.UndefinedModule],
            diagnostics.Select(static d => d.Code));
        Assert.Equal([4, 6, 9], diagnostics.Select(static d => d.Location.Line));
    }

    [Fact]
    public void Load_UnclosedExpressionInABlock_ReportsOneErrorNotAnAvalanche()
    {
        const string yaml = "catalog: t\nmodules:\n  a:\n    content: |\n      ## Hi {{ first_name\n      More text {{ x }}\n";

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.TemplateSyntax, error.Code);
        Assert.InRange(error.Location.Line, 5, 6);
    }

    [Fact]
    public void Load_UnclosedExpression_FailingLinesLater_NamesWhereTheCodeBegan()
    {
        const string yaml = "catalog: t\nmodules:\n  a:\n    content: |\n      Hello {{ first_name\n      Welcome to the club.\n  b: \"Hi {{ first_name + }} there\"\n";

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));

        Assert.Equal([6, 7], diagnostics.Select(static d => d.Location.Line));
        Assert.All(diagnostics, static d => Assert.Equal(DiagnosticCodes.TemplateSyntax, d.Code));
        Assert.Contains("The code here began at the '{{' on line 5, column 13: if it was meant to end on that line, add '}}' there.", diagnostics[0].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("began at", diagnostics[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SegmentWithASyntaxError_IsReportedOnce_NotAsUndefinedWhereItIsUsed()
    {
        const string yaml = "catalog: t\nsegments:\n  vip: tier ==\nmodules:\n  a:\n    when: segment.vip\n    content: hi\n  b:\n    when: segment.vpi\n    content: hi\n";

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));

        Assert.Equal([DiagnosticCodes.ConditionSyntax, DiagnosticCodes.UndefinedSegment], diagnostics.Select(static d => d.Code));
        Assert.Equal([3, 9], diagnostics.Select(static d => d.Location.Line));
    }

    [Fact]
    public void Load_ConditionSyntaxError_GivesAdviceWithoutBraces()
    {
        const string yaml = "catalog: t\nmodules:\n  a:\n    when: gender == \"f\" && (iq > 3\n    content: hi\n";

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));

        var error = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.ConditionSyntax, error.Code);
        Assert.DoesNotContain("{{' has a matching", error.Message, StringComparison.Ordinal);
        Assert.Contains("A condition is one expression without '{{ }}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PipesIntoBuiltinsAndTemplateFunctions_Compile()
    {
        const string yaml = """
            catalog: t
            modules:
              a:
                when: (name | string.size) > 3
                content: |
                  {{ name | greet }} {{ n | math.round 2 | number 2 }} {{ total | money "EUR" }} {{ due | date.local "d" }}
                  {{ nickname | default name | string.downcase }} {{ name | object.default "x" }} {{ $0 | string.upcase }}
                  {{ func greet(v); ret v; end }}
            slots:
              s: { from: [a] }
            messages:
              m: { body: '{{ slot "s" }}' }
            """;

        Assert.True(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"), string.Join("\n", diagnostics));
    }

    [Fact]
    public void Load_TemplateSyntaxErrors_AreEachReportedOnce()
    {
        // Each template has one mistake ('d' a misspelt function); 'c' is both unclosed at the end and broken inside, which Scriban reports itself.
        const string yaml = "catalog: t\nmodules:\n  a: \"Hi {{ first_name + }} there\"\n  b: \"Hi {{ first_name \"\n  c: \"Hi {{ first_name + \"\n  d: \"{{ points | numbr 2 }}\"\n";

        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse(yaml, out _, out var diagnostics, "t.yaml"));

        Assert.Equal(
            [(DiagnosticCodes.TemplateSyntax, 3), (DiagnosticCodes.TemplateSyntax, 4), (DiagnosticCodes.TemplateSyntax, 5), (DiagnosticCodes.UnknownFunction, 6)],
            diagnostics.Select(static d => (d.Code, d.Location.Line)));
    }

    [Fact]
    public void Diagnostic_ToString_UsesTheCompilerFormat()
    {
        Assert.False(new CatalogLoader(TestCatalogs.Untimed).TryParse("catalog: t\nbogus: 1\n", out _, out var diagnostics, "c.yaml"));

        Assert.StartsWith("c.yaml(2,1): error OTO1002: Unknown key 'bogus'", diagnostics[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Throws_CatalogExceptionWithEveryDiagnostic()
    {
        var ex = Assert.Throws<CatalogException>(() => new CatalogLoader(TestCatalogs.Untimed).Parse("catalog: t\nx: 1\ny: 2\n"));

        Assert.Equal(2, ex.Diagnostics.Count);
        Assert.Contains("OTO1002", ex.Message, StringComparison.Ordinal);
    }

    private static (string Yaml, int Line, int Column) StripMarker(string marked)
    {
        var index = marked.IndexOf('‸', StringComparison.Ordinal);
        Assert.True(index >= 0, "the case has no ‸ marker");
        var before = marked[..index];
        var line = before.Count(static c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (marked.Remove(index, 1), line, column);
    }
}
