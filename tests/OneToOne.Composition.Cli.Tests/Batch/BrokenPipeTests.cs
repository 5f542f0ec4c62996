using OneToOne.Composition.Cli.Output;

namespace OneToOne.Composition.Cli.Tests.Batch;

/// <summary>
/// A command other than render whose standard output is a pipe its reader closed (`diff … | head -1`, with more output than
/// the pipe holds): the write fails with EPIPE. It reaches the tool's entry point, which says so in one line and exits 1;
/// System.CommandLine's handler had caught it first and printed "Unhandled exception" with a stack trace.
/// </summary>
public sealed class BrokenPipeTests
{
    [Fact]
    public void Diff_WritingToAClosedPipe_LetsTheBrokenPipeReachTheEntryPoint_WithoutAStackTrace()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("old.yaml"), """
            catalog: t
            modules:
              gold: { when: 'tier == "gold"', content: G }
              std: S
            slots:
              s: { from: [gold, std] }
            messages:
              m:
                body: '{{ slot "s" }}'
            """);
        File.WriteAllText(temp.File("new.yaml"), File.ReadAllText(temp.File("old.yaml")).Replace("tier == \"gold\"", "tier != \"gold\"", StringComparison.Ordinal));
        File.WriteAllText(temp.File("r.jsonl"), "{\"id\":\"a\",\"tier\":\"gold\"}\n{\"id\":\"b\",\"tier\":\"std\"}\n");
        using var stderr = new StringWriter();

        var ex = Assert.Throws<IOException>(() => Cli.Run(CliRun.WithTestBudget(["diff", temp.File("old.yaml"), temp.File("new.yaml"), "-r", temp.File("r.jsonl")]), new ClosedPipe(), stderr, TextReader.Null));

        Assert.Equal(StandardOutput.BrokenPipe, ex.HResult);
        Assert.DoesNotContain("Unhandled exception", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherFailure_IsStillReported_AsAnInternalError()
    {
        using var stderr = new StringWriter();

        var code = Cli.Run(["validate", Example.CatalogFile], new FailingWriter(), stderr, TextReader.Null);

        Assert.Equal(ExitCodes.InternalError, code);
        Assert.Contains("internal error: InvalidOperationException: boom", stderr.ToString(), StringComparison.Ordinal);
    }

    private sealed class ClosedPipe : StringWriter
    {
        public override void Write(char value) => throw new IOException("Broken pipe", StandardOutput.BrokenPipe);

        public override void Write(string? value) => throw new IOException("Broken pipe", StandardOutput.BrokenPipe);

        public override void WriteLine(string? value) => throw new IOException("Broken pipe", StandardOutput.BrokenPipe);
    }

    private sealed class FailingWriter : StringWriter
    {
        public override void Write(char value) => throw new InvalidOperationException("boom");

        public override void Write(string? value) => throw new InvalidOperationException("boom");

        public override void WriteLine(string? value) => throw new InvalidOperationException("boom");
    }
}
