using System.Text;
using OneToOne.Composition.Batch;

namespace OneToOne.Composition.Batch.Tests.Output;

public sealed class SafeFileNameTests
{
    [Theory]
    [InlineData("c001", "c001")]
    [InlineData("../../etc/passwd", "etc_passwd")]
    [InlineData("a/b\\c", "a_b_c")]
    [InlineData("..", "record-7")]
    [InlineData("", "record-7")]
    [InlineData(null, "record-7")]
    [InlineData("/", "record-7")]
    [InlineData("x..y", "x.y")]
    [InlineData("CON", "_CON")]
    [InlineData("nul.txt", "_nul.txt")]
    [InlineData("COM0", "_COM0")]
    [InlineData("lpt0.x", "_lpt0.x")]
    [InlineData("COM10", "COM10")]
    [InlineData("José García", "José_García")]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("a:b*c?d", "a_b_c_d")]
    public void For_MakesASafeName(string? id, string expected) =>
        Assert.Equal(expected, SafeFileName.For(id, 7));

    [Fact]
    public void For_LongId_IsCapped() =>
        Assert.Equal(100, SafeFileName.For(new string('x', 500), 1).Length);

    [Theory]
    [InlineData('x', 100)]
    [InlineData('é', 75)]
    [InlineData('漢', 50)]
    public void For_LongId_IsCappedByCharactersAndUtf8Bytes(char c, int expected)
    {
        var name = SafeFileName.For(new string(c, 300), 1);

        Assert.Equal(new string(c, expected), name);
        Assert.True(Encoding.UTF8.GetByteCount(name) <= 150);
    }

    [Fact]
    public void For_LongCjkId_ItsTemporaryFileNameFitsTheFileSystemsLimit()
    {
        // The longest name a record can get: the capped id, a duplicate's record number and a counter, the longest extension.
        var file = SafeFileName.For(new string('漢', 100), 1) + "-9223372036854775807-99.html";

        var temporary = Path.GetFileName(AtomicFile.TempPathFor(Path.Combine(Path.GetTempPath(), file)));

        Assert.True(Encoding.UTF8.GetByteCount(temporary) <= 255, $"{Encoding.UTF8.GetByteCount(temporary)} bytes");
    }
}
