using MimeKit;
using OneToOne.Composition.Email.Mime;
using static OneToOne.Composition.Email.Tests.Mail;

namespace OneToOne.Composition.Email.Tests.Mime;

/// <summary>
/// The MIME boundary is derived from (catalog, message, recipient id, date), all of which a recipient can know of their own
/// message, and <c>=_</c> keeps it out of quoted-printable only: a part of short ASCII lines is 7bit, and a recipient value
/// that was the boundary line on a line of its own ended the part there. The rest of the text became a part of the
/// recipient's making, and <c>--boundary--</c> ended the message, the HTML part with it (a DKIM-signed message with content
/// of the recipient's choosing).
/// </summary>
public sealed class BoundaryInContentTests
{
    private static readonly Catalog Notes = new CatalogLoader(TestOptions.Untimed).Parse("""
        catalog: notes
        messages:
          m:
            subject: Hi
            body: |
              Dear customer, your note:

              {{ note }}

              {{ payload }}

              {{ note }}--

              Your unsubscribe link is below.
            email: { from: club@example.com }
        """);

    [Fact]
    public void ARecipientValueThatIsTheBoundaryLine_StaysText()
    {
        var boundary = MessageIdentity.Create("notes", "m", "r1", Now).Boundary();
        var decision = Notes.Decide(Person(more: [("note", "--" + boundary), ("payload", "EVIL")]), "m");

        var message = Load(new EmailComposer(Options).Compose(Notes, decision).ToBytes());

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(boundary, alternative.Boundary);
        Assert.Collection(
            alternative.OfType<TextPart>(),
            text =>
            {
                Assert.True(text.IsPlain);
                Assert.Contains("--" + boundary + "\n\nEVIL\n\n--" + boundary + "--\n\nYour unsubscribe link is below.", text.Text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
            },
            html =>
            {
                Assert.True(html.IsHtml);
                Assert.Contains("Your unsubscribe link is below.", html.Text, StringComparison.Ordinal);
            });
        Assert.Equal(2, alternative.Count);
    }
}
