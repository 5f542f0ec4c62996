using System.CommandLine;
using OneToOne.Composition.Cli.Commands;

namespace OneToOne.Composition.Cli;

/// <summary>The <c>onetoone</c> command line: builds the command tree and runs one invocation.</summary>
internal static class Cli
{
    /// <summary>Parses and runs one command line against the given streams.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="stdout">Receives results (JSON Lines for <c>render</c>, reports for <c>validate</c> and <c>explain</c>).</param>
    /// <param name="stderr">Receives progress, summaries and errors.</param>
    /// <param name="stdin">Read when <c>render --recipients -</c> asks for standard input.</param>
    /// <param name="processConsole">Whether the streams are the process's own console (the tool), so live progress may be shown.</param>
    /// <returns>The process exit code: see <see cref="ExitCodes"/>.</returns>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin, bool processConsole = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = new CliConsole(stdout, stderr, stdin, processConsole);
        var root = new RootCommand("onetoone: validate OneToOne.Composition catalogs, render a batch of recipients, explain one decision.")
        {
            new ValidateCommand(console),
            new RenderCommand(console),
            new ExplainCommand(console),
            new AnalyzeCommand(console),
            new ProofCommand(console),
            new DiffCommand(console),
            new WatchCommand(console),
        };

        foreach (var option in root.Options)
        {
            if (option is VersionOption version)
            {
                version.Action = new VersionAction(stdout);
            }
        }

        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        return root.Parse(args).Invoke(configuration);
    }
}
