using System.Runtime.InteropServices;

namespace OneToOne.Composition.Testing;

/// <summary>
/// How tests wait for work without racing the wall clock. One source, compiled into each test project that needs it.
/// A machine at load 40-60 on two cores can leave a thread unscheduled for long stretches: a wait is only a hang limit,
/// and a test about how much work something takes measures the processor time its thread spent, not the time that passed.
/// </summary>
internal static class Waits
{
    /// <summary>How long a test waits for work that takes seconds before it counts the work as hung.</summary>
    public static readonly TimeSpan Hang = TimeSpan.FromMinutes(10);

    /// <summary>Linux's CLOCK_THREAD_CPUTIME_ID: the processor time the calling thread has spent.</summary>
    private const int ThreadCpuClock = 3;

    /// <summary>
    /// Runs <paramref name="work"/> on a thread of its own and returns its result with the processor time that thread spent
    /// on it (the time that passed where the thread's processor time cannot be read, off Linux). Waits at most
    /// <see cref="Hang"/>; the work's exception is rethrown.
    /// </summary>
    public static async Task<(T Result, TimeSpan ProcessorTime)> OnItsOwnThreadAsync<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<(T, TimeSpan)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                var started = ThreadTime();
                var result = work();
                done.SetResult((result, ThreadTime() - started));
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        })
        { IsBackground = true, Name = "timed work" };
        thread.Start();
        return await done.Task.WaitAsync(Hang);
    }

    private static TimeSpan ThreadTime()
    {
        var now = new long[2]; // struct timespec on 64-bit Linux: seconds, nanoseconds
        if (OperatingSystem.IsLinux() && Environment.Is64BitProcess && ClockGetTime(ThreadCpuClock, now) == 0)
        {
            return TimeSpan.FromTicks((now[0] * TimeSpan.TicksPerSecond) + (now[1] / 100));
        }

        return System.Diagnostics.Stopwatch.GetElapsedTime(0);
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, [Out] long[] time);
}
