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
    [InlineData("José García", "José_García")]
    [InlineData("ann@example.com", "ann@example.com")]
    [InlineData("a:b*c?d", "a_b_c_d")]
    public void For_MakesASafeName(string? id, string expected) =>
        Assert.Equal(expected, SafeFileName.For(id, 7));

    [Fact]
    public void For_LongId_IsCapped() =>
        Assert.Equal(100, SafeFileName.For(new string('x', 500), 1).Length);
}
