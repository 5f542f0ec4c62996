using FsCheck;
using FsCheck.Fluent;
using OneToOne.Composition.Contacts;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Decisioning;

public sealed class PolicyTests
{
    internal const string Yaml = """
        catalog: policy
        policy:
          consent:
            email: email_opt_in
            print: "!mail_suppressed"
          preferred-channel: preferred_channel
          opted-out-topics: opted_out
          caps:
            - { max: 2 per 7d, per: channel }
        modules:
          mortgage: { topics: [mortgages], content: "Mortgage" }
          card: { content: "Card" }
        slots:
          offer: { from: [mortgage, card] }
        messages:
          offer:
            channels: [email, print]
            topic: offers
            caps:
              - { max: 3 per 30d, per: topic }
            suppress:
              - { name: sleeping-dog, when: uplift < 0, reason: "sleeping dog: contact lowers response" }
              - { name: sure-thing, when: "baseline > 0.6 && uplift < 0.01", reason: "sure thing: buys anyway" }
            body: |
              {{ slot "offer" }}
        """;

    private static readonly DateTimeOffset Now = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    internal static Catalog Load(IContactHistory history, DateTimeOffset? now = null) =>
        new CatalogLoader(TestCatalogs.Untimed with { ContactHistory = history, TimeProvider = new FixedTime(now ?? Now) }).Parse(Yaml);

    internal static OneToOne.Composition.Recipients.Recipient Customer(string id, bool email = true, bool mailSuppressed = false, string? preferred = null, double uplift = 0.05, double baseline = 0.1, string? optedOut = null) =>
        Person(("id", id), ("email_opt_in", email), ("mail_suppressed", mailSuppressed), ("preferred_channel", preferred), ("uplift", uplift), ("baseline", baseline), ("opted_out", optedOut));

    /// <summary>Stands for a contact history in a database: the client gives up (the token is cancelled) during the first count.</summary>
    private sealed class ClientGoneWhileCounting(CancellationTokenSource client) : IContactHistory
    {
        public List<ContactQuery> Counted { get; } = [];

        public int Count(ContactQuery query)
        {
            Counted.Add(query);
            client.Cancel();
            return 0;
        }

        public void Record(ContactRecord contact) => throw new NotSupportedException();
    }

    [Fact]
    public void ACancelledDecide_CountsNoMoreContacts()
    {
        using var client = new CancellationTokenSource();
        var history = new ClientGoneWhileCounting(client);

        Assert.Throws<OperationCanceledException>(() => Load(history).Decide(Customer("c"), "offer", client.Token));

        Assert.Equal(["c"], history.Counted.Select(static q => q.RecipientId));
    }

    /// <summary>Stands for an embedder's own store that fails to count (its connection pool exhausted, a database gone).</summary>
    private sealed class FailingHistory(Exception failure) : IContactHistory
    {
        public int Count(ContactQuery query) => throw failure;

        public void Record(ContactRecord contact) => throw new NotSupportedException();
    }

    [Fact]
    public void Decide_AHistoryThatFailsToCount_ThrowsContactHistoryException_NamingTheRecipientAndCap_WithTheFailureInside()
    {
        var failure = new InvalidOperationException("the CRM's connection pool is exhausted");

        var error = Assert.Throws<ContactHistoryException>(() => Load(new FailingHistory(failure)).Decide(Customer("c-42"), "offer"));

        Assert.Equal("Recipient 'c-42', message 'offer': the contact history could not count the recipient's contacts for the cap 'max 2 per 7d per channel (email)', and caps are never skipped silently: InvalidOperationException: the CRM's connection pool is exhausted. Fix the contact history (or its connection), then run again.", error.Message);
        Assert.Same(failure, error.InnerException);

        // The history's own exception is named as it is, and kept inside the one that names the recipient.
        var own = new ContactHistoryException("Cannot read the contact history 'contacts.db': it is locked by another process.");
        var wrapped = Assert.Throws<ContactHistoryException>(() => Load(new FailingHistory(own)).Decide(Customer("c-43"), "offer"));
        Assert.Equal("Recipient 'c-43', message 'offer': the contact history could not count the recipient's contacts for the cap 'max 2 per 7d per channel (email)', and caps are never skipped silently: Cannot read the contact history 'contacts.db': it is locked by another process. Fix the contact history (or its connection), then run again.", wrapped.Message);
        Assert.Same(own, wrapped.InnerException);
    }

    [Fact]
    public void SuppressRules_AreCheckedInOrder_WithNameAndReason()
    {
        var catalog = Load(new InMemoryContactHistory());
        var dog = catalog.Decide(Customer("a", uplift: -0.02), "offer");
        Assert.True(dog.IsSuppressed);
        Assert.Equal("sleeping-dog", dog.SuppressedBy);
        Assert.Equal("sleeping dog: contact lowers response", dog.SuppressionReason);

        var sure = catalog.Decide(Customer("b", uplift: 0.001, baseline: 0.8), "offer");
        Assert.Equal("sure-thing", sure.SuppressedBy);
        Assert.Contains("✔ suppress rule sleeping-dog: uplift < 0 is false", sure.ToTraceString(), StringComparison.Ordinal);
        Assert.Contains("✘ suppress rule sure-thing", sure.ToTraceString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PreferenceAndOptOuts_KeptInANestedObject_AreReadThroughTheMemberPath()
    {
        // 'preferred-channel: prefs.channel' looked for a field named "prefs.channel": no preference, and no word of it.
        var yaml = Yaml.Replace("preferred-channel: preferred_channel", "preferred-channel: prefs.channel", StringComparison.Ordinal)
            .Replace("opted-out-topics: opted_out", "opted-out-topics: prefs.topics", StringComparison.Ordinal);
        var catalog = new CatalogLoader(TestCatalogs.Untimed with { ContactHistory = new InMemoryContactHistory(), TimeProvider = new FixedTime(Now) }).Parse(yaml);
        static OneToOne.Composition.Recipients.Recipient Nested(string prefs) => OneToOne.Composition.Recipients.Recipient.FromJson(
            global::System.Text.Json.JsonDocument.Parse($$"""{"id":"n","email_opt_in":true,"mail_suppressed":false,"uplift":0.05,"baseline":0.1,"prefs":{{prefs}}}""").RootElement);

        var print = catalog.Decide(Nested("""{"channel":"print","topics":["mortgages"]}"""), "offer");
        var email = catalog.Decide(Nested("""{"channel":"email","topics":null}"""), "offer");
        var optedOut = catalog.Decide(Nested("""{"channel":"email","topics":"offers"}"""), "offer");
        var missing = Assert.Throws<RecipientException>(() => catalog.Decide(Nested("""{"channel":"email"}"""), "offer"));

        Assert.Equal("print", print.Channel);
        Assert.Contains("✔ preference prefs.channel: \"print\": print is tried first", print.ToTraceString(), StringComparison.Ordinal);
        Assert.Equal(["card"], print.Slots.SelectMany(static s => s.ModuleIds));
        Assert.Equal("email", email.Channel);
        Assert.Equal(["mortgage"], email.Slots.SelectMany(static s => s.ModuleIds));
        Assert.Equal("opted out of topic 'offers'", optedOut.SuppressionReason);
        Assert.Contains("the field 'prefs.topics', which the recipient does not have", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Routing_PrefersTheRecipientsChannel_ElseTheNextAllowed_ElseSuppresses()
    {
        var catalog = Load(new InMemoryContactHistory());
        Assert.Equal("email", catalog.Decide(Customer("a"), "offer").Channel);
        Assert.Equal("print", catalog.Decide(Customer("b", preferred: "print"), "offer").Channel);
        Assert.Equal("print", catalog.Decide(Customer("c", email: false), "offer").Channel);
        var none = catalog.Decide(Customer("d", email: false, mailSuppressed: true), "offer");
        Assert.True(none.IsSuppressed);
        Assert.Equal("consent", none.SuppressedBy);
        Assert.Equal("no allowed channel: email: no consent (email_opt_in is false); print: no consent (!mail_suppressed is false)", none.SuppressionReason);
        Assert.Null(none.Channel);
        Assert.Contains("✘ consent email", none.ToTraceString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ARoutingSuppression_ReadsTheSame_WhateverChannelTheRecipientPrefers()
    {
        // A run's summary counts suppressions by their reason: the preference changes the order channels are tried in
        // (the trace shows it), not the reason, or one cause would be counted under as many reasons as there are preferences.
        var catalog = Load(new InMemoryContactHistory());
        var reasons = new[] { null, "email", "print", "Print" }
            .Select(preferred => catalog.Decide(Customer("d", email: false, mailSuppressed: true, preferred: preferred), "offer"))
            .Select(static d => d.SuppressionReason!)
            .Distinct(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(["no allowed channel: email: no consent (email_opt_in is false); print: no consent (!mail_suppressed is false)"], reasons);
        var trace = catalog.Decide(Customer("d", email: false, mailSuppressed: true, preferred: "print"), "offer").ToTraceString();
        Assert.True(trace.IndexOf("✘ consent print", StringComparison.Ordinal) < trace.IndexOf("✘ consent email", StringComparison.Ordinal), trace);
    }

    [Fact]
    public void Routing_ShowsThePreference_MatchesItsCaseInsensitively_AndSaysWhyItIsIgnored()
    {
        var catalog = Load(new InMemoryContactHistory());

        var capitalised = catalog.Decide(Customer("a", preferred: "Print"), "offer");
        var unknown = catalog.Decide(Customer("b", preferred: "sms"), "offer");
        var refused = catalog.Decide(Customer("c", mailSuppressed: true, preferred: "print"), "offer");

        Assert.Equal("print", capitalised.Channel);
        Assert.Contains("✔ preference preferred_channel: \"Print\": print is tried first", capitalised.ToTraceString(), StringComparison.Ordinal);
        Assert.Equal("email", unknown.Channel);
        Assert.Contains("✘ preference preferred_channel: \"sms\" ignored: it is none of the message's channels (email, print)", unknown.ToTraceString(), StringComparison.Ordinal);
        Assert.Equal("email", refused.Channel);
        Assert.Equal(
            [(PolicyCheckKind.Preference, "preferred_channel", true), (PolicyCheckKind.Consent, "print", false), (PolicyCheckKind.Consent, "email", true)],
            refused.PolicyChecks.Where(static c => c.Kind is PolicyCheckKind.Preference or PolicyCheckKind.Consent).Select(static c => (c.Kind, c.Subject, c.Passed)));
        Assert.DoesNotContain(catalog.Decide(Customer("d"), "offer").PolicyChecks, static c => c.Kind == PolicyCheckKind.Preference);

        // A value that is no text is named by its kind, not by a .NET type name.
        var list = catalog.Decide(Person(("id", "e"), ("email_opt_in", true), ("mail_suppressed", false), ("preferred_channel", new List<object?> { "print" }), ("uplift", 0.05), ("baseline", 0.1), ("opted_out", null)), "offer");
        var number = catalog.Decide(Person(("id", "f"), ("email_opt_in", true), ("mail_suppressed", false), ("preferred_channel", 2), ("uplift", 0.05), ("baseline", 0.1), ("opted_out", null)), "offer");
        Assert.Contains("✘ preference preferred_channel: a list ignored: a preferred channel is text, one of the message's channels (email, print)", list.ToTraceString(), StringComparison.Ordinal);
        var map = catalog.Decide(Person(("id", "g"), ("email_opt_in", true), ("mail_suppressed", false), ("preferred_channel", new Dictionary<string, object?> { ["first"] = "print" }), ("uplift", 0.05), ("baseline", 0.1), ("opted_out", null)), "offer");
        Assert.Contains("✘ preference preferred_channel: 2 ignored: a preferred channel is text", number.ToTraceString(), StringComparison.Ordinal);
        Assert.Contains("✘ preference preferred_channel: an object ignored: a preferred channel is text", map.ToTraceString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TopicOptOuts_SuppressTheMessage_OrRuleOutAModule()
    {
        var catalog = Load(new InMemoryContactHistory());
        var message = catalog.Decide(Customer("a", optedOut: "offers"), "offer");
        Assert.Equal("topic", message.SuppressedBy);
        var module = catalog.Decide(Customer("b", optedOut: "mortgages;loans"), "offer");
        Assert.Equal(["card"], module.GetSlot("offer")!.ModuleIds);
        Assert.Equal(CandidateOutcome.TopicOptedOut, module.GetSlot("offer")!.Candidates[0].Outcome);
    }

    /// <summary>
    /// A suppress rule that tests a value as true/false needs true, false or null: "yes" in 'do_not_contact == true' was
    /// not true to Scriban, so the message the rule is there to stop was sent. Null or missing still reads as false.
    /// </summary>
    [Theory]
    [InlineData("do_not_contact == true", "\"yes\"", "do_not_contact")]
    [InlineData("!(do_not_contact != true)", "1", "do_not_contact")]
    [InlineData("prefs.dnc == true", "\"Y\"", "prefs.dnc")]
    [InlineData("segment.dnc", "\"yes\"", "do_not_contact")]
    public void SuppressRules_TestingAValueAsTrueOrFalse_RejectOneThatIsNeither(string when, string value, string named)
    {
        var catalog = Parse($$"""
            catalog: t
            segments:
              dnc: do_not_contact == true
            messages:
              m:
                suppress:
                  - { name: dnc, when: "{{when}}", reason: "asked not to be contacted" }
                body: "Hello"
            """);

        var ex = Assert.Throws<RecipientException>(() => catalog.Decide(Json($$$"""{"id":"a","do_not_contact":{{{value}}},"prefs":{"dnc":{{{value}}}}}"""), "m"));

        Assert.Contains($"the suppress rule 'dnc' tests '{named}' as true/false, but its value {value.Replace("\\", string.Empty, StringComparison.Ordinal)} is not true or false", ex.Message, StringComparison.Ordinal);
        Assert.Equal("dnc", catalog.Decide(Json("""{"id":"a","do_not_contact":true,"prefs":{"dnc":true}}"""), "m").SuppressedBy);
        Assert.False(catalog.Decide(Json("""{"id":"a","do_not_contact":null,"prefs":{"dnc":false}}"""), "m").IsSuppressed);
        Assert.False(catalog.Decide(Json("""{"id":"a","prefs":{"dnc":null}}"""), "m").IsSuppressed);
    }

    /// <summary>
    /// A score missing from the data reads as null, and an ordering of null is false: an unguarded 'max_uplift &lt; 0'
    /// sends a recipient without a score (the README says so, and shows the guards). The rule says what a missing score
    /// means: 'max_uplift == null || …' suppresses, 'max_uplift != null &amp;&amp; …' or '(max_value ?? 0)' decides it so.
    /// </summary>
    [Fact]
    public void SuppressRules_SayingWhatAMissingScoreMeans_DecideItSo()
    {
        var catalog = Parse("""
            catalog: t
            messages:
              careful:
                suppress:
                  - { name: unscored, when: "max_uplift == null || max_uplift < 0", reason: "no score, or a sleeping dog" }
                body: "Hello"
              bold:
                suppress:
                  - { name: sleeping-dog, when: "max_uplift != null && max_uplift < 0", reason: "sleeping dog" }
                  - { name: low, when: "(max_value ?? 0) < 0.45", reason: "low value" }
                body: "Hello"
              unguarded:
                suppress:
                  - { name: sleeping-dog, when: max_uplift < 0, reason: "sleeping dog" }
                body: "Hello"
            """);

        Assert.Equal("unscored", catalog.Decide(Json("""{"id":"a"}"""), "careful").SuppressedBy);
        Assert.Equal("unscored", catalog.Decide(Json("""{"id":"a","max_uplift":-0.01}"""), "careful").SuppressedBy);
        Assert.False(catalog.Decide(Json("""{"id":"a","max_uplift":0}"""), "careful").IsSuppressed);
        Assert.False(catalog.Decide(Json("""{"id":"a","max_value":0.5}"""), "bold").IsSuppressed);
        Assert.Equal("low", catalog.Decide(Json("""{"id":"a","max_uplift":0.3}"""), "bold").SuppressedBy);
        Assert.False(catalog.Decide(Json("""{"id":"a"}"""), "unguarded").IsSuppressed);
        Assert.Contains("✔ suppress rule sleeping-dog: max_uplift < 0 is false", catalog.Decide(Json("""{"id":"a"}"""), "unguarded").ToTraceString(), StringComparison.Ordinal);
    }

    /// <summary>The documented thresholds: 'max_uplift &lt; 0' leaves an uplift of exactly 0 to the next rule; '&gt;=' holds at the threshold.</summary>
    [Fact]
    public void SuppressRules_Thresholds_AreExactlyTheComparisonWritten()
    {
        var catalog = Parse("""
            catalog: t
            messages:
              m:
                suppress:
                  - { name: sleeping-dog, when: max_uplift < 0, reason: "sleeping dog" }
                  - { name: sure-thing, when: "baseline >= 0.25 && max_uplift < 0.01", reason: "sure thing" }
                body: "Hello"
            """);
        Prop.ForAll(Gen.Choose(-300, 300).ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (u, b) =>
        {
            var (uplift, baseline) = (u / 10_000m, b / 100m);
            var by = catalog.Decide(Person(("id", "p"), ("max_uplift", uplift), ("baseline", baseline)), "m").SuppressedBy;
            return by == (uplift < 0 ? "sleeping-dog" : baseline >= 0.25m && uplift < 0.01m ? "sure-thing" : null);
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>A rule's bare test is as often of presence as of a flag: 'when: "!email"' suppresses those without one, and sends to the rest.</summary>
    [Fact]
    public void SuppressRules_ABareTest_IsTruthiness_APresenceTestStaysOne()
    {
        var catalog = Parse("""
            catalog: t
            messages:
              m:
                suppress:
                  - { name: no-email, when: "!email", reason: "no address" }
                body: "Hello"
            """);

        Assert.False(catalog.Decide(Json("""{"id":"a","email":"a@example.com"}"""), "m").IsSuppressed);
        Assert.Equal("no-email", catalog.Decide(Json("""{"id":"b","email":null}"""), "m").SuppressedBy);
        Assert.Equal("no-email", catalog.Decide(Json("""{"id":"c"}"""), "m").SuppressedBy);
    }

    [Fact]
    public void TopicOptOuts_MatchInAnyCase()
    {
        // A form or CRM that writes 'Offers' or 'MORTGAGES' means the catalog's topics: an opt-out missed is a message sent against the recipient's word.
        var catalog = Load(new InMemoryContactHistory());

        var message = catalog.Decide(Customer("a", optedOut: "Offers"), "offer");
        var module = catalog.Decide(Json("""{"id":"b","email_opt_in":true,"mail_suppressed":false,"uplift":0.05,"baseline":0.1,"opted_out":["MORTGAGES"]}"""), "offer");

        Assert.Equal("topic", message.SuppressedBy);
        Assert.Contains("the recipient opted out of 'offers' (opted_out)", message.ToTraceString(), StringComparison.Ordinal);
        Assert.Equal(["card"], module.GetSlot("offer")!.ModuleIds);
        Assert.Equal(CandidateOutcome.TopicOptedOut, module.GetSlot("offer")!.Candidates[0].Outcome);
    }

    [Fact]
    public void TopicOptOuts_InAList_AreTrimmed_AsInText()
    {
        // "mortgages ; offers" opted out of both, but a list item with the same white space (a form's " offers") of neither.
        var catalog = Load(new InMemoryContactHistory());

        var message = catalog.Decide(Json("""{"id":"a","email_opt_in":true,"mail_suppressed":false,"uplift":0.05,"baseline":0.1,"opted_out":[" offers "]}"""), "offer");
        var module = catalog.Decide(Json("""{"id":"b","email_opt_in":true,"mail_suppressed":false,"uplift":0.05,"baseline":0.1,"opted_out":["mortgages\t", ""]}"""), "offer");

        Assert.Equal("topic", message.SuppressedBy);
        Assert.Equal(["card"], module.GetSlot("offer")!.ModuleIds);
    }

    [Fact]
    public void TopicOptOuts_RuleOutAModule_AlsoInAMessageWithoutChannelsOrTopic()
    {
        var catalog = Parse("""
            catalog: plain
            policy:
              opted-out-topics: opted_out
            modules:
              mortgage: { topics: [mortgages], content: "Mortgage" }
              card: { content: "Card" }
            slots:
              offer: { from: [mortgage, card] }
            messages:
              note:
                body: '{{ slot "offer" }}'
            """);

        var optedOut = catalog.Decide(Person(("id", "o"), ("opted_out", "mortgages")), "note");
        var other = catalog.Decide(Person(("id", "p"), ("opted_out", "loans")), "note");

        Assert.Equal(["card"], optedOut.GetSlot("offer")!.ModuleIds);
        Assert.Equal(CandidateOutcome.TopicOptedOut, optedOut.GetSlot("offer")!.Candidates[0].Outcome);
        Assert.Equal(["mortgage"], other.GetSlot("offer")!.ModuleIds);
    }

    [Fact]
    public void TopicOptOuts_RuleOutAFallback_TooNeverSendingAModuleAboutATopicTheRecipientOptedOutOf()
    {
        // The fallback was shown whatever the recipient had opted out of: a credit-card note to a recipient who opted out
        // of credit cards, once no candidate was eligible, and to every holdout recipient.
        var catalog = Parse("""
            catalog: plain
            experiments:
              test: { arms: { hold: 1, go: 1 }, holdout: hold }
            policy:
              opted-out-topics: opted_out
            modules:
              mortgage: { topics: [mortgages], when: rich == true, content: "Mortgage" }
              card-note: { topics: [credit-cards], content: "Card" }
            slots:
              offer: { from: [mortgage], fallback: card-note }
            messages:
              note:
                body: '{{ slot "offer" }}'
            """);
        var ids = Enumerable.Range(0, 40).Select(static i => $"r{i}").ToArray();
        var held = ids.First(id => catalog.Decide(Person(("id", id), ("rich", true), ("opted_out", null)), "note").Experiments[0].IsHoldout);
        var treated = ids.First(id => !catalog.Decide(Person(("id", id), ("rich", true), ("opted_out", null)), "note").Experiments[0].IsHoldout);

        var optedOut = catalog.Decide(Person(("id", treated), ("rich", false), ("opted_out", "credit-cards")), "note");
        var heldOut = catalog.Decide(Person(("id", held), ("rich", true), ("opted_out", "credit-cards")), "note");
        var other = catalog.Decide(Person(("id", treated), ("rich", false), ("opted_out", "loans")), "note");

        Assert.Empty(optedOut.GetSlot("offer")!.ModuleIds);
        Assert.False(optedOut.GetSlot("offer")!.UsedFallback);
        Assert.Equal("no candidate was eligible and the recipient opted out of a topic of the fallback 'card-note', so the slot stays empty", optedOut.GetSlot("offer")!.Explanation);
        Assert.Empty(heldOut.GetSlot("offer")!.ModuleIds);
        Assert.Equal("holdout of experiment 'test', and the recipient opted out of a topic of the fallback 'card-note', so the slot stays empty", heldOut.GetSlot("offer")!.Explanation);
        Assert.Equal(["card-note"], other.GetSlot("offer")!.ModuleIds);
    }

    [Fact]
    public void AConsentFieldMissingOrNotBoolean_RejectsTheRecipient()
    {
        var catalog = Load(new InMemoryContactHistory());
        var missing = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "m"), ("uplift", 0.1), ("baseline", 0.1), ("opted_out", null)), "offer"));
        Assert.Contains("reads the field 'email_opt_in', which the recipient does not have; consent is never assumed", missing.Message, StringComparison.Ordinal);
        Assert.Equal("m", missing.RecipientId);
        var misnamed = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "m"), ("Email-Opt-In", true), ("uplift", 0.1), ("baseline", 0.1), ("opted_out", null)), "offer"));
        Assert.Contains("consent is never assumed. The recipient has 'Email-Opt-In': if that is the field, name it 'email_opt_in'", misnamed.Message, StringComparison.Ordinal);
        var text = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "t"), ("email_opt_in", "yes"), ("mail_suppressed", false), ("uplift", 0.1), ("baseline", 0.1), ("opted_out", null)), "offer"));
        Assert.Contains("\"yes\" is not true or false", text.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AConsentConditionsTestedField_ThatIsNotBoolean_RejectsTheRecipient_InsteadOfCountingAsConsent()
    {
        var catalog = Parse("""
            catalog: consent
            policy:
              consent: { email: "email_opt_in && !unsubscribed", print: "tier == 'gold' || mail_ok" }
            modules:
              card: { content: "Card" }
            slots:
              offer: { from: [card] }
            messages:
              offer: { channels: [email, print], body: '{{ slot "offer" }}' }
            """);

        // Scriban reads the text "no" as true and a null as false: either would send without a true/false answer.
        var no = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "n"), ("email_opt_in", "no"), ("unsubscribed", false), ("tier", "gold"), ("mail_ok", false)), "offer"));
        Assert.Contains("tests the field 'email_opt_in' as true/false, but its value \"no\" is not true or false", no.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "u"), ("email_opt_in", true), ("unsubscribed", null), ("tier", "gold"), ("mail_ok", false)), "offer"));
        Assert.Contains("tests the field 'unsubscribed' as true/false, but its value null is not true or false", unknown.Message, StringComparison.Ordinal);

        // A compared field may hold any value; booleans route as before.
        var print = catalog.Decide(Person(("id", "p"), ("email_opt_in", true), ("unsubscribed", true), ("tier", null), ("mail_ok", true)), "offer");
        Assert.Equal("print", print.Channel);
        var email = catalog.Decide(Person(("id", "e"), ("email_opt_in", true), ("unsubscribed", false), ("tier", "gold"), ("mail_ok", false)), "offer");
        Assert.Equal("email", email.Channel);
    }

    [Fact]
    public void AConsentFieldComparedWithTrueOrFalse_ThatIsNotBoolean_RejectsTheRecipient_InsteadOfCountingAsConsent()
    {
        // 'web_ok != false' and '!(mail_opt_out == true)' test the field as true/false as surely as 'web_ok' does: the text
        // "no" in web_ok, or "yes" in mail_opt_out, gave consent by Scriban's comparison.
        var catalog = Parse("""
            catalog: consent
            policy:
              consent: { email: "email_opt_in == true", print: "!(mail_opt_out == true)", web: "false != prefs.web_ok" }
            modules:
              card: { content: "Card" }
            slots:
              offer: { from: [card] }
            messages:
              offer: { channels: [web, print, email], body: '{{ slot "offer" }}' }
            """);

        var web = Assert.Throws<RecipientException>(() => catalog.Decide(Json("""{"id":"w","prefs":{"web_ok":"no"},"mail_opt_out":true,"email_opt_in":false}"""), "offer"));
        Assert.Contains("tests 'prefs.web_ok' as true/false, but its value \"no\" is not true or false", web.Message, StringComparison.Ordinal);
        var print = Assert.Throws<RecipientException>(() => catalog.Decide(Json("""{"id":"p","prefs":{"web_ok":false},"mail_opt_out":"yes","email_opt_in":false}"""), "offer"));
        Assert.Contains("tests the field 'mail_opt_out' as true/false, but its value \"yes\" is not true or false", print.Message, StringComparison.Ordinal);
        var email = Assert.Throws<RecipientException>(() => catalog.Decide(Json("""{"id":"e","prefs":{"web_ok":false},"mail_opt_out":true,"email_opt_in":"true"}"""), "offer"));
        Assert.Contains("tests the field 'email_opt_in' as true/false, but its value \"true\" is not true or false", email.Message, StringComparison.Ordinal);

        // True and false route as before.
        Assert.Equal("print", catalog.Decide(Json("""{"id":"a","prefs":{"web_ok":false},"mail_opt_out":false,"email_opt_in":true}"""), "offer").Channel);
        Assert.Equal("email", catalog.Decide(Json("""{"id":"b","prefs":{"web_ok":false},"mail_opt_out":true,"email_opt_in":true}"""), "offer").Channel);
        Assert.True(catalog.Decide(Json("""{"id":"c","prefs":{"web_ok":false},"mail_opt_out":true,"email_opt_in":false}"""), "offer").IsSuppressed);
    }

    [Fact]
    public void AConsentThroughASegment_ChecksTheFieldsTheSegmentTests_AsAConsentThatTestsThemItself()
    {
        // 'email: segment.can_email' with 'can_email: email_opt_in && !bounced' gave the text "no" consent, and a
        // missing bounced counted as not bounced, where 'email: email_opt_in && !bounced' rejects both.
        var catalog = Parse("""
            catalog: consent
            segments:
              can_email: email_opt_in && !bounced
              reachable: segment.can_email || phone_ok
            policy:
              consent: { email: segment.can_email, print: "!segment.reachable" }
            modules:
              card: { content: "Card" }
            slots:
              offer: { from: [card] }
            messages:
              offer: { channels: [email, print], body: '{{ slot "offer" }}' }
            """);

        var no = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "n"), ("email_opt_in", "no"), ("bounced", false), ("phone_ok", false)), "offer"));
        Assert.Contains("tests the field 'email_opt_in' as true/false, but its value \"no\" is not true or false", no.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "m"), ("email_opt_in", true), ("phone_ok", false)), "offer"));
        Assert.Contains("reads the field 'bounced', which the recipient does not have", missing.Message, StringComparison.Ordinal);
        var nested = Assert.Throws<RecipientException>(() => catalog.Decide(Person(("id", "p"), ("email_opt_in", false), ("bounced", false), ("phone_ok", "yes")), "offer"));
        Assert.Contains("tests the field 'phone_ok' as true/false, but its value \"yes\" is not true or false", nested.Message, StringComparison.Ordinal);

        Assert.Equal("email", catalog.Decide(Person(("id", "e"), ("email_opt_in", true), ("bounced", false), ("phone_ok", false)), "offer").Channel);
        Assert.Equal("print", catalog.Decide(Person(("id", "q"), ("email_opt_in", true), ("bounced", true), ("phone_ok", false)), "offer").Channel);
        Assert.True(catalog.Decide(Person(("id", "s"), ("email_opt_in", false), ("bounced", false), ("phone_ok", true)), "offer").IsSuppressed);
    }

    [Fact]
    public void AConsentConditionsTestedMember_ThatIsNotBoolean_RejectsTheRecipient_InsteadOfCountingAsConsent()
    {
        // A member tested as true/false (prefs.email_ok, recipient.mail_ok) was left to Scriban's truthiness: the text "no"
        // sent the message on that channel, and a missing recipient.mail_ok refused it without a word.
        var catalog = Parse("""
            catalog: consent
            policy:
              consent: { email: "prefs.email_ok && segment.adult", print: "!recipient.mail_blocked" }
            segments:
              adult: age >= 18
            modules:
              card: { content: "Card" }
            slots:
              offer: { from: [card] }
            messages:
              offer: { channels: [email, print], body: '{{ slot "offer" }}' }
            """);

        var no = Assert.Throws<RecipientException>(() => catalog.Decide(Json("""{"id":"n","age":30,"prefs":{"email_ok":"no"},"mail_blocked":false}"""), "offer"));
        Assert.Contains("tests 'prefs.email_ok' as true/false, but its value \"no\" is not true or false", no.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<RecipientException>(() => catalog.Decide(Json("""{"id":"m","age":30,"prefs":{"email_ok":false}}"""), "offer"));
        Assert.Contains("tests 'recipient.mail_blocked' as true/false, but its value null is not true or false", missing.Message, StringComparison.Ordinal);
        var nullObject = Assert.Throws<RecipientException>(() => catalog.Decide(Json("""{"id":"o","age":30,"prefs":null,"mail_blocked":false}"""), "offer"));
        Assert.Contains("the field 'prefs' is null", nullObject.Message, StringComparison.Ordinal);

        Assert.Equal("email", catalog.Decide(Json("""{"id":"e","age":30,"prefs":{"email_ok":true},"mail_blocked":false}"""), "offer").Channel);
        Assert.Equal("print", catalog.Decide(Json("""{"id":"p","age":30,"prefs":{"email_ok":false},"mail_blocked":false}"""), "offer").Channel);
        Assert.True(catalog.Decide(Json("""{"id":"s","age":30,"prefs":{"email_ok":false},"mail_blocked":true}"""), "offer").IsSuppressed);
    }

    [Fact]
    public void ABlankId_RejectsTheRecipient_InsteadOfSharingOneContactCountWithEveryOtherBlankId()
    {
        var history = new InMemoryContactHistory();
        var catalog = Load(history);
        history.Record(new ContactRecord("", "offer", "email", "offers", Now.AddDays(-1), "r1"));
        history.Record(new ContactRecord("", "offer", "email", "offers", Now.AddDays(-1), "r2"));

        foreach (var id in new[] { "", "  " })
        {
            var ex = Assert.Throws<RecipientException>(() => catalog.Decide(Customer(id), "offer"));
            Assert.Contains("the recipient has a blank id, so its contacts cannot be counted against the message's caps", ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void CapsWithoutAHistory_FailInsteadOfBeingSkipped()
    {
        var catalog = Parse(Yaml);
        var ex = Assert.Throws<InvalidOperationException>(() => catalog.Decide(Customer("a"), "offer"));
        Assert.Contains("never skipped silently", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACappedChannel_FallsThroughToTheNext_ThenSuppresses()
    {
        var history = new InMemoryContactHistory();
        var catalog = Load(history);
        history.Record(new ContactRecord("a", "other", "email", null, Now.AddDays(-1), "r1"));
        history.Record(new ContactRecord("a", "other", "email", null, Now.AddDays(-6), "r2"));
        history.Record(new ContactRecord("a", "other", "email", null, Now.AddDays(-8), "r3"));   // outside 7d
        var decision = catalog.Decide(Customer("a"), "offer");
        Assert.Equal("print", decision.Channel);
        Assert.Contains("✘ cap email: max 2 per 7d per channel (email): 2 contacts in the 7d to 2025-03-01T09:00:00Z", decision.ToTraceString(), StringComparison.Ordinal);

        history.Record(new ContactRecord("a", "x", "print", "offers", Now.AddDays(-2), "r4"));
        history.Record(new ContactRecord("a", "y", "print", "offers", Now.AddDays(-3), "r5"));
        history.Record(new ContactRecord("a", "z", "email", "offers", Now.AddDays(-20), "r6"));
        var capped = catalog.Decide(Customer("a"), "offer");
        Assert.True(capped.IsSuppressed);
        Assert.Equal("cap", capped.SuppressedBy);
        Assert.Equal("no allowed channel: email: cap reached: max 2 per 7d per channel (email); print: cap reached: max 2 per 7d per channel (print)", capped.SuppressionReason);
        Assert.Contains("✘ cap print: max 2 per 7d per channel (print): 2 contacts in the 7d to 2025-03-01T09:00:00Z", capped.ToTraceString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OneChannelWithoutConsent_AndTheOtherCapped_IsSuppressedByChannels_NamingEachCause()
    {
        // Neither 'consent' nor 'cap' alone: a run's summary counting by SuppressedBy must not put this recipient under
        // either single cause. The reason lists the causes in the message's channel order, whichever channel is preferred.
        var history = new InMemoryContactHistory();
        var catalog = Load(history);
        history.Record(new ContactRecord("a", "x", "print", null, Now.AddDays(-2), "r1"));
        history.Record(new ContactRecord("a", "y", "print", null, Now.AddDays(-3), "r2"));

        foreach (var preferred in new[] { null, "print", "email" })
        {
            var decision = catalog.Decide(Customer("a", email: false, preferred: preferred), "offer");

            Assert.True(decision.IsSuppressed);
            Assert.Null(decision.Channel);
            Assert.Equal("channels", decision.SuppressedBy);
            Assert.Equal("no allowed channel: email: no consent (email_opt_in is false); print: cap reached: max 2 per 7d per channel (print)", decision.SuppressionReason);
        }
    }

    [Fact]
    public void ACapsTrace_WritesTheInstantInUtc_WhateverOffsetTheClockGives()
    {
        var history = new InMemoryContactHistory();
        var catalog = Load(history, Now.ToOffset(TimeSpan.FromHours(1)));
        history.Record(new ContactRecord("a", "other", "email", null, Now.AddDays(-1), "r1"));
        history.Record(new ContactRecord("a", "other", "email", null, Now.AddDays(-2), "r2"));

        var trace = catalog.Decide(Customer("a"), "offer").ToTraceString();

        Assert.Contains("2 contacts in the 7d to 2025-03-01T09:00:00Z", trace, StringComparison.Ordinal);
    }

    [Fact]
    public void RecordingTheSameRunTwice_CountsOnce()
    {
        var history = new InMemoryContactHistory();
        var decision = Load(history).Decide(Customer("a"), "offer");
        var contact = ContactRecord.FromDecision(decision, Now, "run-1");
        history.Record(contact);
        history.Record(contact);
        Assert.Equal(1, history.Count(new ContactQuery("a", Now.AddDays(-1), Now)));
        Assert.Equal(new ContactRecord("a", "offer", "email", "offers", Now, "run-1"), contact);
    }

    [Fact]
    public void ARecipientWithoutConsentForAChannel_IsNeverRoutedToIt()
    {
        var catalog = Load(new InMemoryContactHistory());
        Prop.ForAll(ArbMap.Default.ArbFor<bool>(), ArbMap.Default.ArbFor<bool>(), Gen.Elements<string?>(null, "email", "print", "web", "sms").ToArbitrary(), (email, suppressed, preferred) =>
        {
            var decision = catalog.Decide(Customer("p", email, suppressed, preferred), "offer");
            return (decision.Channel != "email" || email) && (decision.Channel != "print" || !suppressed) && (decision.IsSuppressed == (!email && suppressed));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ACappedRecipient_IsNeverSentPastTheCap_AcrossRunsSharingOneHistory()
    {
        CapProperty.Check(static () => new InMemoryContactHistory());
    }
}

/// <summary>Runs sharing one history: no recipient ever gets more contacts in any cap window than the cap allows.</summary>
internal static class CapProperty
{
    public static void Check(Func<IContactHistory> newHistory)
    {
        var start = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);
        Prop.ForAll(Gen.Choose(0, 3).ArrayOf().Where(static d => d.Length is > 1 and < 12).ToArbitrary(), gaps =>
        {
            var history = newHistory();
            try
            {
                var now = start;
                var sent = new List<(string Channel, DateTimeOffset At)>();
                for (var run = 0; run < gaps.Length; run++)
                {
                    now = now.AddDays(gaps[run]);
                    var catalog = PolicyTests.Load(history, now);
                    var decision = catalog.Decide(PolicyTests.Customer("r"), "offer");
                    if (!decision.IsSuppressed)
                    {
                        history.Record(ContactRecord.FromDecision(decision, now, $"run-{run}"));
                        sent.Add((decision.Channel!, now));
                    }

                    // Every channel: at most 2 in any 7 days; the topic: at most 3 in any 30 days.
                    foreach (var (channel, at) in sent)
                    {
                        if (sent.Count(s => s.Channel == channel && s.At > at - TimeSpan.FromDays(7) && s.At <= at) > 2
                            || sent.Count(s => s.At > at - TimeSpan.FromDays(30) && s.At <= at) > 3)
                        {
                            return false;
                        }
                    }
                }

                return true;
            }
            finally
            {
                (history as IDisposable)?.Dispose();
            }
        }).QuickCheckThrowOnFailure();
    }
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
