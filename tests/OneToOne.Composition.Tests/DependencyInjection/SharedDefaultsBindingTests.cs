using Microsoft.Extensions.Configuration;
using static OneToOne.Composition.Testing.TestConfiguration;

namespace OneToOne.Composition.Tests.DependencyInjection;

/// <summary>
/// <c>configuration.Bind(RenderLimits.Default)</c> (or <c>var limits = RenderLimits.Default; section.Bind(limits);</c>):
/// the configuration binder sets init-only properties through reflection, so a <c>Default</c> that was one shared
/// instance was rewritten for every loader in the process. Each <c>Default</c> is an instance of its own.
/// </summary>
public sealed class SharedDefaultsBindingTests
{
    [Fact]
    public void Bind_IntoRenderLimitsDefault_ChangesThatInstanceOnly_NotTheNextDefaultNorANewLoadersLimits()
    {
        var limits = RenderLimits.Default;

        Settings(("MaxLoopIterations", "5"), ("TimeBudget", "00:00:09")).Bind(limits);

        Assert.Equal(5, limits.MaxLoopIterations);
        Assert.Equal(TimeSpan.FromSeconds(9), limits.TimeBudget);
        Assert.Equal(1000, RenderLimits.Default.MaxLoopIterations);
        Assert.Equal(TimeSpan.FromSeconds(1), RenderLimits.Default.TimeBudget);
        Assert.Equal(new RenderLimits(), RenderLimits.Default);
    }

    [Fact]
    public void Bind_IntoCompositionOptionsDefault_ChangesThatInstanceOnly_ItsLimitsToo()
    {
        var options = CompositionOptions.Default;

        Settings(("AllowDrafts", "true"), ("Limits:MaxRecursionDepth", "3")).Bind(options);

        Assert.True(options.AllowDrafts);
        Assert.Equal(3, options.Limits.MaxRecursionDepth);
        Assert.False(CompositionOptions.Default.AllowDrafts);
        Assert.Equal(100, CompositionOptions.Default.Limits.MaxRecursionDepth);
        Assert.Equal(new CompositionOptions(), CompositionOptions.Default);
    }
}
