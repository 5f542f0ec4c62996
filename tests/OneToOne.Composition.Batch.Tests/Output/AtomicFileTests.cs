using OneToOne.Composition.Batch;

namespace OneToOne.Composition.Batch.Tests.Output;

public sealed class AtomicFileTests
{
    [Fact]
    public void Write_ReplacesTheFile_AndLeavesNoTemporaryFile()
    {
        using var temp = new TempDirectory();
        var path = temp.File("a.txt");
        File.WriteAllText(path, "old content, longer than the new one");

        AtomicFile.Write(path, "new"u8.ToArray());

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void Write_ThatFails_KeepsThePreviousFile_AndLeavesNoTemporaryFile()
    {
        using var temp = new TempDirectory();
        var path = temp.File("a.txt");
        File.WriteAllText(path, "previous");

        var ex = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, 0, static (stream, _) =>
        {
            stream.Write("half a fi"u8);
            throw new InvalidOperationException("the writer failed");
        }));

        Assert.Equal("the writer failed", ex.Message);
        Assert.Equal("previous", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void TempPath_IsInTheSameFolder_AndHiddenFromRecordNames()
    {
        var temp = AtomicFile.TempPathFor("/data/out/c001.eml");

        Assert.Equal("/data/out", Path.GetDirectoryName(temp));
        Assert.StartsWith(".c001.eml.", Path.GetFileName(temp), StringComparison.Ordinal);
        Assert.EndsWith(".tmp", temp, StringComparison.Ordinal);
    }

    [Fact]
    public void DeleteStaleTemporaries_RemovesOnlyLeftoverTemporaries_NotOutputsNorReservedOnes()
    {
        using var temp = new TempDirectory();
        var stale = AtomicFile.TempPathFor(temp.File("c1.txt"));
        var merged = AtomicFile.TempPathFor(temp.File("run.pdf"));
        File.WriteAllText(stale, "half");
        File.WriteAllText(merged, "in progress");
        File.WriteAllText(temp.File("c1.txt"), "whole");
        File.WriteAllText(temp.File(".notes.tmp"), "a user's file");

        AtomicFile.DeleteStaleTemporaries(temp.Path, new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "run.pdf" });

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(merged));
        Assert.True(File.Exists(temp.File("c1.txt")));
        Assert.True(File.Exists(temp.File(".notes.tmp")));
    }
}
