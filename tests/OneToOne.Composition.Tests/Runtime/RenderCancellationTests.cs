using OneToOne.Composition.Diagnostics;
using static OneToOne.Composition.Tests.TestCatalogs;

namespace OneToOne.Composition.Tests.Runtime;

public sealed class RenderCancellationTests
{
    /// <summary>A budget no test waits for: a render that stops, stops because it was cancelled.</summary>
    private static readonly RenderLimits Unbounded = RenderLimits.Default with { TimeBudget = TimeSpan.FromMinutes(10), MaxLoopIterations = int.MaxValue };

    /// <summary>How long a cancelled render may take to stop before the test gives up on it: far below the budget.</summary>
    private static readonly TimeSpan GiveUp = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData("{{ n = 0; while n < 2000000000; n = n + 1; end }}done")]
    [InlineData("{{ for i in 1..40000; for j in 1..50000; end; end }}done")]
    [InlineData("{{ func f(n); if n > 0; f(n-1); f(n-1); end; end; f(40) }}done")]
    public async Task Render_Cancelled_StopsALongTemplate_LongBeforeItsTimeBudget(string body)
    {
        var catalog = new CatalogLoader(CompositionOptions.Default with { Limits = Unbounded })
            .Parse($"catalog: t\nmessages:\n  m:\n    body: \"{body}\"\n");
        var decision = catalog.Decide(Person(("id", "r1")), "m");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var render = Task.Run(() => catalog.Render(decision, Channel.Text, cancel.Token));
        var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => render.WaitAsync(GiveUp));

        Assert.Equal(cancel.Token, ex.CancellationToken);
    }

    [Fact]
    public void EveryEntryPoint_RefusesAnAlreadyCancelledToken_AndTheNextCallRendersAsUsual()
    {
        var catalog = Parse("catalog: t\nmessages:\n  m:\n    subject: \"Hi {{ id }}\"\n    body: \"Hello {{ id }}\"\n");
        var decision = catalog.Decide(Person(("id", "r1")), "m");
        var cancelled = new CancellationToken(canceled: true);

        Assert.Throws<OperationCanceledException>(() => catalog.Decide(Person(("id", "r1")), "m", cancelled));
        Assert.Throws<OperationCanceledException>(() => catalog.Render(decision, Channel.Web, cancelled));
        Assert.Throws<OperationCanceledException>(() => catalog.Render(decision, Channel.Text, TextWriter.Null, cancelled));
        Assert.Throws<OperationCanceledException>(() => catalog.RenderModules(decision, Channel.Web, cancelled));
        Assert.Throws<OperationCanceledException>(() => catalog.RenderPage(decision, cancelled));
        Assert.Throws<OperationCanceledException>(() => catalog.RenderEmail(decision, cancelled));
        Assert.Throws<OperationCanceledException>(() => catalog.RenderPrint(decision, cancelled));

        Assert.Equal("Hello r1\n", catalog.Render(decision, Channel.Text).Body);
    }

    [Fact]
    public void Render_AFailureOfTheTemplate_IsStillTheRecipientsError_WhenNothingIsCancelled()
    {
        var catalog = new CatalogLoader(CompositionOptions.Default with { Limits = Unbounded with { MaxLoopIterations = 10 } })
            .Parse("catalog: t\nmessages:\n  m:\n    body: \"{{ for i in 1..20 }}x{{ end }}\"\n");
        using var cancel = new CancellationTokenSource();

        var ex = Assert.Throws<RecipientException>(() => catalog.Render(catalog.Decide(Person(("id", "r1")), "m"), Channel.Text, cancel.Token));

        Assert.Contains("exceeds LoopLimit `10`", ex.Message, StringComparison.Ordinal);
    }
}
