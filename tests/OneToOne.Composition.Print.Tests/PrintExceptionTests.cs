namespace OneToOne.Composition.Print.Tests;

/// <summary>A failure to print a recipient's piece names the recipient and the message, as the other channels' errors do.</summary>
public sealed class PrintExceptionTests
{
    private const string Beer = "\U00013000"; // an Egyptian hieroglyph, in no configured font (the emoji 🍺 prints, from Noto Color Emoji)

    private static readonly Catalog Letters = new CatalogLoader(TestOptions.Untimed).Parse("""
        catalog: print-ids
        messages:
          letter:
            subject: "For {{ name }}"
            body: |
              Dear {{ name }},
        """);

    private static PrintContent Piece(string? id, string name)
    {
        var recipient = new Dictionary<string, object?> { ["name"] = name };
        if (id is not null)
        {
            recipient["id"] = id;
        }

        return Letters.RenderPrint(Letters.Decide(recipient, "letter"));
    }

    [Fact]
    public void PrintContent_CarriesTheDecisionsRecipientAndMessage()
    {
        var piece = Piece("r-7", "Ann");

        Assert.Equal("r-7", piece.RecipientId);
        Assert.Equal("letter", piece.MessageId);
        Assert.Null(Piece(null, "Ann").RecipientId);
    }

    [Fact]
    public void Render_PrintContent_Failure_NamesTheRecipientAndTheMessage()
    {
        using var output = new MemoryStream();
        var failure = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(Piece("r-7", $"Zoë {Beer}"), output));

        Assert.Equal("r-7", failure.RecipientId);
        Assert.Equal("letter", failure.MessageId);
        Assert.Equal(0x13000, failure.CodePoint);
        Assert.StartsWith("The character '𓀀' (U+13000) is not in any configured font", failure.Problem, StringComparison.Ordinal);
        Assert.Equal($"Recipient 'r-7', message 'letter': cannot be printed: {failure.Problem}", failure.Message);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void Render_PrintContent_Failure_OfARecipientWithoutId_SaysSo()
    {
        var failure = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(Piece(null, Beer)));

        Assert.Null(failure.RecipientId);
        Assert.Equal("letter", failure.MessageId);
        Assert.StartsWith("Recipient '(no id)', message 'letter': cannot be printed: The character", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PrintContent_Failure_QuotesTheIdOnOneLine()
    {
        var failure = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(Piece("r\n7\u001B[2J\u202E", Beer)));

        Assert.Equal("r\n7\u001B[2J\u202E", failure.RecipientId);
        Assert.StartsWith("Recipient 'r\\n7\\u001B[2J\\u202E', message 'letter': cannot be printed: ", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BatchWriterAdd_Failure_NamesThePiecesRecipientAndMessage_AndTheRunGoesOn()
    {
        using var output = new MemoryStream();
        using var writer = new PdfBatchWriter(output);
        writer.Add("first", Piece("r-1", "Ann"));

        var failure = Assert.Throws<PrintException>(() => writer.Add("entry-2", Piece("r-2", $"Søren {Beer}")));

        Assert.Equal("r-2", failure.RecipientId);
        Assert.Equal("letter", failure.MessageId);
        Assert.Equal(0x13000, failure.CodePoint);
        Assert.Equal($"Recipient 'r-2', message 'letter': cannot be printed: {failure.Problem}", failure.Message);
        Assert.Contains("(U+13000) is not in any configured font", failure.Problem, StringComparison.Ordinal);
        writer.Add("third", Piece("r-3", "Bo"));
        Assert.Equal(["first", "third"], writer.Complete().Entries.Select(e => e.RecipientId));
    }

    [Fact]
    public void Render_RenderedMessage_Failure_HasNoIds_AndIsTheProblemAlone()
    {
        var message = Letters.Render(Letters.Decide(new Dictionary<string, object?> { ["id"] = "r-7", ["name"] = Beer }, "letter"), Channel.Print);
        var failure = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(message));

        Assert.Null(failure.RecipientId);
        Assert.Null(failure.MessageId);
        Assert.Equal(failure.Problem, failure.Message);
        Assert.StartsWith("The character '𓀀' (U+13000)", failure.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void PublicConstructors_TheMessageIsTheProblem_WithoutIds()
    {
        var plain = new PrintException("The toner is out; refill it.");
        Assert.Equal("The toner is out; refill it.", plain.Problem);
        Assert.Equal(plain.Message, plain.Problem);
        Assert.Null(plain.RecipientId);
        Assert.Null(plain.MessageId);
        Assert.Null(plain.CodePoint);

        var cause = new IOException("disk full");
        var wrapped = new PrintException("The PDF cannot be written.", cause);
        Assert.Equal("The PDF cannot be written.", wrapped.Problem);
        Assert.Same(cause, wrapped.InnerException);

        Assert.Equal(new PrintException().Message, new PrintException().Problem);
    }
}
