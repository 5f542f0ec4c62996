namespace OneToOne.Composition.Batch.Tests.Output;

/// <summary>Resumable sinks reopen their file at the length the checkpoint recorded, and refuse a file cut shorter since.</summary>
public sealed class AppendFileTests
{
    [Fact]
    public void Resume_CutsTheFileBackToTheRecordedLength_AndAppendsFromThere()
    {
        using var temp = new TempDirectory();
        var path = temp.File("rejects.jsonl");
        File.WriteAllText(path, "{\"number\":1}\n{\"number\":2,\"written after the commit\":true}\n");

        using (var stream = AppendFile.Open(path, "{\"number\":1}\n".Length, FileAccess.Write, "the checkpoint"))
        {
            stream.Write("{\"number\":3}\n"u8);
            Assert.Equal(AppendFile.Length(AppendFile.SaveState(AppendFile.End(stream))), stream.Length);
        }

        Assert.Equal("{\"number\":1}\n{\"number\":3}\n", File.ReadAllText(path));
    }

    [Theory]
    [InlineData(null, 0L)]
    [InlineData("", 0L)]
    [InlineData("1234", 1234L)]
    public void Length_ReadsTheState(string? state, long expected) => Assert.Equal(expected, AppendFile.Length(state));

    [Fact]
    public async Task Resume_RefusesAFileShorterThanRecorded_NamingItAndWhatToDelete()
    {
        using var temp = new TempDirectory();
        var sink = new DirectorySink(temp.Path, new ChannelSettings(BatchChannel.Text));
        await sink.CompleteAsync(CancellationToken.None);
        await sink.DisposeAsync();

        var error = Assert.Throws<IOException>(() => ((IResumableSink)new DirectorySink(temp.Path, new ChannelSettings(BatchChannel.Text))).Restore("100"));

        Assert.Contains(DirectorySink.ResultsFileName, error.Message, StringComparison.Ordinal);
        Assert.Contains("shorter (0 bytes) than the checkpoint recorded (100 bytes)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Delete the checkpoint and the folder's contents", error.Message, StringComparison.Ordinal);
    }
}
