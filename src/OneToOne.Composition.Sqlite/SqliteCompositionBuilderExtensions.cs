using Microsoft.Extensions.DependencyInjection.Extensions;
using OneToOne.Composition.DependencyInjection;
using OneToOne.Composition.Sqlite;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a <see cref="SqliteContactHistory"/> with <c>AddOneToOneComposition()</c>.</summary>
public static class SqliteCompositionBuilderExtensions
{
    /// <summary>
    /// Registers a <see cref="SqliteContactHistory"/> on <paramref name="path"/> as the contact history (the first
    /// registration wins). The container opens the file when the history is first needed (a locked, read-only or
    /// corrupt file throws <see cref="OneToOne.Composition.Contacts.ContactHistoryException"/> then) and closes it when it is disposed.
    /// The history is also served as <see cref="SqliteContactHistory"/>, the same instance, for what only it does: a data
    /// protection endpoint's <see cref="SqliteContactHistory.Contacts"/> and <see cref="SqliteContactHistory.Forget"/>, a
    /// worker's <see cref="SqliteContactHistory.Prune"/> after a run. When another contact history was registered first
    /// (or replaces this one), the caps count in that one, and asking for <see cref="SqliteContactHistory"/> throws
    /// <see cref="InvalidOperationException"/> naming it, rather than open a second file the caps do not use.
    /// </summary>
    /// <param name="builder">The builder <c>AddOneToOneComposition()</c> returned.</param>
    /// <param name="path">The database file, created with its schema when missing.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    public static OneToOneCompositionBuilder AddSqliteContactHistory(this OneToOneCompositionBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(path);
        // One file, one connection: the contact history the caps count in makes it, and the concrete registration serves
        // that same instance. When another history was registered first (or replaced this one), the caps count in that
        // one: a SqliteContactHistory made apart from it would be a second file that Forget and Prune empty while the caps'
        // contacts stay, so asking for it fails instead, naming the history in use.
        builder.AddContactHistory(_ => new SqliteContactHistory(path));
        builder.Services.TryAddSingleton(provider => provider.GetRequiredService<OneToOne.Composition.Contacts.IContactHistory>() switch
        {
            SqliteContactHistory history => history,
            var other => throw new InvalidOperationException($"AddSqliteContactHistory(\"{path}\") was not used: the contact history registered first, {Article(other.GetType().Name)} {other.GetType().Name}, is the one frequency caps count in. Register one contact history: remove AddSqliteContactHistory, or the other registration."),
        });
        return builder;
    }

    private static string Article(string name) => name.Length > 0 && "AEIOU".Contains(name[0], StringComparison.Ordinal) ? "an" : "a";
}
