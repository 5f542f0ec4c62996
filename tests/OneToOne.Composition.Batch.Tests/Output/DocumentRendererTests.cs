using System.Text.Json;
using MimeKit;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Email;

namespace OneToOne.Composition.Batch.Tests.Output;

/// <summary>
/// Email and print documents come through <see cref="ChannelSettings.Documents"/>: the Batch package knows no MIME or PDF
/// library, and the Batch.Email and Batch.Print packages plug them in.
/// </summary>
public sealed class DocumentRendererTests
{
    private const string EmailYaml = """
        catalog: batch-email
        modules:
          hero:
            content: "Hello {{ first_name }}"
        slots:
          hero:
            from: [hero]
        messages:
          monthly:
            subject: "{{ first_name }}, this month"
            body: '{{ slot "hero" }}'
            email:
              from: "Club <club@example.com>"
        """;

    private static readonly Catalog EmailCatalog = new CatalogLoader(TestOptions.Untimed).Parse(EmailYaml);

    [Fact]
    public void BatchAssembly_ReferencesNoEmailOrPdfLibrary()
    {
        var references = typeof(BatchRunner).Assembly.GetReferencedAssemblies().Select(static a => a.Name!).ToList();

        Assert.Contains("OneToOne.Composition", references);
        Assert.DoesNotContain(references, static name =>
            name.StartsWith("OneToOne.Composition.Email", StringComparison.Ordinal) || name.StartsWith("OneToOne.Composition.Print", StringComparison.Ordinal) ||
            name.StartsWith("MimeKit", StringComparison.Ordinal) || name.StartsWith("SkiaSharp", StringComparison.Ordinal) ||
            name.StartsWith("HarfBuzzSharp", StringComparison.Ordinal) || name.StartsWith("AngleSharp", StringComparison.Ordinal));
    }

    [Fact]
    public void EmailRun_WithoutARenderer_IsRefused_NamingThePackageThatHasOne()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BatchRunner(EmailCatalog, "monthly", new ChannelSettings(BatchChannel.Email)));

        Assert.Equal("channel", ex.ParamName);
        Assert.StartsWith("An email batch needs ChannelSettings.Documents, the composer of each record's MIME message: add the OneToOne.Composition.Batch.Email package and set Documents = new EmailBatchRenderer().", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARendererForAnotherChannel_IsRefused_ByTheRunnerAndTheFolderSink()
    {
        using var temp = new TempDirectory();
        var settings = new ChannelSettings(BatchChannel.Print) { Documents = new EmailBatchRenderer() };

        var runner = Assert.Throws<ArgumentException>(() => new BatchRunner(EmailCatalog, "monthly", settings));
        var sink = Assert.Throws<ArgumentException>(() => new DirectorySink(temp.File("out"), settings));

        Assert.StartsWith("ChannelSettings.Documents renders for Email, but the channel is Print: give a renderer for Print, or none.", runner.Message, StringComparison.Ordinal);
        Assert.StartsWith("ChannelSettings.Documents renders for Email, but the channel is Print", sink.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public void FolderSinkForPrint_WithoutARenderer_IsRefused_BeforeTheFolderIsMade()
    {
        using var temp = new TempDirectory();

        var ex = Assert.Throws<ArgumentException>(() => new DirectorySink(temp.File("out"), new ChannelSettings(BatchChannel.Print)));

        Assert.Contains("set ChannelSettings.Documents = new PdfBatchRenderer() (package OneToOne.Composition.Batch.Print)", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.File("out")));
    }

    [Fact]
    public void RendererExtensions_MustBeADotAndAFileNameEnding()
    {
        Assert.Throws<ArgumentException>(() => new FixedRenderer("eml", static () => throw new InvalidOperationException()));
        Assert.Throws<ArgumentException>(() => new FixedRenderer(".", static () => throw new InvalidOperationException()));
        Assert.Throws<ArgumentException>(() => new FixedRenderer("./x", static () => throw new InvalidOperationException()));
        Assert.Equal(".msg", new FixedRenderer(".msg", static () => throw new InvalidOperationException()).FileExtension);
    }

    [Fact]
    public async Task EmailRun_WritesEachRecordsMessage_AndItsAccountNamesTheAddress_AndABadAddressIsRejectedWithTheComposersWords()
    {
        using var temp = new TempDirectory();
        var settings = new ChannelSettings(BatchChannel.Email) { Documents = new EmailBatchRenderer() };
        const string jsonl = """
            {"id":"a1","first_name":"Ann","email":"ann@example.com"}
            {"id":"b2","first_name":"Bob","email":"not an address"}
            {"id":"c3","first_name":"Cy","email":"cy@example.com"}

            """;
        var collected = new CollectingSink();
        await using (var sink = new CompositeMessageSink(new DirectorySink(temp.File("out"), settings), collected))
        {
            var summary = await new BatchRunner(EmailCatalog, "monthly", settings, new BatchOptions { MaxDegreeOfParallelism = 2 })
                .RunAsync(TestCampaign.Records(jsonl), sink);
            Assert.Equal((2, 1), (summary.Rendered, summary.Rejected));
        }

        // A sink of its own reads the MIME message from the document.
        var ann = Assert.IsType<EmailBatchDocument>(collected.Results[0].Document);
        Assert.Equal("ann@example.com", ann.Email.Message.To.Mailboxes.Single().Address);
        Assert.Equal("Ann, this month", collected.Results[0].Subject);

        // The folder has one .eml per rendered record, each the message as composed.
        Assert.Equal(["a1.eml", "c3.eml", "results.jsonl"], Directory.GetFiles(temp.File("out")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        using (var file = File.OpenRead(temp.File(Path.Combine("out", "c3.eml"))))
        {
            var message = await MimeMessage.LoadAsync(file);
            Assert.Equal("cy@example.com", message.To.Mailboxes.Single().Address);
            Assert.Equal("Cy, this month", message.Subject);
            Assert.Contains("Hello Cy", message.TextBody, StringComparison.Ordinal);
        }

        var lines = File.ReadAllLines(temp.File(Path.Combine("out", "results.jsonl"))).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("ann@example.com", lines[0].GetProperty("to").GetString());
        Assert.Equal(ann.Email.Message.MessageId, lines[0].GetProperty("messageId").GetString());
        Assert.Equal(JsonValueKind.Array, lines[0].GetProperty("warnings").ValueKind);
        Assert.Equal("a1.eml", lines[0].GetProperty("file").GetString());
        Assert.Equal("render", lines[1].GetProperty("stage").GetString());
        Assert.Equal("Recipient 'b2', message 'monthly': the recipient's email address 'not an address' is not a valid address.", lines[1].GetProperty("error").GetString());
        Assert.False(lines[1].TryGetProperty("to", out _));
    }

    [Fact]
    public async Task ARenderersRefusal_RejectsTheRecordInItsWords_AndAnyOtherFailureIsReportedAsUnexpected()
    {
        var calls = 0;
        var renderer = new FixedRenderer(".msg", () => Interlocked.Increment(ref calls) switch
        {
            1 => throw new MessageRejectedException("Recipient 'a1', message 'monthly': no pigeon flies there."),
            2 => throw new InvalidOperationException("the loft is shut"),
            _ => new TextDocument("fine"),
        });
        var settings = new ChannelSettings(BatchChannel.Email) { Documents = renderer };
        var sink = new CollectingSink();
        await using (sink)
        {
            await new BatchRunner(EmailCatalog, "monthly", settings, new BatchOptions { MaxDegreeOfParallelism = 1 }).RunAsync(
                TestCampaign.Records("""{"id":"a1","first_name":"A"}""" + "\n" + """{"id":"b2","first_name":"B"}""" + "\n" + """{"id":"c3","first_name":"C"}""" + "\n"),
                sink);
        }

        Assert.Equal("Recipient 'a1', message 'monthly': no pigeon flies there.", sink.Results[0].Error);
        Assert.Equal("Line 2: recipient 'b2', message 'monthly': unexpected InvalidOperationException: the loft is shut", sink.Results[1].Error);
        Assert.Equal(BatchStatus.Rendered, sink.Results[2].Status);
        Assert.Equal("fine", sink.Results[2].Subject);
        Assert.Contains("\"subject\":\"fine\",\"pigeon\":\"yes\"", sink.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARendererThatReturnsNoDocument_RejectsTheRecord_NamingTheRenderer_InsteadOfStoppingTheRunAtTheSink()
    {
        using var temp = new TempDirectory();
        var settings = new ChannelSettings(BatchChannel.Email) { Documents = new FixedRenderer(".msg", static () => null!) };
        var collected = new CollectingSink();
        await using (var sink = new CompositeMessageSink(new DirectorySink(temp.File("out"), settings), collected))
        {
            var summary = await new BatchRunner(EmailCatalog, "monthly", settings).RunAsync(TestCampaign.Records("""{"id":"a1","first_name":"A"}""" + "\n"), sink);
            Assert.Equal((0, 1), (summary.Rendered, summary.Rejected));
        }

        Assert.Equal(
            "Line 1: recipient 'a1', message 'monthly': unexpected InvalidOperationException: FixedRenderer.Render returned no document: a document renderer returns the record's document, or throws a MessageRejectedException for a recipient it cannot render.",
            collected.Results[0].Error);
    }

    /// <summary>A renderer of the test's own: the extension point is public, and a third channel package would write one.</summary>
    private sealed class FixedRenderer(string extension, Func<BatchDocument> render) : BatchDocumentRenderer(BatchChannel.Email, extension)
    {
        public override BatchDocument Render(Catalog catalog, Decision decision, PrintContent? print, CancellationToken cancellationToken) => render();
    }

    private sealed class TextDocument(string subject) : BatchDocument(subject)
    {
        public override void WriteTo(Stream stream) => stream.Write("text"u8);

        protected internal override void WriteJsonFields(Utf8JsonWriter writer) => writer.WriteString("pigeon", "yes");
    }
}
