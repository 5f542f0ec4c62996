namespace OneToOne.Composition.Batch.Tests.Checkpoints;

public sealed class BatchCheckpointTests
{
    [Fact]
    public void Open_AFileThatIsNotADatabase_IsRefusedInOneSentenceSayingWhatToDo()
    {
        using var temp = new TempDirectory();
        var path = temp.File("run.checkpoint");
        File.WriteAllText(path, "hello\n");

        var error = Assert.Throws<BatchCheckpointException>(() => BatchCheckpoint.Open(path, "test-run"));

        Assert.Equal($"'{path}' cannot be used as a checkpoint: SQLite Error 26: 'file is not a database'. Give a new file name, or delete the file to start over.", error.Message);
    }
}
