using OneToOne.Composition.Decisions;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

public sealed class DesignExampleTests
{
    [Theory]
    [InlineData("female", 80, "light-beer")]
    [InlineData("female", 140, "light-beer")]
    [InlineData("male", 120, "imported-beer")]
    [InlineData("male", 94, "imported-beer")]
    [InlineData("male", 93, "domestic-beer")]
    [InlineData("male", 90, "domestic-beer")]
    [InlineData("nonbinary", 150, "domestic-beer")]
    public void Decide_HeroSlot_FollowsTheDesignRules(string gender, int iq, string expected)
    {
        var decision = DesignExample.Decide(Person(("id", "r1"), ("first_name", "Ada"), ("gender", gender), ("iq", iq)), "monthly");

        var hero = Assert.Single(decision.Slots);
        Assert.Equal("hero", hero.SlotId);
        Assert.Equal([expected], hero.ModuleIds);
    }

    [Fact]
    public void Decide_FirstMatch_StopsEvaluatingAfterTheChosenCandidate()
    {
        var decision = DesignExample.Decide(Person(("first_name", "Eve"), ("gender", "female"), ("iq", 100)), "monthly");

        var candidates = decision.GetSlot("hero")!.Candidates;
        Assert.Equal(CandidateOutcome.Chosen, candidates[0].Outcome);
        Assert.Equal(CandidateOutcome.NotEvaluated, candidates[1].Outcome);
        Assert.Equal(CandidateOutcome.NotEvaluated, candidates[2].Outcome);
        Assert.Equal("segment.women", candidates[0].Condition);
    }

    [Fact]
    public void Render_Web_ProducesHeadingAndBoldFromMarkdown()
    {
        var decision = DesignExample.Decide(Person(("first_name", "Ada"), ("gender", "male"), ("iq", 120)), "monthly");

        var rendered = DesignExample.Render(decision, Channel.Web);

        Assert.Equal("Ada, your beer of the month", rendered.Subject);
        Assert.Contains("<p>Hello Ada,</p>", rendered.Body, StringComparison.Ordinal);
        Assert.Contains("<h2>Ada, straight from Pilsen</h2>", rendered.Body, StringComparison.Ordinal);
        Assert.Contains("<strong>Bohemian Pilsner</strong>", rendered.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("<p><h2>", rendered.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Text_IsReadablePlainText()
    {
        var decision = DesignExample.Decide(Person(("first_name", "Ada"), ("gender", "female"), ("iq", 120)), "monthly");

        var rendered = DesignExample.Render(decision, Channel.Text);

        Assert.Equal("Hello Ada,\n\nA lighter pour for you, Ada\n\nOur Crisp Light Lager is 20% off this month.\n", rendered.Body);
    }
}
