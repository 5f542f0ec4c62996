namespace OneToOne.Composition.Batch.Tests.Running;

public sealed class SeenIdsTests
{
    [Fact]
    public void Add_TellsEveryIdSeenBefore_AcrossTheTablesGrowth()
    {
        var seen = new SeenIds();
        var ids = Enumerable.Range(0, 20_000).Select(static i => $"c{i:0000000}").Append(string.Empty).Append("Zoë ✉").ToArray();

        Assert.All(ids, id => Assert.True(seen.Add(id), $"'{id}' was new"));
        Assert.All(ids, id => Assert.False(seen.Add(id), $"'{id}' was seen"));
        Assert.True(seen.Add("c0020000"));
    }
}
