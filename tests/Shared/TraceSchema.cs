using System.Text.Json.Nodes;
using Json.Schema;

namespace OneToOne.Composition.Testing;

/// <summary>schema/trace.schema.json, read once, and what it finds wrong with a trace.</summary>
internal static class TraceSchema
{
    /// <summary>Gets the schema file's path in the repository.</summary>
    public static string Path { get; } = System.IO.Path.Combine(RepoRoot(), "schema", "trace.schema.json");

    private static readonly Lazy<JsonSchema> Schema = new(static () => JsonSchema.FromText(File.ReadAllText(System.IO.Path.Combine(RepoRoot(), "schema", "trace.schema.json"))));

    /// <summary>Held by every evaluation of a JSON Schema in the tests (see <see cref="Problems"/>).</summary>
    public static readonly Lock Evaluating = new();

    /// <summary>Gets the parsed schema.</summary>
    public static JsonSchema Parsed => Schema.Value;

    /// <summary>Checks one trace against the schema.</summary>
    /// <param name="trace">The trace's JSON text.</param>
    /// <returns>Each failure as "instance location: message" (none when the trace is valid).</returns>
    public static List<string> Problems(string trace)
    {
        // One evaluation at a time: evaluations of the one schema from test classes running in parallel now and then
        // judged an undecided trace to match both the decision and the undecided form ("Expected 1 matching subschema
        // but found 2"), a race in the validator (JsonSchema.Net 7.4) and not in the trace; alone it never did.
        EvaluationResults results;
        lock (Evaluating)
        {
            results = Schema.Value.Evaluate(JsonNode.Parse(trace), new EvaluationOptions { OutputFormat = OutputFormat.List });
        }

        return results.IsValid
            ? []
            : [.. results.Details.Where(static d => d.HasErrors).SelectMany(static d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"))];
    }

    /// <summary>Asserts that a trace is valid, naming every failure and the trace when it is not.</summary>
    /// <param name="trace">The trace's JSON text.</param>
    public static void AssertValid(string trace)
    {
        var problems = Problems(trace);
        Assert.True(problems.Count == 0, $"the trace does not fit schema/trace.schema.json:\n  {string.Join("\n  ", problems)}\n{trace}");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "OneToOne.Composition.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
