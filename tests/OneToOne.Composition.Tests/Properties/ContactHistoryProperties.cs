using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using OneToOne.Composition.Contacts;

namespace OneToOne.Composition.Tests.Properties;

public sealed class ContactHistoryProperties
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static Gen<ContactRecord> Contacts() =>
        from recipient in Gen.Elements("r1", "r2", "r3")
        from message in Gen.Elements("m1", "m2")
        from channel in Gen.Elements("email", "print")
        from topic in Gen.Elements<string?>("cards", "loans", null)
        from day in Gen.Choose(0, 9)
        from run in Gen.Elements("run-a", "run-b", "run-c")
        select new ContactRecord(recipient, message, channel, topic, Start.AddDays(day), run);

    private static Gen<ContactQuery> Queries() =>
        from recipient in Gen.Elements("r1", "r2", "r3", "r4")
        from since in Gen.Choose(-1, 9)
        from length in Gen.Choose(0, 10)
        from channel in Gen.Elements<string?>("email", "print", null)
        from message in Gen.Elements<string?>("m1", "m2", null)
        from topic in Gen.Elements<string?>("cards", "loans", null)
        from except in Gen.Elements<string?>("run-a", "run-z", null, null)
        select new ContactQuery(recipient, Start.AddDays(since), Start.AddDays(since + length), channel, message, topic) { ExceptRunId = except };

    /// <summary>
    /// The in-memory history counts as the interface says: the first record of each (recipient, message, run) that falls in
    /// the window (after Since, at or before Until) and matches every filter. The window and filters are written out here,
    /// not read from <see cref="ContactQuery.Matches"/>, which the history itself counts with: a wrong window edge or a
    /// filter ignored there would be on both sides of the comparison.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Count_IsTheMatchingFirstRecordOfEachRecipientMessageAndRun() =>
        Prop.ForAll(Contacts().ListOf().ToArbitrary(), Queries().ListOf().ToArbitrary(), static (contacts, queries) =>
        {
            var history = new InMemoryContactHistory();
            foreach (var contact in contacts)
            {
                history.Record(contact);
            }

            var kept = contacts.DistinctBy(static c => (c.RecipientId, c.MessageId, c.RunId)).ToList();
            return history.Total == kept.Count && queries.All(query =>
                history.Count(query) == kept.Count(c => InWindowAndFilters(c, query))
                && kept.Count(query.Matches) == kept.Count(c => InWindowAndFilters(c, query)));
        });

    /// <summary>The query's definition, as its documentation states it.</summary>
    private static bool InWindowAndFilters(ContactRecord contact, ContactQuery query) =>
        contact.RecipientId == query.RecipientId
        && contact.At > query.Since
        && contact.At <= query.Until
        && (query.Channel is null || contact.Channel == query.Channel)
        && (query.MessageId is null || contact.MessageId == query.MessageId)
        && (query.Topic is null || contact.Topic == query.Topic)
        && (query.ExceptRunId is null || contact.RunId != query.ExceptRunId);
}
