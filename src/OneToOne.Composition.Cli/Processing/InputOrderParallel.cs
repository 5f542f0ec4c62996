using System.Runtime.ExceptionServices;

namespace OneToOne.Composition.Cli.Processing;

/// <summary>
/// Runs a body over a chunk of items on several threads and fails as a serial loop over them would: with the exception
/// of the first item, in input order, whose body throws, whichever thread failed first. A tool's fault then names the
/// same record at any <c>--parallel</c> (a parallel loop's own exception lists its items' failures in the order the
/// threads hit them).
/// </summary>
internal static class InputOrderParallel
{
    /// <summary>Runs <paramref name="body"/> for each index from 0 to <paramref name="count"/> − 1.</summary>
    /// <param name="count">How many items.</param>
    /// <param name="parallel">How many at once, at most.</param>
    /// <param name="body">The work for one item: safe to call from several threads at once.</param>
    /// <exception cref="Exception">The exception of the lowest index whose body threw, rethrown with its own stack trace.</exception>
    public static void For(int count, int parallel, Action<int> body)
    {
        var gate = new object();
        var failedAt = int.MaxValue;
        ExceptionDispatchInfo? fault = null;
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, (i, loop) =>
        {
            try
            {
                body(i);
            }
            catch (Exception ex)
            {
                lock (gate)
                {
                    if (i < failedAt)
                    {
                        (failedAt, fault) = (i, ExceptionDispatchInfo.Capture(ex));
                    }
                }

                // Every item before this one still runs (one of them may fail too, and come first); those after it need not.
                loop.Break();
            }
        });

        fault?.Throw();
    }
}
