using System.Text.Json;

namespace OneToOne.Composition.Batch.Tests.Running;

/// <summary>
/// A JSON Lines record whose string escapes a lone surrogate (<c>"\ud800"</c>, as JavaScript writes one): System.Text.Json
/// refused to read it with an <see cref="InvalidOperationException"/>, which stopped the whole run as a failure of its
/// input. It is one bad record: rejected where its value is written, naming the field, and the run goes on.
/// A value an error quotes (the schema refusing it) may hold control characters: they are escaped, so the error stays one line.
/// </summary>
public sealed class HostileRecordTests
{
    private static ChannelSettings Text { get; } = new(BatchChannel.Text);

    [Fact]
    public async Task ALoneSurrogateEscape_RejectsItsRecordNamingTheField_AndTheRunGoesOn()
    {
        using var temp = new TempDirectory();
        var path = temp.File("people.jsonl");
        File.WriteAllText(path, """
            {"id":"r1","first_name":"Ann","iq":100,"unsubscribed":false}
            {"id":"r2","first_name":"Bea\ud800","iq":100,"unsubscribed":false}
            {"id":"r3\udc00","first_name":"Cy","iq":100,"unsubscribed":false}
            {"id":"r4","first_name":"Dan","iq":100,"unsubscribed":false,"n\udbff":"\udbff"}
            """);
        var rejects = temp.File("rejects.jsonl");
        var collected = new CollectingSink();

        BatchSummary summary;
        await using (var sink = new CompositeMessageSink(collected, new DirectorySink(temp.File("out"), Text), new RejectsSink(rejects)))
        {
            using var input = RecipientInput.Open(path, TextReader.Null);
            summary = await new BatchRunner(TestCampaign.Catalog, "monthly", Text).RunAsync(input.Read(), sink);
        }

        Assert.Equal((4, 3, 0, 1), (summary.Input, summary.Rendered, summary.Suppressed, summary.Rejected));
        Assert.Equal(["r1", "r2", "r3\uDC00", "r4"], collected.Results.Select(static r => r.Id));
        var reject = JsonDocument.Parse(Assert.Single(File.ReadAllLines(rejects))).RootElement;
        Assert.Equal("r2", reject.GetProperty("id").GetString());
        Assert.Equal("render", reject.GetProperty("stage").GetString());
        Assert.StartsWith("Recipient 'r2', message 'monthly' at ", reject.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("the field 'first_name' is not valid Unicode text: its character 4 is half of a surrogate pair without the other half (U+D800)", reject.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("Cy, this month", collected.Results[2].Subject);
    }

    [Fact]
    public async Task AValueTheSchemaRefuses_IsQuotedOnOneLine_WithItsControlCharactersEscaped()
    {
        var jsonl = "{\"id\":\"r1\\u001B[2J\",\"first_name\":\"Ann\",\"iq\":\"\\u0000140\\r\\n\"}\n";
        var sink = new CollectingSink();

        await new BatchRunner(TestCampaign.Catalog, "monthly", Text, new BatchOptions { Schema = TestCampaign.Schema }).RunAsync(TestCampaign.Records(jsonl), sink);

        Assert.Equal(
            "Line 1: recipient 'r1\\u001B[2J': field 'iq' must be a number, but it is the text \"\\0140\\r\\n\". Fix the record, or the schema if it is wrong.",
            Assert.Single(sink.Results).Error);
    }
}
