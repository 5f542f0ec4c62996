using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Testing;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

public sealed class RenderingSafetyTests
{
    private const string Hostile = "<script>alert(1)</script>{{ 7*7 }}";

    [Fact]
    public void Render_Web_EscapesMarkupAndNeverEvaluatesTemplateSyntaxInData()
    {
        var decision = DesignExample.Decide(Person(("first_name", Hostile), ("gender", "female"), ("iq", 1)), "monthly");

        var web = DesignExample.Render(decision, Channel.Web);

        Assert.DoesNotContain("<script>", web.Body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;{{ 7*7 }}", web.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("49", web.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Text_KeepsDataLiteral()
    {
        var decision = DesignExample.Decide(Person(("first_name", Hostile), ("gender", "female"), ("iq", 1)), "monthly");

        var text = DesignExample.Render(decision, Channel.Text);

        Assert.StartsWith($"Hello {Hostile},\n", text.Body, StringComparison.Ordinal);
        Assert.Equal($"{Hostile}, your beer of the month", text.Subject);
    }

    [Fact]
    public void Render_AnErrorQuotingTheRecipientsIdAndValue_IsOneLine_WithControlAndBidiCharactersEscaped()
    {
        // The error is shown in a terminal or a log: data must not start an escape sequence, a new line, or reverse the text.
        var catalog = Parse("catalog: t\nmodules:\n  when: '{{ visit | date.local }}'\nslots:\n  s: { from: [when] }\nmessages:\n  m: { body: '{{ slot \"s\" }}' }\n");
        var decision = catalog.Decide(Person(("id", "r\u001B]52;c;x\u0007"), ("visit", "tomorrow\nerror: \u202Eall fine")), "m");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(decision, Channel.Text));

        Assert.DoesNotContain(ex.Message, static c => char.IsControl(c) || c is '\u202E');
        Assert.StartsWith("Recipient 'r\\u001B]52;c;x\\u0007', message 'm', module 'when'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'tomorrow\\nerror: \\u202Eall fine'", ex.Message, StringComparison.Ordinal);
        Assert.Equal("r\u001B]52;c;x\u0007", ex.RecipientId);
    }

    [Theory]
    [InlineData("**bold** _it_ [link](http://evil.example) # h")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("&amp; &lt; \\ ` ``` | ~")]
    public void Render_Web_MarkdownSyntaxInDataComesOutLiterally(string value)
    {
        var decision = DesignExample.Decide(Person(("first_name", value), ("gender", "male"), ("iq", 1)), "monthly");

        var web = DesignExample.Render(decision, Channel.Web);
        var text = DesignExample.Render(decision, Channel.Text);

        Assert.Contains($"<p>Hello {System.Net.WebUtility.HtmlEncode(value)},</p>", web.Body.Replace("&#39;", "'", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains($"Hello {value},", text.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Text_KeepsBracketsThatMakeNoLink_AsTheWebDoes()
    {
        var catalog = Parse("""
            catalog: t
            messages:
              m:
                body: "See [x][y], [a] and *b for {{ name }}"
            """);
        var decision = catalog.Decide(Person(("name", "Ann")), "m");

        Assert.Equal("See [x][y], [a] and *b for Ann\n", catalog.Render(decision, Channel.Text).Body);
        Assert.Equal("<p>See [x][y], [a] and *b for Ann</p>\n", catalog.Render(decision, Channel.Web).Body);
    }

    [Fact]
    public void Render_ValueInsideARawHtmlBlock_StaysInert()
    {
        var catalog = Parse("""
            catalog: t
            messages:
              m:
                body: |
                  <div class="card">{{ name }}</div>

                  <a title="{{ name }}">x</a> and `{{ name }}`
            """);

        var web = catalog.Render(catalog.Decide(Person(("name", "<script>\"x\" & 'y'</script>")), "m"), Channel.Web).Body;

        Assert.DoesNotContain("<script>", web, StringComparison.Ordinal);
        Assert.Contains("<div class=\"card\">&#60;script&#62;&#34;x&#34; &#38; &#39;y&#39;&#60;&#47;script&#62;</div>", web, StringComparison.Ordinal);
        Assert.Contains("<a title=\"&#60;script&#62;&#34;x&#34;", web, StringComparison.Ordinal);
        // Code is not decoded by Markdown: the value goes in as it is, and Markdig encodes it once.
        Assert.Contains("<code>&lt;script&gt;&quot;x&quot; &amp; 'y'&lt;/script&gt;</code>", web, StringComparison.Ordinal);
    }

    public static TheoryData<bool, string, string> UnsafeUrls
    {
        get
        {
            var data = new TheoryData<bool, string, string>();
            var places = new[]
            {
                "content: \"A [click]({{ url }})\"",
                "content: \"![img]({{ url }})\"",
                "content: \"[ref][r]\\n\\n[r]: {{ url }}\"",
                "content: \"<div>\\n<a href=\\\"{{ url }}\\\">raw</a>\\n</div>\"",
                "content: \"Inline <a href='{{ url }}'>raw</a>\"",
                "content: x\n    html: \"<a href=\\\"  {{ url }}\\\">a</a>\"",
                "content: x\n    html: \"<img src='{{ url }}'>\"",
            };
            var urls = new[] { "javascript:alert(1)", "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", " javascript:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)" };
            foreach (var compiled in new[] { true, false })
            {
                for (var i = 0; i < urls.Length; i++)
                {
                    data.Add(compiled, places[i % places.Length], urls[i]);
                    data.Add(compiled, places[(i + 3) % places.Length], urls[i]);
                    data.Add(compiled, places[(i + 5) % places.Length], urls[i]);
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(UnsafeUrls))]
    public void Render_AValueStartingAUrl_WithASchemeOtherThanHttpMailtoOrTel_FailsTheRecipient(bool compiled, string module, string url)
    {
        var catalog = Load(compiled, $"catalog: t\nmodules:\n  a:\n    {module}\nslots:\n  s: {{ from: [a] }}\nmessages:\n  m:\n    body: \"{{{{ slot 's' }}}}\"\n");
        var decision = catalog.Decide(Person(("id", "u1"), ("url", url)), "m");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(decision, Channel.Web));

        Assert.Contains("module 'a' at", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the field 'url' starts a URL with '", ex.Message, StringComparison.Ordinal);
        Assert.Equal("u1", ex.RecipientId);
        Assert.Throws<RecipientException>(() => catalog.RenderEmail(decision));
    }

    [Theory]
    [InlineData(true, "https://ok.example/?a=1&b=2", "https://ok.example/?a=1&amp;b=2")]
    [InlineData(false, "https://ok.example/?a=1&b=2", "https://ok.example/?a=1&amp;b=2")]
    [InlineData(true, "mailto:a@example.com", "mailto:a@example.com")]
    [InlineData(false, "TEL:+331234", "TEL:+331234")]
    [InlineData(true, "/offers/spring#top", "/offers/spring#top")]
    [InlineData(false, "page.html?x=a:b", "page.html?x=a:b")]
    public void Render_AValueStartingAUrl_WithASafeSchemeOrNone_IsTheLink(bool compiled, string url, string href)
    {
        var catalog = Load(compiled, "catalog: t\nmodules:\n  a:\n    content: \"[go]({{ url }})\"\n  b:\n    content: x\n    html: \"<a href=\\\"{{ url }}\\\">b</a>\"\nslots:\n  s: { pick: all, from: [a, b] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");

        var web = catalog.Render(catalog.Decide(Person(("url", url)), "m"), Channel.Web).Body;

        Assert.Equal($"<p><a href=\"{href}\">go</a></p>\n<a href=\"{href}\">b</a>\n", web);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_TextOverride_AValueInsideAUrlWrittenInTheText_IsPercentEncoded_OtherValuesAsTheyAre(bool compiled)
    {
        // A mail client links the URLs of a plain-text part: data must not add parameters to them or end them early. A
        // value that starts a word ("{{ v }}?q=") may itself be the URL: it is written as it is.
        var catalog = Load(compiled, """
            catalog: t
            modules:
              a:
                content: x
                text: "Hi {{ v }}: https://x.com/o/{{ v }}?c={{ v }} (mailto:{{ v }}) <www.x.com/{{ v }}> Note:{{ v }} {{ v }}?q={{ v }} [HTTPS://x.com/{{ if v }}{{ v }}{{ end }}]"
            slots:
              s: { from: [a] }
            messages:
              m:
                body: "{{ slot 's' }}"
            """);
        var decision = catalog.Decide(Person(("v", "a&b=2 c/d:e\n\"<x>")), "m");

        var text = catalog.Render(decision, Channel.Text).Body;

        const string Raw = "a&b=2 c/d:e\n\"<x>";
        const string Encoded = "a%26b%3D2%20c%2Fd%3Ae%0A%22%3Cx%3E";
        Assert.Equal($"Hi {Raw}: https://x.com/o/{Encoded}?c={Encoded} (mailto:{Encoded}) <www.x.com/{Encoded}> Note:{Raw} {Raw}?q={Raw} [HTTPS://x.com/{Encoded}]", text.TrimEnd('\n'));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AValueInsideAUrl_IsPercentEncodedSoItCannotAddParameters(bool compiled)
    {
        var catalog = Load(compiled, "catalog: t\nmodules:\n  a:\n    content: \"[pre](https://x.com/?q={{ v }}) <a href=\\\"https://x.com/{{ v }}\\\">r</a>\"\n  b:\n    content: x\n    html: \"<a href='mailto:{{ v }}'>b</a>\"\nslots:\n  s: { pick: all, from: [a, b] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");
        var decision = catalog.Decide(Person(("v", "a&b=2 c/d:e\r\n\"<x>")), "m");

        var web = catalog.Render(decision, Channel.Web).Body;
        var text = catalog.Render(decision, Channel.Text).Body;

        const string Encoded = "a%26b%3D2%20c%2Fd%3Ae%0D%0A%22%3Cx%3E";
        Assert.Equal($"<p><a href=\"https://x.com/?q={Encoded}\">pre</a> <a href=\"https://x.com/{Encoded}\">r</a></p>\n<a href='mailto:{Encoded}'>b</a>\n", web);
        Assert.StartsWith($"pre (https://x.com/?q={Encoded}) r\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_HtmlOverride_FoldsLineBreaksInAUrlAttribute(bool compiled)
    {
        var catalog = Load(compiled, "catalog: t\nmodules:\n  a:\n    content: x\n    html: \"<a href=\\\"{{ url }}\\\" title=\\\"{{ url }}\\\">a</a>\"\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");

        var web = catalog.Render(catalog.Decide(Person(("url", "https://ok.example/\r\nx\"y")), "m"), Channel.Web).Body;

        Assert.Equal("<a href=\"https://ok.example/  x&quot;y\" title=\"https://ok.example/\r\nx&quot;y\">a</a>\n", web);
    }

    [Theory]
    [InlineData(true, "SAVE-10", "<p>Use <code>SAVE-10</code> at checkout</p>\n<pre><code>SAVE-10\n</code></pre>\n<pre><code>    code SAVE-10\n</code></pre>\n", "Use SAVE-10 at checkout\n\nSAVE-10\n\n    code SAVE-10\n")]
    [InlineData(false, "SAVE-10", "<p>Use <code>SAVE-10</code> at checkout</p>\n<pre><code>SAVE-10\n</code></pre>\n<pre><code>    code SAVE-10\n</code></pre>\n", "Use SAVE-10 at checkout\n\nSAVE-10\n\n    code SAVE-10\n")]
    [InlineData(true, "```\n<b>`x`</b>", "<p>Use <code>ˋˋˋ &lt;b&gt;ˋxˋ&lt;/b&gt;</code> at checkout</p>\n<pre><code>ˋˋˋ &lt;b&gt;ˋxˋ&lt;/b&gt;\n</code></pre>\n<pre><code>    code ``` &lt;b&gt;`x`&lt;/b&gt;\n</code></pre>\n", "Use ˋˋˋ <b>ˋxˋ</b> at checkout\n\nˋˋˋ <b>ˋxˋ</b>\n\n    code ``` <b>`x`</b>\n")]
    [InlineData(false, "~~~", "<p>Use <code>~~~</code> at checkout</p>\n<pre><code>˜˜˜\n</code></pre>\n<pre><code>    code ~~~\n</code></pre>\n", "Use ~~~ at checkout\n\n˜˜˜\n\n    code ~~~\n")]
    public void Render_AValueInMarkdownCode_IsWrittenAsItIsAndCannotEndTheCode(bool compiled, string value, string web, string text)
    {
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: \"Use `{{ code }}` at checkout\\n\\n```\\n{{ code }}\\n```\\n\\n        code {{ code }}\\n\"\n");
        var decision = catalog.Decide(Person(("code", value)), "m");

        Assert.Equal(web, catalog.Render(decision, Channel.Web).Body);
        Assert.Equal(text, catalog.Render(decision, Channel.Text).Body);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AValueWithPipesInACodeSpanInATableCell_StaysInItsCell(bool compiled)
    {
        // GFM splits a row at every pipe, even inside code; Markdig reads code spans first, so the value cannot add columns.
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: \"| code | note |\\n|---|---|\\n| `{{ code }}` | {{ note }} |\\n\"\n");
        var decision = catalog.Decide(Person(("code", "a | b |c"), ("note", "x|y")), "m");

        var web = catalog.Render(decision, Channel.Web).Body;

        Assert.Contains("<td><code>a | b |c</code></td>\n<td>x|y</td>\n</tr>", web, StringComparison.Ordinal);
        Assert.Equal(2, web.Split("<td>").Length - 1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AValueThatIsCodeOnlyInSomeBranches_IsEscapedAsText(bool compiled)
    {
        // With the list item from the 'else if' branch, the indented line is the item's paragraph, not a code block; in a
        // loop, a fence opened in one round closes in the next. A value written there as it is would be Markdown and HTML.
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: \"{{ if v == 'x' }}Hi{{ else if v }}* {{ v }}{{ end }}\\n\\n    indented {{ v }}\\n\\n{{ for i in 1..2 }}```\\n{{ v }}\\n{{ end }}\"\n");
        var decision = catalog.Decide(Person(("v", "<b>bold</b> `tick`")), "m");

        var web = catalog.Render(decision, Channel.Web).Body;

        Assert.DoesNotContain("<b>", web, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>tick</code>", web, StringComparison.Ordinal);
        Assert.Contains("<li>", web, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_AnEmptyValueThatClosesAFence_LeavesTheNextValueEscaped(bool compiled)
    {
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    body: \"```\\n{{ a }}```\\n{{ b }}\\n```\\n\"\n");

        var web = catalog.Render(catalog.Decide(Person(("a", ""), ("b", "<img src=x onerror=alert(1)>")), "m"), Channel.Web).Body;

        Assert.DoesNotContain("<img", web, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<!--> <a href=\\\"{{ v }}\\\">one</a> <!-- end -->")]
    [InlineData("<!---> <a href=\\\"{{ v }}\\\">one</a> <!-- end -->")]
    [InlineData("<!-- x --!> <a href=\\\"{{ v }}\\\">two</a> -->")]
    [InlineData("<title><!--</title><a href=\\\"{{ v }}\\\">x</a>")]
    [InlineData("<TEXTAREA><!--</textarea ><a href=\\\"{{ v }}\\\">x</a>")]
    [InlineData("<a ='x href=\\\"{{ v }}\\\" y'>x</a>")]
    [InlineData("<div><animate attributeName=\\\"href\\\" values=\\\"{{ v }}\\\"/><set attributeName=\\\"href\\\" to=\\\"{{ v }}\\\"/></div>")]
    public void Render_AUrlValueAfterACommentABrowserEndsEarly_OrInAnAnimation_OrAfterAnOddAttributeName_IsChecked(string html)
    {
        foreach (var compiled in new[] { true, false })
        {
            var catalog = Load(compiled, $"catalog: t\nmodules:\n  a:\n    content: x\n    html: \"{html}\"\nslots:\n  s: {{ from: [a] }}\nmessages:\n  m:\n    body: \"{{{{ slot 's' }}}}\"\n");
            var decision = catalog.Decide(Person(("id", "r"), ("v", "javascript:alert(1)")), "m");

            var ex = Assert.Throws<RecipientException>(() => catalog.Render(decision, Channel.Web));
            Assert.Contains("javascript", ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{{ if a }}<!--{{ end }}<a href=\\\"{{ v }}\\\">x</a>")]
    [InlineData("{{ if a }}<textarea>{{ end }}<a href=\\\"{{ v }}\\\">x</a>")]
    [InlineData("<a {{ if a }}title{{ else }}href{{ end }}=\\\"{{ v }}\\\">x</a>")]
    [InlineData("{{ case a }}{{ when true }}<!--{{ end }}<a href=\\\"{{ v }}\\\">x</a>")]
    [InlineData("{{ for x in xs }}{{ x }}<a href=\\\"{{ end }}\\\">x</a>")]
    public void Render_AUrlValueThatOnlyOneWayOfABranchOrLoopPutsInAUrl_IsChecked(string html)
    {
        foreach (var compiled in new[] { true, false })
        {
            var catalog = Load(compiled, $"catalog: t\nmodules:\n  a:\n    content: x\n    html: \"{html}\"\nslots:\n  s: {{ from: [a] }}\nmessages:\n  m:\n    body: \"{{{{ slot 's' }}}}\"\n");
            var decision = catalog.Decide(
                Person(("id", "r"), ("a", false), ("v", "javascript:alert(1)"), ("xs", new[] { "https://example.com/", "javascript:alert(2)" })), "m");

            var ex = Assert.Throws<RecipientException>(() => catalog.Render(decision, Channel.Web));
            Assert.Contains("javascript", ex.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("  padded  ")]
    [InlineData("\u00A0nbsp\u00A0")]
    [InlineData("    four")]
    [InlineData("trailing  ")]
    public void Render_EdgeWhiteSpaceInValues_IsKeptLiterally(string value)
    {
        var catalog = Parse("catalog: t\nmessages:\n  m:\n    body: |\n      {{ v }}\n\n      ## [{{ v }}]\n");

        var decision = catalog.Decide(Person(("v", value)), "m");
        var web = catalog.Render(decision, Channel.Web).Body;

        Assert.Equal($"<p>{value}</p>\n<h2>[{value}]</h2>\n", System.Net.WebUtility.HtmlDecode(web));
    }

    [Fact]
    public void Render_Subject_FoldsLineBreaksSoDataCannotAddHeaders()
    {
        var decision = DesignExample.Decide(Person(("first_name", "Ann\r\nBcc: all@example.com"), ("gender", "male"), ("iq", 1)), "monthly");

        var rendered = DesignExample.Render(decision, Channel.Text);

        Assert.DoesNotContain('\n', rendered.Subject);
        Assert.DoesNotContain('\r', rendered.Subject);
        Assert.Equal("Ann  Bcc: all@example.com, your beer of the month", rendered.Subject);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_OneLineValues_DropBidiOverrides_SoDataCannotReverseASubject(bool compiled)
    {
        var catalog = Load(compiled, "catalog: t\nmessages:\n  m:\n    subject: \"Invoice for {{ name }}.pdf\"\n    body: hi\n    email:\n      to-name: \"{{ name }}\"\n");
        var decision = catalog.Decide(Person(("name", "Ann\u202Eexe.\u2067x\u2069 \u200Fok")), "m");

        Assert.Equal("Invoice for Annexe.x \u200Fok.pdf", catalog.Render(decision, Channel.Text).Subject);
        Assert.Equal("Annexe.x \u200Fok", catalog.RenderEmail(decision).ToName);
    }

    [Fact]
    public void Render_HtmlOverride_HtmlEncodesValues()
    {
        var catalog = Parse("""
            catalog: t
            modules:
              a:
                content: "Hi {{ name }}"
                html: "<p class=\"x\">Hi {{ name }}</p>"
            slots:
              s: { from: [a] }
            messages:
              m:
                body: "{{ slot 's' }}"
            """);

        var rendered = catalog.Render(catalog.Decide(Person(("name", "\"><b>x</b>")), "m"), Channel.Web);

        Assert.Equal("<p class=\"x\">Hi &quot;&gt;&lt;b&gt;x&lt;/b&gt;</p>", rendered.Body.Trim());
    }

    [Fact]
    public void Render_MissingField_IsAnErrorNamingRecipientModuleAndField()
    {
        var decision = DesignExample.Decide(Person(("id", "r9"), ("gender", "female"), ("iq", 1)), "monthly");

        var ex = Assert.Throws<RecipientException>(() => DesignExample.Render(decision, Channel.Web));

        Assert.Equal("r9", ex.RecipientId);
        Assert.Contains("'first_name'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Recipient 'r9'", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Location);
    }

    [Theory]
    [InlineData(Channel.Text, "subject_name")]
    [InlineData(Channel.Text, "body_name")]
    [InlineData(Channel.Web, "subject_name")]
    [InlineData(Channel.Web, "body_name")]
    public void RenderIntoAWriter_WritesNothing_WhenTheSubjectOrTheBodyFails(Channel channel, string missing)
    {
        var catalog = Parse("""
            catalog: t
            messages:
              m:
                subject: "For {{ subject_name }}"
                body: |
                  Hello {{ body_name }}, a long enough body.

                  {{ for i in 1..3 }}Line {{ i }} for {{ body_name }}.
                  {{ end }}
            """);
        var complete = Person(("id", "w1"), ("subject_name", "Ann"), ("body_name", "Bo"));
        var fields = new[] { ("id", (object?)"w1"), ("subject_name", (object?)"Ann"), ("body_name", (object?)"Bo") }.Where(f => f.Item1 != missing).ToArray();
        using var body = new StringWriter();

        Assert.Equal("For Ann", catalog.Render(catalog.Decide(complete, "m"), channel, body));
        Assert.Contains("Line 3 for Bo.", body.ToString(), StringComparison.Ordinal);
        body.GetStringBuilder().Clear();
        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(fields), "m"), channel, body));

        Assert.Contains($"'{missing}'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, body.ToString());
    }

    [Fact]
    public void Render_NullIsNotMissing_AndDefaultGuardsAMissingField()
    {
        var catalog = Parse("""
            catalog: t
            messages:
              m:
                body: "[{{ nick | default 'friend' }}] [{{ middle }}] [{{ other ?? 'x' }}]"
            """);

        var rendered = catalog.Render(catalog.Decide(Person(("middle", null)), "m"), Channel.Text);

        Assert.Equal("[friend] [] [x]\n", rendered.Body);
    }

    [Fact]
    public void Render_ModuleThatIsNotChosen_DoesNotNeedItsFields()
    {
        var decision = DesignExample.Decide(Person(("first_name", "A"), ("gender", "female"), ("iq", 1)), "monthly");

        Assert.Contains("A lighter pour", DesignExample.Render(decision, Channel.Text).Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RunawayLoop_FailsThatRecipientWithALimitError()
    {
        var catalog = Parse("""
            catalog: t
            messages:
              m:
                body: "{{ for i in 1..100000 }}x{{ end }}"
            """);

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "a")), "m"), Channel.Text));

        Assert.Contains("loop", ex.Message, StringComparison.OrdinalIgnoreCase);
        // Inside the 'for' statement on the YAML line, not in an extracted string.
        Assert.Equal(4, ex.Location!.Value.Line);
        Assert.InRange(ex.Location.Value.Column, 14, 36);
    }

    [Theory]
    [InlineData("{{ for a in 1..40 }}{{ for b in 1..24 }}{{ end }}{{ end }}x", true)]
    [InlineData("{{ for a in 1..1000 }}{{ end }}{{ for b in 1..1000 }}{{ end }}x", true)]
    [InlineData("{{ for a in 1..40 }}{{ for b in 1..25 }}{{ end }}{{ end }}x", false)]
    [InlineData("{{ for a in 1..40 }}{{ for b in 1..40 }}{{ end }}{{ end }}x", false)]
    public void Render_LoopLimit_CountsALoopTogetherWithTheLoopsNestedInIt(string body, bool renders)
    {
        var catalog = Parse($"catalog: t\nmessages:\n  m:\n    body: \"{body}\"\n");
        string Render() => catalog.Render(catalog.Decide(Person(("id", "n")), "m"), Channel.Text).Body;

        if (renders)
        {
            Assert.Equal("x\n", Render());
            return;
        }

        var ex = Assert.Throws<RecipientException>(Render);
        Assert.Contains("a loop ran more than 1,000 iterations, counting those of the loops nested inside it (RenderLimits.MaxLoopIterations)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TimeBudget_StopsALongRender()
    {
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(5));
        var catalog = new CatalogLoader(CompositionOptions.Default with { TimeProvider = clock, Limits = RenderLimits.Default with { TimeBudget = TimeSpan.FromMilliseconds(50) } })
            .Parse("catalog: t\nmessages:\n  m:\n    body: \"{{ for i in 1..500 }}x{{ end }}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "a")), "m"), Channel.Text));

        Assert.Contains("time budget", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TimeBudget_StopsARecursionWithoutAnyLoop()
    {
        // 2^15 calls, well within the recursion depth and without a loop step: only the evaluation itself can see the clock.
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(5));
        var catalog = new CatalogLoader(CompositionOptions.Default with { TimeProvider = clock, Limits = RenderLimits.Default with { TimeBudget = TimeSpan.FromMilliseconds(50) } })
            .Parse("catalog: t\nmodules:\n  deep:\n    content: \"{{ func f(n); if n > 0; f(n-1); f(n-1); end; end; f(depth) }}\"\nslots:\n  s: { from: [deep] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r1"), ("depth", 14)), "m"), Channel.Text));

        Assert.Equal("r1", ex.RecipientId);
        Assert.Contains("module 'deep'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("time budget of 50 ms", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_TimeBudget_StopsAnExponentialRecursionOnTheRealClock()
    {
        var catalog = new CatalogLoader(CompositionOptions.Default with { Limits = RenderLimits.Default with { TimeBudget = TimeSpan.FromMilliseconds(100) } })
            .Parse("catalog: t\nmessages:\n  m:\n    body: \"{{ func f(n); if n > 0; f(n-1); f(n-1); end; end; f(depth) }}\"\n");
        var decision = catalog.Decide(Person(("id", "r2"), ("depth", 40)), "m");

        // 2^41 calls would run for days: the render must give up after about its budget (else WaitAsync times out, after a
        // limit for hangs: a thread at load 60 can wait long for a processor, and then finds its budget spent).
        var ex = await Task.Run(() => Assert.Throws<RecipientException>(() => catalog.Render(decision, Channel.Text))).WaitAsync(Waits.Hang);

        Assert.Contains("time budget of 100 ms", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(RenderLimits.MaxLoopIterations))]
    [InlineData(nameof(RenderLimits.MaxRecursionDepth))]
    [InlineData(nameof(RenderLimits.MaxOutputLength))]
    [InlineData(nameof(RenderLimits.TimeBudget))]
    public void RenderLimits_ZeroOrNegative_IsRefusedNamingTheLimit(string limit)
    {
        foreach (var value in new[] { 0, -1 })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => limit switch
            {
                nameof(RenderLimits.MaxLoopIterations) => RenderLimits.Default with { MaxLoopIterations = value },
                nameof(RenderLimits.MaxRecursionDepth) => RenderLimits.Default with { MaxRecursionDepth = value },
                nameof(RenderLimits.MaxOutputLength) => RenderLimits.Default with { MaxOutputLength = value },
                _ => RenderLimits.Default with { TimeBudget = TimeSpan.FromMilliseconds(value) },
            });

            Assert.Equal(limit, ex.ParamName);
            Assert.Contains($"RenderLimits.{limit} must be", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CompositionOptions_ANullLimitsOrClock_IsRefusedNamingIt_NotANullReferenceExceptionAtTheFirstDecide()
    {
        var limits = Assert.Throws<ArgumentNullException>(() => CompositionOptions.Default with { Limits = null! });
        var clock = Assert.Throws<ArgumentNullException>(() => CompositionOptions.Default with { TimeProvider = null! });

        Assert.Equal(nameof(CompositionOptions.Limits), limits.ParamName);
        Assert.Contains("CompositionOptions.Limits cannot be null", limits.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(CompositionOptions.TimeProvider), clock.ParamName);
        Assert.Contains("CompositionOptions.TimeProvider cannot be null", clock.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TimeBudgetOfMaxValue_MeansNoPracticalLimit()
    {
        var catalog = new CatalogLoader(CompositionOptions.Default with { Limits = RenderLimits.Default with { TimeBudget = TimeSpan.MaxValue } })
            .Parse("catalog: t\nmessages:\n  m:\n    body: \"{{ for i in 1..3 }}{{ i }}{{ end }} {{ 'abc' | regex.replace 'b' 'x' }}\"\n");

        Assert.Equal("123 axc\n", catalog.Render(catalog.Decide(Person(), "m"), Channel.Text).Body);
    }

    [Fact]
    public void Render_OutputLimit_StopsAnOversizedMessage()
    {
        var catalog = new CatalogLoader(CompositionOptions.Default with { Limits = RenderLimits.Default with { MaxOutputLength = 100 } })
            .Parse("catalog: t\nmessages:\n  m:\n    body: \"{{ for i in 1..50 }}0123456789{{ end }}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "a")), "m"), Channel.Text));

        Assert.Contains("limit", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(Channel.Text)]
    [InlineData(Channel.Web)]
    public void Render_AnOversizedValue_IsRejectedNamingTheModuleFieldAndLimit(Channel channel)
    {
        var catalog = new CatalogLoader(CompositionOptions.Default with { Limits = RenderLimits.Default with { MaxOutputLength = 1000 } })
            .Parse("catalog: t\nmodules:\n  note:\n    content: |\n      ## Hi\n      A note for {{ name }}.\nslots:\n  s: { from: [note] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "a"), ("name", new string('x', 1000))), "m"), channel));

        Assert.Contains("module 'note' at catalog.yaml(", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the field 'name' is 1,000 characters long; a value must stay under 1,000 characters (RenderLimits.MaxOutputLength)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("A note for " + new string('x', 900) + ".", catalog.Render(catalog.Decide(Person(("id", "a"), ("name", new string('x', 900))), "m"), Channel.Text).Body.Split('\n')[2]);
    }

    [Theory]
    [InlineData("pad_left")]
    [InlineData("pad_right")]
    public void Render_APaddingWidthAtTheOutputLimit_FailsTheRecipientBeforeThePaddingIsMade(string function)
    {
        // The padded text is never written (only its size is), so the output limit alone did not see it: a width of
        // 1,000,000,000 from the data or the catalog allocated 2 GB and took 26 s in one call, past the time budget.
        var catalog = new CatalogLoader(CompositionOptions.Default with { Limits = RenderLimits.Default with { MaxOutputLength = 100 } })
            .Parse($"catalog: t\nmessages:\n  m:\n    body: \"{{{{ name | string.{function} width | string.size }}}}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "a"), ("name", "Zoë"), ("width", 100)), "m"), Channel.Text));

        Assert.Contains($"'string.{function}' was asked for 100 characters; a value must stay under 100 characters (RenderLimits.MaxOutputLength)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("99\n", catalog.Render(catalog.Decide(Person(("id", "a"), ("name", "Zoë"), ("width", 99)), "m"), Channel.Text).Body);
    }

    [Fact]
    public void Render_ASentenceOfItemsAtTheOutputLimit_FailsTheRecipientBeforeItIsMade()
    {
        // Never written (only its size is), so the output limit alone did not see it: 900 items of a million characters
        // each made a sentence of 900 million (3.6 GB, 15 s in one call, past the time budget).
        var catalog = new CatalogLoader(CompositionOptions.Default with { Limits = RenderLimits.Default with { MaxOutputLength = 100 } })
            .Parse("catalog: t\nmessages:\n  m:\n    body: \"{{ items | array.to_sentence | string.size }}\"\n");
        var items = (int count) => Json($$"""{"id":"a","items":[{{string.Join(',', Enumerable.Repeat("\"abcdefgh\"", count))}}]}""");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(items(20), "m"), Channel.Text));

        Assert.Contains("'array.to_sentence' would make text of at least 103 characters (from its first 10 items); a value must stay under 100 characters (RenderLimits.MaxOutputLength)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("92\n", catalog.Render(catalog.Decide(items(9), "m"), Channel.Text).Body);
    }

    [Fact]
    public void Render_ToJsonOfAValueThatHoldsAListManyTimes_FailsTheRecipientBeforeItIsWritten()
    {
        // Ten references to one list, nine deep, wrote a billion items of JSON: gigabytes for minutes, past the time budget.
        var catalog = new CatalogLoader(CompositionOptions.Default with { Limits = RenderLimits.Default with { MaxOutputLength = 100 } })
            .Parse("catalog: t\nmessages:\n  m:\n    body: \"{{ x = ['ab', null, {k: 1}]; for i in 1..d; x = [x, x]; end; x | object.to_json | string.size }} {{ items | object.to_json }}\"\n");
        var recipient = (int depth) => Json($$$"""{"id":"a","d":{{{depth}}},"items":{"n":[1,"x"]}}""");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(recipient(3), "m"), Channel.Text));

        Assert.Contains("'object.to_json' would write at least 1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("characters; a value must stay under 100 characters (RenderLimits.MaxOutputLength)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("""41 {"n":[1,"x"]}""" + "\n", catalog.Render(catalog.Decide(recipient(1), "m"), Channel.Text).Body.Replace("&quot;", "\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_AListThatHoldsAListManyTimesWrittenAsText_FailsTheRecipientInsteadOfBeingCutShort()
    {
        // Scriban checks the limit on each member's text, not the whole: depth 6 (a million items) came out as 189,112
        // characters ending mid-list and the recipient counted as rendered; objects nine deep ran out of memory after 3 min.
        var catalog = new CatalogLoader(CompositionOptions.Default with { Limits = RenderLimits.Default with { MaxOutputLength = 1_000_000 } })
            .Parse("catalog: t\nmessages:\n  m:\n    body: \"{{ x = ['ab']; for i in 1..d; x = [x,x,x,x,x,x,x,x,x,x]; end; x }}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "a"), ("d", 6)), "m"), Channel.Text));

        Assert.Contains("a value the template writes would be written as at least 1,000,00", ex.Message, StringComparison.Ordinal);
        Assert.Contains("characters; a value must stay under 1,000,000 characters (RenderLimits.MaxOutputLength)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("[" + string.Join(", ", Enumerable.Repeat("[\"ab\"]", 10)) + "]\n", catalog.Render(catalog.Decide(Person(("id", "a"), ("d", 1)), "m"), Channel.Text).Body);
    }

    [Fact]
    public void Render_ToJsonOfALongRange_StopsCountingAtTheLimit()
    {
        // The count read a whole list before it looked at the limit again: it said 1,002 here, and a list of a billion
        // items would have been read whole (pushed on the count's stack) before it was refused.
        var catalog = new CatalogLoader(CompositionOptions.Default with { Limits = RenderLimits.Default with { MaxOutputLength = 100 } })
            .Parse("catalog: t\nmessages:\n  m:\n    body: \"{{ 1..1000 | object.to_json }}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "a")), "m"), Channel.Text));

        Assert.Contains("'object.to_json' would write at least 100 characters; a value must stay under 100 characters", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyMessagesInARow_AreNeverTruncated()
    {
        // Well over Scriban's 1 MiB running output count of one (pooled) context.
        var catalog = Parse("catalog: t\nmessages:\n  m:\n    body: \"{{ for i in 1..100 }}0123456789{{ end }}{{ n }}\"\n");

        for (var n = 0; n < 1500; n++)
        {
            var body = catalog.Render(catalog.Decide(Person(("n", n)), "m"), Channel.Text).Body;
            Assert.Equal(1000 + n.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 1, body.Length);
        }
    }

    [Fact]
    public void Render_Numbers_UseTheRecipientsLocaleElseTheCatalogDefault()
    {
        var catalog = Parse("""
            catalog: t
            locale: en-US
            messages:
              m:
                body: "{{ amount }} {{ amount | math.format 'N2' }}"
            """);

        string Body(params (string, object?)[] fields) => catalog.Render(catalog.Decide(Person(fields), "m"), Channel.Text).Body;

        Assert.Equal("1234.5 1,234.50\n", Body(("amount", 1234.5m)));
        Assert.Equal("1234,5 1.234,50\n", Body(("amount", 1234.5m), ("locale", "de-DE")));
    }

    [Theory]
    [InlineData("{{ date.format = \"%Y\" }}{{ day }}", "'date.format'", 18)]
    [InlineData("Hi {{ math.x = 1 }}", "'math.x'", 21)]
    [InlineData("{{ string[\"upcase\"] = 1 }}", "'string[\"upcase\"]'", 18)]
    public void Load_AnAssignmentToABuiltin_IsRefusedWhereItIsWritten(string content, string target, int column)
    {
        var yaml = $"catalog: t\nmodules:\n  a:\n    content: '{content}'\nslots:\n  s: {{ from: [a] }}\nmessages:\n  m:\n    body: \"{{{{ slot 's' }}}}\"\n";

        var compiled = new CatalogLoader().TryParse(yaml, out _, out var diagnostics, "t.yaml");

        Assert.False(compiled);
        var error = Assert.Single(diagnostics, static d => d.Code == OneToOne.Composition.Diagnostics.DiagnosticCodes.ForbiddenFunction);
        Assert.Contains($"{target} belongs to the builtins that every catalog shares", error.Message, StringComparison.Ordinal);
        Assert.Equal(new OneToOne.Composition.Diagnostics.SourceLocation("t.yaml", 4, column), error.Location);
    }

    [Theory]
    [InlineData("{{ with date }}{{ format = '%Y' }}{{ end }}")]
    [InlineData("{{ with math }}{{ x = 1 }}{{ end }}")]
    public void Render_ATemplateCannotChangeTheBuiltinsAnotherCatalogUses(string meddling)
    {
        var other = Parse("catalog: other\nmessages:\n  m:\n    body: \"{{ date.format }} {{ day | date.to_string date.format }} {{ math | object.keys | array.contains 'x' }}\"\n");
        string Other() => other.Render(other.Decide(Person(("day", new DateTime(2024, 3, 5, 0, 0, 0, DateTimeKind.Utc))), "m"), Channel.Text).Body;
        var before = Other();
        var meddler = Parse($"catalog: t\nmessages:\n  m:\n    body: \"{meddling}\"\n");

        var ex = Assert.Throws<RecipientException>(() => meddler.Render(meddler.Decide(Person(("id", "x")), "m"), Channel.Text));

        Assert.Contains("readonly", ex.Message, StringComparison.Ordinal);
        Assert.Equal("%d %b %Y 05 Mar 2024 false\n", before);
        Assert.Equal(before, Other());
    }

    [Fact]
    public void Decide_UnknownLocale_IsARecipientError()
    {
        var ex = Assert.Throws<RecipientException>(() => DesignExample.Decide(Person(("id", "z"), ("locale", "xx-NOPE")), "monthly"));

        Assert.Contains("xx-NOPE", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_TimeBudget_HoldsAcrossConditionsThatEachRunARegularExpression()
    {
        // Each condition is a few nodes, far fewer than the thousand between two looks at the clock: before, eight modules whose
        // regex.match each backtracked for just under the regex timeout (the budget) decided in eight budgets, for one
        // recipient whose value the catalog's pattern backtracks on. Here the clock moves 20 ms each time it is read.
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(20));
        var modules = string.Concat(Enumerable.Range(1, 8).Select(static i => $"  m{i}:\n    when: name | regex.match \"^(a+)+$\" | array.size == 0\n    content: m{i}\n"));
        var catalog = new CatalogLoader(CompositionOptions.Default with { TimeProvider = clock, Limits = RenderLimits.Default with { TimeBudget = TimeSpan.FromMilliseconds(50) } })
            .Parse($"catalog: t\nmodules:\n{modules}slots:\n  s: {{ pick: all, from: [m1, m2, m3, m4, m5, m6, m7, m8] }}\nmessages:\n  m:\n    body: \"{{{{ slot 's' }}}}\"\n");

        var ex = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "r1"), ("name", "aaab")), "m"));

        Assert.Equal("r1", ex.RecipientId);
        Assert.Contains("module 'm2'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("time budget of 50 ms; a regular expression takes long on the recipient's value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_UnknownMessage_ListsTheKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => DesignExample.Decide(Person(), "weekly"));

        Assert.Contains("monthly", ex.Message, StringComparison.Ordinal);
    }

    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
    }
}
