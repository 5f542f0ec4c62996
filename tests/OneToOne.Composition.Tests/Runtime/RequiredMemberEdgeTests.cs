using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

/// <summary>
/// Edge cases of the required-member rule (names that are no recipient fields, members Scriban gives values of its own,
/// tests and loops that may not reach a read), 'with' over every form of recipient, and OTO1201's unclosed-block
/// location: each renders a minimal message body for one recipient, on both render paths. (Found by a review.)
/// </summary>
public sealed class RequiredMemberEdgeTests
{
    private static string Render(bool compiled, string body, Recipient recipient)
    {
        var catalog = LoadBody(compiled, body);
        return catalog.Render(catalog.Decide(recipient, "m"), Channel.Text).Body.Trim();
    }

    // ---- Members Scriban or .NET provides: must not be rejected ----

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SizeOfText_FromJson_Renders(bool compiled) =>
        Assert.Equal("3", Render(compiled, "{{ name.size }}", Json("""{"id":"r1","name":"Ann"}""")));

    /// <summary>README: members Scriban gives values of its own ('name.size', a list's size) are not missing.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SizeOfAList_FromJson_Renders(bool compiled) =>
        Assert.Equal("2", Render(compiled, "{{ tags.size }}", Json("""{"id":"r1","tags":["a","b"]}""")));

    /// <summary>The same in a loop: each item's list's size.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SizeOfAListInLoopItems_FromJson_Renders(bool compiled) =>
        Assert.Equal("21", Render(compiled, "{{ for o in orders }}{{ o.lines.size }}{{ end }}", Json("""{"id":"r1","orders":[{"lines":[1,2]},{"lines":[3]}]}""")));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PocoDateYearAndListCount_Render(bool compiled) =>
        Assert.Equal("1990 2", Render(compiled, "{{ born.year }} {{ purchases.size }}",
            Recipient.FromObject(new { Id = "r1", Born = new DateTime(1990, 1, 2, 0, 0, 0, DateTimeKind.Unspecified), Purchases = new[] { new { Name = "a" }, new { Name = "b" } } })));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PocoListItems_MemberPresent_Renders_Missing_Rejects(bool compiled)
    {
        var recipient = Recipient.FromObject(new { Id = "r1", Purchases = new List<object> { new { Name = "a" }, new { Title = "b" } } });

        Assert.Equal("a", Render(compiled, "{{ for p in purchases }}{{ p.name }}{{ end }}", Recipient.FromObject(new { Id = "r1", Purchases = new[] { new { Name = "a" } } })));
        var ex = Assert.Throws<RecipientException>(() => Render(compiled, "{{ for p in purchases }}{{ p.name }}{{ end }}", recipient));
        Assert.Contains("item 2 of 'purchases' has no member 'name'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DictionaryOfStrings_FromDictionary_MemberPresentRenders_MissingRejects(bool compiled)
    {
        var good = Person(("id", "r1"), ("address", new Dictionary<string, string> { ["city"] = "Oslo" }));
        var bad = Person(("id", "r1"), ("address", new Dictionary<string, string> { ["street"] = "Main" }));

        Assert.Equal("Oslo|Oslo", Render(compiled, "{{ address.city }}|{{ address[\"city\"] }}", good));
        var ex = Assert.Throws<RecipientException>(() => Render(compiled, "{{ address.city }}", bad));
        Assert.Contains("the field 'address' has no member 'city'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ForElseAndTablerow_Render(bool compiled) =>
        Assert.Equal("a;none|a", Render(compiled,
            "{{ for p in purchases }}{{ p.name }};{{ end }}{{ for q in empty_list }}x{{ else }}none{{ end }}|{{ tablerow p in purchases }}{{ p.name }}{{ end }}",
            Json("""{"id":"r1","purchases":[{"name":"a"}],"empty_list":[]}""")).Replace("\n", string.Empty, StringComparison.Ordinal));

    /// <summary>Scriban's loop state 'for.index' (from 0) is no recipient field.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ForIndex_IsNotARecipientField(bool compiled) =>
        Assert.Equal("0a", Render(compiled, "{{ for p in purchases }}{{ for.index }}{{ p.name }}{{ end }}", Json("""{"id":"r1","purchases":[{"name":"a"}]}""")));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CaseWhenOnAMember_AndFuncParameters_Render(bool compiled) =>
        Assert.Equal("Oslo!|Main", Render(compiled,
            "{{ func street(a) }}{{ ret a.street }}{{ end }}{{ case address.country }}{{ when \"NO\" }}{{ address.city }}!{{ end }}|{{ street home }}",
            Json("""{"id":"r1","address":{"country":"NO","city":"Oslo"},"home":{"street":"Main"}}""")));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CapturedAndAssignedVariables_AreNotRecipientFields(bool compiled) =>
        Assert.Equal("x|X", Render(compiled,
            "{{ o = {city: \"x\"} }}{{ o.city }}|{{ capture c }}X{{ end }}{{ c }}",
            Json("""{"id":"r1"}""")));

    /// <summary>A list of text and a list of lists in a loop: each item's Scriban 'size'.</summary>
    [Theory]
    [InlineData(true, "[\"ab\",\"c\"]")]
    [InlineData(false, "[[1,2],[3]]")]
    public void SizeOfEachItem_InALoop_Renders(bool compiled, string tags) =>
        Assert.Equal("21", Render(compiled, "{{ for t in tags }}{{ t.size }}{{ end }}", Json($$"""{"id":"r1","tags":{{tags}}}""")));

    /// <summary>A nested .NET object's members are read by their snake_case names, as Scriban names them; the error for the property's own name says so.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void PocoNestedMember_BySnakeCase_Renders_ByPropertyName_IsRejectedSayingHow(bool compiled)
    {
        var recipient = Recipient.FromObject(new { Id = "r1", Address = new { City = "Oslo" } });

        var ok = Render(compiled, "{{ address.city }}|{{ Address.city }}", recipient);
        var ex = Assert.Throws<RecipientException>(() => Render(compiled, "{{ address.City }}", recipient));

        Assert.Equal("Oslo|Oslo", ok);
        Assert.Contains("but the field 'address' has no member 'City' (the members of a .NET object are read by their snake_case names: write 'city').", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NestedHashtableAndExpando_MemberPresentRenders(bool compiled)
    {
        dynamic expando = new System.Dynamic.ExpandoObject();
        expando.city = "Bergen";
        var recipient = Person(("id", "r1"), ("address", new System.Collections.Hashtable { ["city"] = "Oslo" }), ("home", (object)expando));

        Assert.Equal("Oslo|Bergen", Render(compiled, "{{ address.city }}|{{ home.city }}", recipient));
    }

    /// <summary>A .NET property that throws while the check reads it: the recipient is rejected (RecipientException), not a crash.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void APropertyThatThrows_IsARecipientError(bool compiled)
    {
        var outcome = Outcome(() => Render(compiled, "{{ address.geo.lat }}", Recipient.FromObject(new Holder())));

        Assert.Equal("rejected: reading a property of the recipient's .NET object threw InvalidOperationException: geo unavailable. Correct the object the recipient is made from, or give the recipient that value another way.", outcome);
    }

    /// <summary>A recipient object whose nested member throws when read.</summary>
    public sealed class Holder
    {
        /// <summary>Gets the id.</summary>
        public string Id => "r1";

        /// <summary>Gets the address.</summary>
        public Thrower Address { get; } = new();
    }

    /// <summary>An object whose member throws.</summary>
    public sealed class Thrower
    {
        /// <summary>Gets nothing: it throws.</summary>
        public object Geo => throw new InvalidOperationException("geo unavailable");
    }

    // ---- Lists that are the template's own, and reads a test or a loop's arguments may skip ----

    /// <summary>
    /// A loop over a list the template built itself, under a name a recipient field also has: the items read are the
    /// template's, but the check looks at the recipient's field of that name.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LoopOverAnAssignedListNamedLikeAField_IsNotCheckedAgainstTheField(bool compiled) =>
        Assert.Equal("x", Render(compiled,
            "{{ items = [{name: \"x\"}] }}{{ for p in items }}{{ p.name }}{{ end }}",
            Json("""{"id":"r1","items":[{"title":"t"}]}""")));

    /// <summary>A func parameter named like a field: the loop goes over the argument, not over the recipient's field.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LoopOverAFuncParameterNamedLikeAField_IsNotCheckedAgainstTheField(bool compiled) =>
        Assert.Equal("g", Render(compiled,
            "{{ func names(purchases) }}{{ for p in purchases }}{{ p.name }}{{ end }}{{ end }}{{ names gifts }}",
            Json("""{"id":"r1","purchases":[{"title":"t"}],"gifts":[{"name":"g"}]}""")));

    /// <summary>'{{ if card }}{{ card.limit }}{{ end }}' is safe whatever says "no card": null, false or "".</summary>
    [Theory]
    [InlineData(true, "false")]
    [InlineData(false, "false")]
    [InlineData(true, "\"\"")]
    public void IfFieldThenMember_FieldFalseOrEmpty_Renders(bool compiled, string card) =>
        Assert.Equal("[]", Render(compiled, "[{{ if card }}{{ card.limit }}{{ end }}]", Json($$"""{"id":"r1","card":{{card}}}""")));

    /// <summary>A loop's 'limit:' never reaches item 2, so item 2 is not required to have the member; 'limit' is no field either.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LoopWithLimit_ItemsPastTheLimitAreNotRequired(bool compiled) =>
        Assert.Equal("a", Render(compiled, "{{ for p in purchases limit:1 }}{{ p.name }}{{ end }}", Json("""{"id":"r1","purchases":[{"name":"a"},{"title":"b"}]}""")));

    /// <summary>A heterogeneous list, each item's members read under a test of its kind.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void HeterogeneousLoop_MemberReadUnderAKindTest_Renders(bool compiled) =>
        Assert.Equal("A", Render(compiled,
            "{{ for p in items }}{{ if p.kind == \"book\" }}{{ p.author }}{{ end }}{{ end }}",
            Json("""{"id":"r1","items":[{"kind":"book","author":"A"},{"kind":"cd"}]}""")));

    // ---- with ----

    /// <summary>'with' over a function's result: the function runs once.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WithOverAFunctionResult_RunsItOnce(bool compiled) =>
        Assert.Equal("1", Render(compiled,
            "{{ n = 0 }}{{ func o }}{{ n = n + 1 }}{{ ret {a: n} }}{{ end }}{{ with o }}{{ a }}{{ end }}",
            Json("""{"id":"r1"}""")));

    /// <summary>'with' over a function that writes text: the text must be written once.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WithOverAFunctionThatWrites_WritesOnce(bool compiled) =>
        Assert.Equal("X1", Render(compiled,
            "{{ func o }}X{{ ret {a: 1} }}{{ end }}{{ with o }}{{ a }}{{ end }}",
            Json("""{"id":"r1"}""")));

    /// <summary>'with' over a dictionary/object and JSON: an assignment inside behaves alike and never escapes as a non-recipient error.</summary>
    [Theory]
    [InlineData(true, "json")]
    [InlineData(false, "dictionary")]
    [InlineData(true, "object")]
    public void WithAssignmentInside_BehavesAlikeForEveryForm(bool compiled, string form)
    {
        var recipient = form switch
        {
            "json" => Json("""{"id":"r1","address":{"city":"Oslo"}}"""),
            "dictionary" => Person(("id", "r1"), ("address", new Dictionary<string, object?> { ["city"] = "Oslo" })),
            _ => Recipient.FromObject(new { Id = "r1", Address = new { City = "Oslo" } }),
        };

        var outcome = Outcome(() => Render(compiled, "{{ with address }}{{ x = 1 }}{{ city }}{{ x }}{{ end }}", recipient));
        var json = Outcome(() => Render(compiled, "{{ with address }}{{ x = 1 }}{{ city }}{{ x }}{{ end }}", Json("""{"id":"r1","address":{"city":"Oslo"}}""")));

        Assert.Equal(json, outcome);
        Assert.DoesNotContain("crash", outcome, StringComparison.Ordinal);
    }

    private static string Outcome(Func<string> render)
    {
        try
        {
            return "ok:" + render();
        }
        catch (RecipientException ex)
        {
            var at = ex.Message.IndexOf("the template", StringComparison.Ordinal);
            return "rejected:" + (at >= 0 ? ex.Message[at..] : ex.Message[(ex.Message.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        }
        catch (Exception ex)
        {
            return "crash:" + ex.GetType().Name + ": " + ex.Message;
        }
    }

    /// <summary>Conditions and segments are not templates: a member they read is not required of the recipient.</summary>
    [Theory]
    [InlineData(true, "5")]
    [InlineData(false, "{}")]
    public void MembersReadByConditionsAndSegments_AreNotRequired(bool compiled, string address)
    {
        var catalog = Load(compiled, """
            catalog: t
            segments:
              oslo: address.city == "Oslo"
            modules:
              a: { when: 'segment.oslo || address.zip == "0150"', content: oslo }
              b: { content: other }
            slots:
              s: { from: [a, b] }
            messages:
              m:
                body: "{{ slot 's' }}"
            """);

        var body = catalog.Render(catalog.Decide(Json($$"""{"id":"r1","address":{{address}}}"""), "m"), Channel.Text).Body.Trim();

        Assert.Equal("other", body);
    }

    // ---- OTO1201 location (pin) ----

    [Theory]
    [InlineData("{{- if vip -}}\nVIP {{ for x in xs }}{{ x }}{{ end }}{{ case c }}{{ when 1 }}one{{ end }}", 5, 11, "'if'")]
    [InlineData("{{ if vip }}ok{{ end }}\n{{~ capture t ~}}\nx", 6, 11, "'capture'")]
    public void UnclosedBlock_IsReportedAtTheStatementThatLacksEnd(string content, int line, int column, string keyword)
    {
        var indented = string.Join('\n', content.Split('\n').Select(static l => "      " + l));
        var ex = Assert.Throws<CatalogException>(() => Parse("catalog: t\nmodules:\n  a:\n    content: |\n" + indented + "\nslots:\n  s: { from: [a] }\nmessages:\n  m:\n    body: \"{{ slot 's' }}\"\n"));

        var diagnostic = Assert.Single(ex.Diagnostics, d => d.Code == DiagnosticCodes.TemplateSyntax);
        Assert.True(diagnostic.Message.Contains($"the {keyword} here has no matching", StringComparison.Ordinal), diagnostic.ToString());
        Assert.Equal((line, column), (diagnostic.Location.Line, diagnostic.Location.Column));
    }

    // ---- Names that are not recipient fields (pin) ----

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void SegmentExperimentBuiltinsAndRecipientId_AreNotRequiredMembers(bool compiled)
    {
        var catalog = Load(compiled, """
            catalog: t
            segments:
              gold: tier == "gold"
            experiments:
              hero: { arms: { a: 1 } }
            messages:
              m:
                body: "{{ if segment.gold }}G{{ end }}|{{ experiment.hero.size }}|{{ string.size 'abc' }}|{{ (date.parse '2020-01-02').year }}|{{ recipient.id }}"
            """);

        var body = catalog.Render(catalog.Decide(Json("""{"id":"r1","tier":"gold"}"""), "m"), Channel.Text).Body.Trim();

        Assert.Equal("G|1|3|2020|r1", body);
    }
}
