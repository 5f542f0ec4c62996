using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace OneToOne.Composition.Cli;

/// <summary>
/// Prints the tool's own version for <c>--version</c>. System.CommandLine's default reads the entry
/// assembly, which is the test host, not <c>onetoone</c>, when the command line runs in-process.
/// </summary>
/// <param name="output">Where to print.</param>
internal sealed class VersionAction(TextWriter output) : SynchronousCommandLineAction
{
    /// <summary>Gets the informational version of the <c>onetoone</c> assembly.</summary>
    public static string Version { get; } =
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        output.WriteLine(Version);
        return ExitCodes.Success;
    }
}
