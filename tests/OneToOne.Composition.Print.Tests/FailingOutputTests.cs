namespace OneToOne.Composition.Print.Tests;

/// <summary>
/// A PDF written to an output that fails (a full disk): SkiaSharp writes from native code, through which a .NET exception
/// cannot pass, so the output's exception used to end the process ("Unhandled exception", SIGABRT). It must come out of
/// the call that wrote, as the output's own exception, with nothing of the process lost.
/// </summary>
public sealed class FailingOutputTests
{
    [Fact]
    public void Render_ToAnOutputThatFails_ThrowsTheOutputsException()
    {
        var message = PrintTestData.ExampleMessage(PrintTestData.ExampleRecipients()[0]);
        using var output = new FullDisk(capacity: 2_000);

        var e = Assert.Throws<IOException>(() => PrintTestData.Renderer.Render(message, output));

        Assert.Equal(FullDisk.Message, e.Message);
        Assert.Equal(2_000, output.Length);
    }

    [Fact]
    public void BatchWriter_OnAnOutputThatFills_ThrowsAtTheMessageThatFilledIt_AndDisposesWithoutThrowing()
    {
        var letters = Letters(40);
        using var output = new FullDisk(capacity: 60_000);
        var writer = new PdfBatchWriter(output);
        var added = 0;

        var e = Assert.Throws<IOException>(() =>
        {
            foreach (var (id, message) in letters)
            {
                writer.Add(id, message);
                added++;
            }
        });

        Assert.Equal(FullDisk.Message, e.Message);
        Assert.InRange(added, 1, letters.Count - 1);

        // The batch cannot go on, and says so again rather than writing a PDF with a hole in it.
        var again = Assert.Throws<IOException>(() => writer.Add("late", letters[0].Message));
        Assert.Equal(FullDisk.Message, again.Message);
        Assert.Throws<IOException>(() => writer.Complete());

        // Disposing an abandoned batch whose output failed does not try to finish it, and frees the native document.
        writer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => writer.Add("after", letters[0].Message));
    }

    [Fact]
    public void BatchWriter_WhoseOutputFailsOnlyAtTheEnd_ThrowsFromComplete()
    {
        var letters = Letters(2);
        using var probe = new MemoryStream();
        using (var measure = new PdfBatchWriter(probe))
        {
            foreach (var (id, message) in letters)
            {
                measure.Add(id, message);
            }

            measure.Complete();
        }

        // Room for all but the end of the file: the pages go in, the fonts and the trailer do not.
        using var output = new FullDisk(capacity: probe.Length - 100);
        using var writer = new PdfBatchWriter(output);
        foreach (var (id, message) in letters)
        {
            writer.Add(id, message);
        }

        var e = Assert.Throws<IOException>(() => writer.Complete());
        Assert.Equal(FullDisk.Message, e.Message);
    }

    /// <summary>The example's first letters, of the recipients it does not suppress.</summary>
    private static List<(string Id, RenderedMessage Message)> Letters(int count) =>
    [
        .. PrintTestData.ExampleRecipients()
            .Select(static r => (Id: r.GetProperty("id").GetString()!, Decision: PrintTestData.Example.Decide(r, "monthly")))
            .Where(static d => !d.Decision.IsSuppressed)
            .Take(count)
            .Select(static d => (d.Id, PrintTestData.Example.Render(d.Decision, Channel.Print))),
    ];

    /// <summary>A stream that takes bytes up to its capacity and then fails as a full disk does.</summary>
    private sealed class FullDisk(long capacity) : MemoryStream
    {
        public const string Message = "No space left on device : '/data/batch.pdf'";

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (Length + count > capacity)
            {
                Write(buffer.AsSpan(offset, (int)(capacity - Length)));
                throw new IOException(Message, 28);
            }

            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (Length + buffer.Length > capacity)
            {
                throw new IOException(Message, 28);
            }

            base.Write(buffer);
        }
    }
}
