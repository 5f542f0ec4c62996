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
    /// worker's <see cref="SqliteContactHistory.Prune"/> after a run.
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
        // One file, one connection: the concrete registration makes it, the contact history is that same instance.
        builder.Services.TryAddSingleton(_ => new SqliteContactHistory(path));
        return builder.AddContactHistory(static provider => provider.GetRequiredService<SqliteContactHistory>());
    }
}
