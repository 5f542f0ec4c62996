using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Cli.Processing;

namespace OneToOne.Composition.Cli.Tests.Processing;

/// <summary>
/// A fault of the tool while <c>diff --parallel N</c> compares a chunk names the first failing record in input order, as
/// a serial run does, not whichever thread failed first.
/// </summary>
public sealed class InputOrderParallelTests
{
    [Fact]
    public void For_TwoItemsFail_ThrowsTheFirstInInputOrder_ThoughTheLaterFailedFirst()
    {
        // Item 3 fails only after item 250 has failed (or, were there no second thread, after waiting in vain).
        using var laterFailed = new ManualResetEventSlim();

        var ex = Assert.Throws<InvalidOperationException>(() => InputOrderParallel.For(300, 2, i =>
        {
            if (i == 250)
            {
                laterFailed.Set();
                throw new InvalidOperationException("item 250");
            }

            if (i == 3)
            {
                laterFailed.Wait(TimeSpan.FromSeconds(30));
                throw new InvalidOperationException("item 3");
            }
        }));

        Assert.Equal("item 3", ex.Message);
    }

    [Property(MaxTest = 50)]
    public Property For_ThrowsTheLowestFailingItem_AndRunsEveryItemBeforeIt_AtAnyParallel() =>
        Prop.ForAll(Cases().ToArbitrary(), static input =>
        {
            var (count, parallel, failing) = input;
            var ran = new int[count];
            var thrown = Record.Exception(() => InputOrderParallel.For(count, parallel, i =>
            {
                Interlocked.Increment(ref ran[i]);
                if (failing.Contains(i))
                {
                    throw new ArithmeticException(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }));

            var first = failing.Where(i => i < count).DefaultIfEmpty(-1).Min();
            Assert.Equal(first < 0 ? null : first.ToString(System.Globalization.CultureInfo.InvariantCulture), thrown?.Message);
            Assert.All(ran.Take(first < 0 ? count : first + 1), static times => Assert.Equal(1, times));
            Assert.All(ran, static times => Assert.InRange(times, 0, 1));
            return true;
        });

    private static Gen<(int Count, int Parallel, HashSet<int> Failing)> Cases() =>
        from count in Gen.Choose(0, 600)
        from parallel in Gen.Choose(1, 8)
        from failing in Gen.ListOf(Gen.Choose(0, 600))
        select (count, parallel, failing.Take(4).ToHashSet());
}
