using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Decisions;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Testing;
using static OneToOne.Composition.Testing.HostileChecks;

namespace OneToOne.Composition.Tests.Properties;

/// <summary>
/// The bundled examples' recipients with hostile fields (see <see cref="HostileRecipients"/>) are decided and rendered
/// as text and web HTML: each call succeeds or fails that recipient with a <see cref="RecipientException"/> naming it,
/// the message and what in the data is wrong; nothing else escapes and nothing hangs. What renders is checked: the
/// HTML, parsed as a browser parses it, has only the markup the example writes for its own recipients, the greeting
/// shows the name as text, and the subject is the name on one line. The catalog's compiled paths and the interpreter
/// (<see cref="CompositionOptions.UseCompiledPaths"/> off) decide, render and fail alike.
/// </summary>
public sealed class HostileRecipientProperties
{
    private static readonly Lazy<MarkupProfile> BeerWeb = new(() => Profile(HostileRecipients.Beer, "monthly", HostileRecipients.BeerRecipients));

    private static readonly Lazy<MarkupProfile> BankWeb = new(() => Profile(HostileRecipients.Bank, "cross-sell", HostileRecipients.BankRecipients));

    private static readonly Lazy<Catalog> BeerInterpreted = new(() => Interpreted("beer-of-the-month"));

    private static readonly Lazy<Catalog> BankInterpreted = new(() => Interpreted("bank-cross-sell"));

    [Property(MaxTest = 300, Replay = HostileRecipients.Seed)]
    public Property BeerOfTheMonth_HostileRecipients_RenderSafelyOrFailWithTheirId() =>
        Prop.ForAll(
            HostileRecipients.Cases("beer-of-the-month", HostileRecipients.BeerRecipients, HostileRecipients.AnyLength, "nickname").ToArbitrary(),
            static hostile => CheckBothPaths(HostileRecipients.Beer, BeerInterpreted.Value, "monthly", BeerWeb.Value, hostile, "Hello", ", your beer of the month"));

    [Property(MaxTest = 200, Replay = HostileRecipients.Seed)]
    public Property BankCrossSell_HostileRecipients_RenderSafelyOrFailWithTheirId() =>
        Prop.ForAll(
            HostileRecipients.Cases("bank-cross-sell", HostileRecipients.BankRecipients, HostileRecipients.AnyLength).ToArbitrary(),
            static hostile => CheckBothPaths(HostileRecipients.Bank, BankInterpreted.Value, "cross-sell", BankWeb.Value, hostile, "Dear", ", something for you"));

    private static void CheckBothPaths(Catalog compiled, Catalog interpreted, string messageId, MarkupProfile web, HostileCase hostile, string salutation, string subjectEnd)
    {
        var fast = Check(compiled, messageId, web, hostile, salutation, subjectEnd);
        var general = Check(interpreted, messageId, web, hostile, salutation, subjectEnd);

        // How long a render takes depends on the machine: a case stopped by the time budget on one path only is no difference.
        if (!fast.Contains("RenderLimits.TimeBudget", StringComparison.Ordinal) && !general.Contains("RenderLimits.TimeBudget", StringComparison.Ordinal))
        {
            Assert.True(fast == general, $"{hostile}: the compiled paths and the interpreter differ:\n{Shorten(fast)}\n--- interpreter:\n{Shorten(general)}");
        }
    }

    /// <summary>Checks one case on one catalog; returns what happened (the error, the suppression, or each channel's subject and body) for comparing the paths.</summary>
    private static string Check(Catalog catalog, string messageId, MarkupProfile web, HostileCase hostile, string salutation, string subjectEnd)
    {
        var outcome = new System.Text.StringBuilder();
        WithinTime(hostile, () =>
        {
            var recipient = HostileRecipients.ToRecipient(hostile);
            Decision decision;
            try
            {
                decision = catalog.Decide(recipient, messageId);
            }
            catch (RecipientException exception)
            {
                AssertNamesRecipient(exception, recipient.Id, messageId, hostile);
                outcome.Append("decide: ").Append(exception.Problem);
                return;
            }

            Assert.Equal(recipient.Id, decision.RecipientId);
            if (decision.IsSuppressed)
            {
                Assert.False(string.IsNullOrWhiteSpace(decision.SuppressionReason), $"{hostile}: suppressed without a reason.");
                outcome.Append("suppressed: ").Append(decision.SuppressionReason);
                return;
            }

            outcome.AppendJoin(",", decision.Slots.SelectMany(static s => s.ModuleIds)).Append('\n');
            var name = hostile.Fields.GetValueOrDefault("first_name") as string;
            foreach (var channel in new[] { Channel.Text, Channel.Web })
            {
                RenderedMessage rendered;
                try
                {
                    rendered = catalog.Render(decision, channel);
                }
                catch (RecipientException exception)
                {
                    AssertNamesRecipient(exception, recipient.Id, messageId, hostile);
                    outcome.Append(channel).Append(": ").Append(exception.Problem).Append('\n');
                    continue;
                }

                outcome.Append(channel).Append(": ").Append(rendered.Subject).Append('\n').Append(rendered.Body).Append('\n');
                Assert.DoesNotContain('\n', rendered.Subject);
                if (name is not null)
                {
                    Assert.Equal(OneLine(name + subjectEnd).Trim(), rendered.Subject);
                }

                if (channel == Channel.Web)
                {
                    web.AssertOnlyTemplateMarkup(rendered.Body, hostile);
                    if (name is not null)
                    {
                        AssertShowsAsText(rendered.Body, $"{salutation} {name},", hostile);
                    }
                }
                else if (name is not null)
                {
                    Assert.True(
                        Collapse(rendered.Body).Contains(Collapse($"{salutation} {Folded(name)},"), StringComparison.Ordinal),
                        $"{hostile}: the text does not greet the recipient by name:\n{Shorten(rendered.Body)}");
                }
            }
        });
        return outcome.ToString();
    }

    private static Catalog Interpreted(string example) =>
        new CatalogLoader(CompositionOptions.Default with { UseCompiledPaths = false }).Load(Path.Combine(HostileRecipients.RepoRoot, "examples", example, "catalog.yaml"));

    private static MarkupProfile Profile(Catalog catalog, string messageId, IEnumerable<Dictionary<string, object?>> recipients) =>
        new(
            recipients.Select(r => catalog.Decide(r, messageId)).Where(static d => !d.IsSuppressed).Select(d => catalog.Render(d, Channel.Web).Body),
            "https://example.com/");
}
