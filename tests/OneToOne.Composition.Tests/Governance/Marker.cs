namespace OneToOne.Composition.Tests.Governance;

/// <summary>Removes the '‸' marker from test YAML and returns its line and column (1-based).</summary>
internal static class Marker
{
    public static (string Yaml, int Line, int Column) Strip(string marked)
    {
        var index = marked.IndexOf('‸', StringComparison.Ordinal);
        Assert.True(index >= 0, "the case has no ‸ marker");
        var before = marked[..index];
        var line = before.Count(static c => c == '\n') + 1;
        var column = index - (before.LastIndexOf('\n') + 1) + 1;
        return (marked.Remove(index, 1), line, column);
    }

    /// <summary>Every marker's line and column, in order, with the markers removed.</summary>
    public static (string Yaml, List<(int Line, int Column)> Positions) StripAll(string marked)
    {
        var positions = new List<(int, int)>();
        while (marked.Contains('‸', StringComparison.Ordinal))
        {
            var (yaml, line, column) = Strip(marked);
            positions.Add((line, column));
            marked = yaml;
        }

        return (marked, positions);
    }
}
