using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace OneToOne.Composition.Batch.Tests.Running;

/// <summary>
/// <c>configuration.Bind(BatchOptions.Default)</c> (or <c>var options = BatchOptions.Default; section.Bind(options);</c>):
/// the configuration binder sets init-only properties through reflection, so a <c>Default</c> that was one shared
/// instance was rewritten for every runner in the process made without options. Each <c>Default</c> is its own.
/// </summary>
public sealed class BatchOptionsDefaultTests
{
    [Fact]
    public void Bind_IntoBatchOptionsDefault_ChangesThatInstanceOnly_NotTheNextDefault()
    {
        var options = BatchOptions.Default;
        var parallel = Environment.ProcessorCount + 1;

        new ConfigurationBuilder()
            .AddInMemoryCollection([new("MaxDegreeOfParallelism", parallel.ToString(CultureInfo.InvariantCulture)), new("Durable", "true"), new("ProgressInterval", "00:00:07")])
            .Build()
            .Bind(options);

        Assert.Equal(parallel, options.MaxDegreeOfParallelism);
        Assert.True(options.Durable);
        Assert.Equal(TimeSpan.FromSeconds(7), options.ProgressInterval);
        Assert.False(BatchOptions.Default.Durable);
        Assert.Equal(TimeSpan.FromSeconds(1), BatchOptions.Default.ProgressInterval);
        Assert.Equal(Environment.ProcessorCount, BatchOptions.Default.MaxDegreeOfParallelism);
        Assert.Equal(new BatchOptions(), BatchOptions.Default);
    }
}
