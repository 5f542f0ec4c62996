using System.Runtime.InteropServices;
using OneToOne.Composition.Cli.Processing;

namespace OneToOne.Composition.Cli.Tests.Processing;

public sealed class StopSignalTests
{
    [Theory]
    [InlineData(PosixSignal.SIGINT)]
    [InlineData(PosixSignal.SIGTERM)]
    public void TheFirstSignal_StopsTheRunCleanly_ASecondEndsTheProcess(PosixSignal signal)
    {
        using var stop = new StopSignal();
        var first = new PosixSignalContext(signal);
        var second = new PosixSignalContext(signal);

        Assert.False(stop.Token.IsCancellationRequested);
        stop.Handle(first);
        Assert.True(first.Cancel, "the first signal must not end the process: the run stops after the record it is writing");
        Assert.True(stop.Token.IsCancellationRequested);

        stop.Handle(second);
        Assert.False(second.Cancel, "a second signal must be left to end the process, as a second Ctrl-C is meant to");
    }
}
