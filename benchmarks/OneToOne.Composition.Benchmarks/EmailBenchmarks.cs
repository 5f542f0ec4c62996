using BenchmarkDotNet.Attributes;
using MimeKit;
using OneToOne.Composition.Benchmarks.Infrastructure;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Email;

namespace OneToOne.Composition.Benchmarks;

/// <summary>
/// The email channel of the bundled example for 512 recipients shaped as <see cref="BatchBenchmarks"/>'s (decisions made in
/// setup): <c>RenderEmail</c> (subject, HTML, text and headers' values, from the templates' plans), the same with the
/// message's body taking the general path (a <c>capture</c> no plan covers, so Scriban writes the Markdown and Markdig
/// converts it), and <c>Compose</c>, the MIME packaging of rendered content written to a discarding stream (the layout's
/// HTML parsed, its CSS inlined, the parts encoded, the headers written).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(MessageBenchmarkConfig))]
public class EmailBenchmarks
{
    /// <summary>The messages each benchmark renders or composes per operation batch.</summary>
    internal const int Count = 512;

    private Catalog _catalog = null!;
    private Catalog _general = null!;
    private Decision[] _decisions = null!;
    private Decision[] _generalDecisions = null!;
    private EmailContent[] _contents = null!;
    private EmailComposer _composer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalog = BatchBenchmarks.LoadExample();
        var yaml = File.ReadAllText(Path.Combine(BatchBenchmarks.FindRoot(), "examples", "beer-of-the-month", "catalog.yaml"));
        const string Opening = "      Hello {{ first_name }},\n";
        if (!yaml.Contains(Opening, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The example's body no longer opens with 'Hello {{ first_name }},': update EmailBenchmarks.");
        }

        _general = new CatalogLoader().Parse(yaml.Replace(Opening, "      {{ capture opening }}Hello {{ first_name }},{{ end }}{{ opening }}\n", StringComparison.Ordinal));
        var parser = new Recipients.RecipientJsonParser();
        var recipients = Array.ConvertAll(BatchBenchmarks.Lines(), l => parser.Parse(System.Text.Encoding.UTF8.GetBytes(l)));
        var decisions = new List<Decision>();
        var general = new List<Decision>();
        for (var i = 0; decisions.Count < Count; i++)
        {
            var decision = _catalog.Decide(recipients[i], "monthly");
            if (!decision.IsSuppressed)
            {
                decisions.Add(decision);
                general.Add(_general.Decide(recipients[i], "monthly"));
            }
        }

        _decisions = [.. decisions];
        _generalDecisions = [.. general];
        _contents = Array.ConvertAll(_decisions, d => _catalog.RenderEmail(d));
        _composer = new EmailComposer(EmailOptions.Default with { MessageIdDomain = "mail.example.com" });

        // The output is checked before it is timed: both paths write the same text and HTML, and each message reads back
        // as multipart/alternative with the recipient's text.
        for (var i = 0; i < Count; i++)
        {
            var rendered = _general.RenderEmail(_generalDecisions[i]);
            if (rendered.Text != _contents[i].Text || rendered.Html != _contents[i].Html)
            {
                throw new InvalidOperationException($"Recipient {_decisions[i].RecipientId}: the general path's email differs from the plan's.");
            }

            var bytes = _composer.Compose(_decisions[i], _contents[i]).ToBytes();
            var message = MimeMessage.Load(new MemoryStream(bytes));
            if (message.Body is not MultipartAlternative { Count: 2 } alternative
                || alternative[0] is not TextPart { IsPlain: true } text
                || text.Text.ReplaceLineEndings("\n") != _contents[i].Text.ReplaceLineEndings("\n"))
            {
                throw new InvalidOperationException($"Recipient {_decisions[i].RecipientId}: the composed message does not read back as its text.");
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public long RenderEmail() => Render(_catalog, _decisions);

    [Benchmark(OperationsPerInvoke = Count)]
    public long RenderEmailGeneralPath() => Render(_general, _generalDecisions);

    [Benchmark(OperationsPerInvoke = Count)]
    public long Compose()
    {
        long length = 0;
        for (var i = 0; i < Count; i++)
        {
            using var stream = new CountingStream();
            _composer.Compose(_decisions[i], _contents[i]).WriteTo(stream);
            length += stream.Length;
        }

        return length;
    }

    private static long Render(Catalog catalog, Decision[] decisions)
    {
        long length = 0;
        for (var i = 0; i < decisions.Length; i++)
        {
            var content = catalog.RenderEmail(decisions[i]);
            length += content.Html.Length + content.Text.Length;
        }

        return length;
    }

    /// <summary>A stream that keeps nothing and counts what is written.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
