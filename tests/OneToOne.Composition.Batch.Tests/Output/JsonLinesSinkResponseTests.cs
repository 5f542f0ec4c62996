using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace OneToOne.Composition.Batch.Tests.Output;

/// <summary>
/// A web service that streams a batch's results to its client as JSON Lines, through Kestrel on the loopback interface:
/// a response body refuses synchronous writes and flushes (<c>AllowSynchronousIO</c> is off by default).
/// </summary>
public sealed class JsonLinesSinkResponseTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ABatchStreamedIntoAnAspNetCoreResponse_ReachesTheClientWhole(bool throughATextWriter)
    {
        // 3,000 records: more than one 64 KB buffer of lines, so the sink writes in the middle of the run as well as at its end.
        var kinds = Enumerable.Range(0, 3000).Select(TestCampaign.KindOf).Where(static k => k != TestCampaign.Kind.HugeField).ToList();
        var jsonl = TestCampaign.Jsonl(kinds);
        var runner = new BatchRunner(TestCampaign.Catalog, "monthly", new ChannelSettings(BatchChannel.Text), new BatchOptions { MaxDegreeOfParallelism = 2 });

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/results", async (HttpContext http) =>
        {
            http.Response.ContentType = "application/jsonl";
            BatchSummary summary;
            if (throughATextWriter)
            {
                await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(false), leaveOpen: true);
                await using var sink = new JsonLinesSink(writer);
                summary = await runner.RunAsync(TestCampaign.Records(jsonl), sink, http.RequestAborted);
            }
            else
            {
                await using var sink = new JsonLinesSink(http.Response.Body);
                summary = await runner.RunAsync(TestCampaign.Records(jsonl), sink, http.RequestAborted);
            }

            await http.Response.WriteAsync($"{{\"summary\":{summary.Input}}}\n", http.RequestAborted);
        });
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var client = new HttpClient();
            var body = await client.GetStringAsync(new Uri(address + "/results"));

            var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(kinds.Count + 1, lines.Length);
            Assert.Equal($"{{\"summary\":{kinds.Count}}}", lines[^1]);
            Assert.StartsWith("{\"id\":\"r1\",\"status\":\"rendered\"", lines[0], StringComparison.Ordinal);
            Assert.Equal(kinds.Count(static k => k == TestCampaign.Kind.Good), lines.Count(static l => l.Contains("\"status\":\"rendered\"", StringComparison.Ordinal)));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
