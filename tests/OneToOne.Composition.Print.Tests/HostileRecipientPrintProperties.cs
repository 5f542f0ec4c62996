using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Testing;
using static OneToOne.Composition.Testing.HostileChecks;

namespace OneToOne.Composition.Print.Tests;

/// <summary>
/// The bundled examples' recipients with hostile fields (see <see cref="HostileRecipients"/>) are printed: rendering
/// the print content succeeds or fails that recipient with a <see cref="RecipientException"/> naming it, and laying out
/// the PDF succeeds or fails with a <see cref="PrintException"/> that says how to fix the data (a batch adds the
/// recipient); nothing else escapes and nothing hangs. A PDF made opens with PdfPig, and its first page greets the
/// recipient.
/// </summary>
public sealed class HostileRecipientPrintProperties
{
    /// <summary>
    /// The longest value these properties print. Laying out is linear in the text (about 5 µs a character: a 1 MiB
    /// value is some 270 pages, seconds to print), so the values near the output limit are left to the other channels'
    /// properties, and to the runs of many cases while developing.
    /// </summary>
    private const int Longest = 30_000;

    [Property(MaxTest = 100, Replay = HostileRecipients.Seed)]
    public Property BeerOfTheMonth_HostileRecipients_PrintOrFailClearly() =>
        Prop.ForAll(
            HostileRecipients.Cases("beer-of-the-month", HostileRecipients.BeerRecipients, Longest, "nickname").ToArbitrary(),
            static hostile => Check(HostileRecipients.Beer, "monthly", hostile, "Hello"));

    [Property(MaxTest = 60, Replay = HostileRecipients.Seed)]
    public Property BankCrossSell_HostileRecipients_PrintOrFailClearly() =>
        Prop.ForAll(
            HostileRecipients.Cases("bank-cross-sell", HostileRecipients.BankRecipients, Longest).ToArbitrary(),
            static hostile => Check(HostileRecipients.Bank, "cross-sell", hostile, "Dear"));

    internal static void Check(Catalog catalog, string messageId, HostileCase hostile, string salutation) =>
        WithinTime(hostile, () =>
        {
            var recipient = HostileRecipients.ToRecipient(hostile);
            PrintContent content;
            try
            {
                var decision = catalog.Decide(recipient, messageId);
                if (decision.IsSuppressed || decision.Channel is not (null or "print"))
                {
                    return;
                }

                content = catalog.RenderPrint(decision);
            }
            catch (RecipientException exception)
            {
                AssertNamesRecipient(exception, recipient.Id, messageId, hostile);
                return;
            }

            byte[] pdf;
            try
            {
                pdf = PrintTestData.Renderer.Render(content);
            }
            catch (PrintException exception)
            {
                // A character no font has, a noncharacter, a bidirectional control, a link too long: each says what to do.
                Assert.Matches("Correct the data|correct the data|Remove the control character from the data|Shorten the value", exception.Message);
                return;
            }

            Assert.True(PrintTestData.PageCount(pdf) >= 1, $"{hostile}: the PDF has no page.");
            Assert.True(
                PrintTestData.Words(pdf).Any(w => w.Page == 1 && w.Word.Text == salutation),
                $"{hostile}: the PDF's first page does not greet the recipient:\n{Shorten(PrintTestData.AllText(pdf))}");
        });
}
