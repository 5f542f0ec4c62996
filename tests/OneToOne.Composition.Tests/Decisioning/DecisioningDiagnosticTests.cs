using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition.Tests.Decisioning;

/// <summary>Every decisioning diagnostic (OTO13xx) at the position a '‸' marks in the YAML.</summary>
public sealed class DecisioningDiagnosticTests
{
    private const string Header = "catalog: t\nmodules:\n  a: hi\nslots:\n  hero: { from: [a] }\nmessages:\n  m: { body: '{{ slot \"hero\" }}' }\n";

    public static TheoryData<string, string, string> Cases => new()
    {
        { DiagnosticCodes.InvalidWeight, "must be a number from 0", Header + "experiments:\n  e:\n    arms: { a: 10, b: ‸-5 }\n" },
        { DiagnosticCodes.InvalidWeight, "must be a number from 0", Header + "experiments:\n  e:\n    arms: { a: ‸lots }\n" },
        { DiagnosticCodes.InvalidWeight, "has weight 0", Header + "experiments:\n  e:\n    arms: ‸{ a: 0, b: 0 }\n" },
        { DiagnosticCodes.UndefinedExperiment, "Did you mean 'hero_test'?", "catalog: t\nexperiments:\n  hero_test: { arms: { a: 1 } }\nmodules:\n  a:\n    when: ‸experiment.hero_tset == \"a\"\n    content: hi\n" },
        { DiagnosticCodes.UndefinedExperiment, "not defined", "catalog: t\nmodules:\n  a:\n    content: \"Hi {{ ‸experiment.nope }}\"\n" },
        { DiagnosticCodes.UndefinedArm, "Did you mean 'bold-hero'?", "catalog: t\nexperiments:\n  hero_test: { arms: { control: 1, bold-hero: 1 } }\nmodules:\n  a:\n    when: experiment.hero_test == ‸\"bold-heor\"\n    content: hi\n" },
        { DiagnosticCodes.UndefinedArm, "holdout", Header + "experiments:\n  e:\n    arms: { a: 1, b: 1 }\n    holdout: ‸control\n" },
        { DiagnosticCodes.UndefinedSlot, "names slot 'heor'", Header + "experiments:\n  e:\n    arms: { a: 1 }\n    slots: [‸heor]\n" },
        { DiagnosticCodes.InvalidCap, "is not a cap. Write a count and a window: 'max: 2 per 7d' (a number with h, d or w for hours, days or weeks), or 'per day' or 'per week'.", "catalog: t\npolicy:\n  caps:\n    - max: ‸2 per fortnight\n" },
        { DiagnosticCodes.InvalidCap, "is not a cap", "catalog: t\nmessages:\n  m:\n    body: hi\n    caps: [{ max: ‸2 in 7d }]\n" },
        { DiagnosticCodes.WrongType, "Topic must be one topic, such as 'topic: offers' (a message has one; modules list theirs under 'topics'), but it is a list.", "catalog: t\nmessages:\n  m:\n    body: hi\n    topic: ‸[x]\n" },
        // Digits of another script (Arabic-Indic 7) are no cap: the window's count threw a FormatException out of Load.
        { DiagnosticCodes.InvalidCap, "is not a cap", "catalog: t\npolicy:\n  caps:\n    - max: ‸2 per \u0667d\n" },
        { DiagnosticCodes.InvalidCap, "is not a cap", "catalog: t\npolicy:\n  caps:\n    - max: ‸\u0662 per 7d\n" },
        { DiagnosticCodes.InvalidCap, "has no 'topic'", "catalog: t\nmessages:\n  m:\n    body: hi\n    caps: [{ max: ‸2 per 7d, per: topic }]\n" },
        { DiagnosticCodes.InvalidCap, "caps contacts per channel but names no 'channels'", "catalog: t\nmessages:\n  m:\n    body: hi\n    caps: [{ max: ‸1 per 7d, per: channel }]\n" },
        { DiagnosticCodes.UnknownChannel, "Did you mean 'email'?", "catalog: t\npolicy:\n  consent:\n    ‸emial: opt_in\n" },
        { DiagnosticCodes.UnknownChannel, "not a contact channel", "catalog: t\nmessages:\n  m:\n    body: hi\n    channels: [email, ‸sms]\n" },
        { DiagnosticCodes.InvalidScore, "true/false test", "catalog: t\nmodules:\n  a:\n    score: ‸uplift > 0\n    content: hi\n" },
        { DiagnosticCodes.InvalidScore, "is the text \"high\", but a score must be a number", "catalog: t\nmodules:\n  a:\n    score: '‸\"high\"'\n    content: hi\n" },
        { DiagnosticCodes.InvalidScore, "Scriban syntax error", "catalog: t\nmodules:\n  a:\n    score: uplift * (margin‸\n    content: hi\n" },
        { DiagnosticCodes.UnroutedMessage, "names no 'channels'", "catalog: t\npolicy:\n  consent: { email: opt_in }\nmessages:\n  ‸m: { body: hi }\n" },
        { DiagnosticCodes.DuplicateKey, "The key 'b' appears twice in the same mapping (first at line 11)", Header + "experiments:\n  e:\n    arms:\n      b: 10\n      ‸b: 90\n" },
        { DiagnosticCodes.HoldoutHoldsNobody, "Experiment 'e' sets 'holdout-gets', which applies to its holdout, but names no 'holdout', so nobody is held out. Add 'holdout: ARM'", Header + "experiments:\n  e:\n    arms: { control: 10, b: 90 }\n    ‸holdout-gets: suppress\n" },
        { DiagnosticCodes.HoldoutHoldsNobody, "Experiment 'e' sets 'slots', which applies to its holdout, but names no 'holdout'", Header + "experiments:\n  e:\n    arms: { control: 10, b: 90 }\n    ‸slots: [hero]\n" },
        { DiagnosticCodes.HoldoutHoldsNobody, "The holdout arm 'control' of experiment 'e' has weight 0, so nobody is held out", Header + "experiments:\n  e:\n    arms: { control: 0, b: 90 }\n    holdout: ‸control\n" },
        { DiagnosticCodes.MissingKey, "has no 'arms'", Header + "experiments:\n  ‸e: { salt: x }\n" },
        { DiagnosticCodes.InvalidValue, "coverage", Header + "experiments:\n  e:\n    arms: { a: 1 }\n    coverage: ‸150%\n" },
        { DiagnosticCodes.MissingKey, "suppress rule needs a 'when:'", "catalog: t\nmessages:\n  m:\n    body: hi\n    suppress:\n      - ‸{ name: x, reason: y }\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_ReportsTheDiagnosticAtTheMarkedPosition(string code, string messageFragment, string markedYaml)
    {
        var index = markedYaml.IndexOf('‸', StringComparison.Ordinal);
        var before = markedYaml[..index];
        var line = before.Count(static c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;

        var compiled = new CatalogLoader(TestCatalogs.Untimed).TryParse(markedYaml.Remove(index, 1), out _, out var diagnostics, "t.yaml");

        Assert.Equal(code is DiagnosticCodes.UnroutedMessage or DiagnosticCodes.HoldoutHoldsNobody, compiled);
        var match = diagnostics.FirstOrDefault(d => d.Code == code && d.Message.Contains(messageFragment, StringComparison.Ordinal));
        Assert.True(match is not null, $"expected {code} with '{messageFragment}', got:\n{string.Join("\n", diagnostics)}");
        Assert.Equal(new SourceLocation("t.yaml", line, column), match.Location);
    }

    [Theory]
    [InlineData("    holdout: control\n    holdout-gets: suppress\n    slots: [hero]\n")]
    [InlineData("    slots: [hero]\n    holdout: control\n")]
    [InlineData("")]
    public void AHoldoutThatHoldsSomeoneOut_OrNoHoldoutKeysAtAll_IsNotWarnedOf(string keys)
    {
        var compiled = new CatalogLoader(TestCatalogs.Untimed).TryParse(Header + "experiments:\n  e:\n    arms: { control: 10, b: 90 }\n" + keys, out _, out var diagnostics, "t.yaml");

        Assert.True(compiled);
        Assert.DoesNotContain(diagnostics, static d => d.Code == DiagnosticCodes.HoldoutHoldsNobody);
    }

    [Fact]
    public void ANegativeWeight_IsReportedAlone_NotAsEveryArmHavingWeightZero()
    {
        var compiled = new CatalogLoader(TestCatalogs.Untimed).TryParse(Header + "experiments:\n  e:\n    arms: { a: -1, b: 0 }\n", out _, out var diagnostics, "t.yaml");

        Assert.False(compiled);
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(DiagnosticCodes.InvalidWeight, diagnostic.Code);
        Assert.Contains("The weight of arm 'a' in experiment 'e' is '-1'", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnnamedSuppressRule_IsNamedByItsPlaceInTheList_WhateverTheRulesBeforeIt()
    {
        // The first rule has no 'when' and the second a syntax error: the third's error names it 'rule 3', as the author counts.
        var compiled = new CatalogLoader(TestCatalogs.Untimed).TryParse(
            "catalog: t\nmessages:\n  m:\n    body: hi\n    suppress:\n      - { reason: x }\n      - { when: 'a <' }\n      - { when: 'b >' }\n",
            out _, out var diagnostics, "t.yaml");

        Assert.False(compiled);
        Assert.Contains(diagnostics, d => d.Message.Contains("suppress rule 'rule 2'", StringComparison.Ordinal) && d.Location.Line == 7);
        Assert.Contains(diagnostics, d => d.Message.Contains("suppress rule 'rule 3'", StringComparison.Ordinal) && d.Location.Line == 8);
    }

    [Fact]
    public void TheDesignExample_AndTheSingleSuppressForm_StillLoadUnchanged()
    {
        var catalog = new CatalogLoader(TestCatalogs.Untimed).Parse("catalog: t\nmessages:\n  m:\n    body: hi\n    suppress: { when: unsubscribed, reason: gone }\n");
        var decision = catalog.Decide(TestCatalogs.Person(("id", "a"), ("unsubscribed", true)), "m");
        Assert.Equal("gone", decision.SuppressionReason);
        Assert.Equal("suppress", decision.SuppressedBy);
        Assert.Empty(decision.Experiments);
        Assert.Empty(decision.PolicyChecks);
        Assert.Null(decision.Channel);
    }
}
