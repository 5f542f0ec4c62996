using System.Diagnostics;
using System.Text;

namespace OneToOne.Composition.Cli.Tests.Packaging;

/// <summary>Runs a child process with a time limit, capturing its output; on timeout kills the process tree it started.</summary>
internal static class ProcessRunner
{
    public sealed record Result(string Command, int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
    {
        public override string ToString() =>
            $"$ {Command}\nexit {ExitCode} after {Elapsed.TotalSeconds:F0}s\n--- stdout ---\n{Tail(Stdout)}\n--- stderr ---\n{Tail(Stderr)}";

        private static string Tail(string text) => text.Length <= 8000 ? text : "…" + text[^8000..];
    }

    public static Result Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Variables MSBuild and the test host set for themselves must not leak into a separate build.
        foreach (var key in start.Environment.Keys.Where(static k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var command = fileName + " " + string.Join(' ', arguments);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start: {command}");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:F0}s.\n{new Result(command, -1, stdout.ToString(), stderr.ToString(), watch.Elapsed)}");
        }

        process.WaitForExit(); // drains the asynchronous output readers
        return new Result(command, process.ExitCode, stdout.ToString(), stderr.ToString(), watch.Elapsed);
    }
}
