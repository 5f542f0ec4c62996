using System.Globalization;
using Spectre.Console;

namespace OneToOne.Composition.Cli.Progress;

/// <summary>
/// A live progress bar on an interactive terminal (Spectre.Console), drawn on standard error so standard output stays
/// pure JSON Lines: records/s, done/total when known, rejected, ETA.
/// </summary>
internal static class LiveProgress
{
    /// <summary>Runs <paramref name="work"/> while showing its progress.</summary>
    /// <typeparam name="T">The work's result.</typeparam>
    /// <param name="total">The records in the input, when known.</param>
    /// <param name="work">The work, given the progress sink to report to.</param>
    /// <returns>The work's result.</returns>
    public static T Run<T>(long? total, Func<IProgress<BatchProgress>, T> work)
    {
        // Spectre judges a console interactive by standard output, which the main use redirects (render … > out.jsonl);
        // the bar is drawn on standard error, so whether that is a terminal is what counts.
        var terminal = !Console.IsErrorRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
        });
        return console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("starting", maxValue: total ?? 1);
                task.IsIndeterminate = total is null;
                var result = work(new Reporter(task));
                task.StopTask();
                return result;
            });
    }

    private sealed class Reporter(ProgressTask task) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value)
        {
            task.Value = value.Total is null ? 0 : value.Done;
            var of = value.Total is { } t ? string.Create(CultureInfo.InvariantCulture, $"/{t}") : string.Empty;
            task.Description = string.Create(CultureInfo.InvariantCulture, $"{value.Done}{of} records, {value.RecordsPerSecond:0}/s, [red]{value.Rejected} rejected[/]");
        }
    }
}
