using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests;

/// <summary>
/// An ASP.NET Core response body (like a network or blob stream) refuses synchronous writes: a web service that returns
/// the .eml writes it asynchronously, with the same bytes as <see cref="EmailResult.WriteTo"/>.
/// </summary>
public sealed class EmailResultWriteTests
{
    [Fact]
    public async Task WriteToAsync_ToAStreamThatRefusesSynchronousWrites_WritesTheBytesWriteToWrites()
    {
        var email = new EmailComposer(Options).Compose(Club, Club.Decide(Person(), "news"));
        using var response = new AsynchronousOnlyStream();
        using var refused = new AsynchronousOnlyStream();
        Assert.Throws<InvalidOperationException>(() => email.WriteTo(refused)); // what a web service got before

        await email.WriteToAsync(response);

        Assert.True(response.Length > 0);
        Assert.Equal(email.ToBytes(), response.ToArray());
        Assert.Contains("\r\nSubject: News for ", System.Text.Encoding.ASCII.GetString(response.ToArray()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Zoë Müller")] // quoted-printable body, encoded-word headers
    [InlineData("זואי כהן")] // right-to-left, base64 or quoted-printable as the encoder picks
    [InlineData("Ann")]
    public async Task WriteToAsync_WritesTheSameBytesAsToBytes_ForEveryEncodingTheMessageNeeds(string name)
    {
        var email = Compose(Person(name: name + " " + new string('x', 120))); // a long header line, folded
        using var response = new AsynchronousOnlyStream();

        await email.WriteToAsync(response);

        var bytes = response.ToArray();
        Assert.Equal(email.ToBytes(), bytes);
        Assert.DoesNotContain("\n", System.Text.Encoding.ASCII.GetString(bytes).Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteToAsync_Cancelled_Throws()
    {
        var email = new EmailComposer(Options).Compose(Club, Club.Decide(Person(), "news"));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => email.WriteToAsync(new MemoryStream(), cancelled.Token));
    }

    /// <summary>As Kestrel's response body: a synchronous write throws; what is written asynchronously is kept.</summary>
    private sealed class AsynchronousOnlyStream : Stream
    {
        private const string Refused = "Synchronous operations are disallowed. Call WriteAsync or set AllowSynchronousIO to true instead.";
        private readonly MemoryStream _written = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written.Length;

        public override long Position { get => _written.Position; set => throw new NotSupportedException(); }

        public byte[] ToArray() => _written.ToArray();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException(Refused);

        public override void Write(ReadOnlySpan<byte> buffer) => throw new InvalidOperationException(Refused);

        public override void WriteByte(byte value) => throw new InvalidOperationException(Refused);

        public override void Flush() => throw new InvalidOperationException(Refused);

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _written.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
