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
        select new ContactQuery(recipient, Start.AddDays(since), Start.AddDays(since + length), channel, message, topic);

    /// <summary>The in-memory history counts as the interface says: the first record of each (recipient, message, run) that matches the query.</summary>
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
            return history.Total == kept.Count && queries.All(query => history.Count(query) == kept.Count(query.Matches));
        });
}
