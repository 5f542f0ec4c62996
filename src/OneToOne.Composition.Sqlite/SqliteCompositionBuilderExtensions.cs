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
    /// worker's <see cref="SqliteContactHistory.Prune"/> after a run. When another contact history was registered first,
    /// the caps count in that one, and asking for <see cref="SqliteContactHistory"/> throws
    /// <see cref="InvalidOperationException"/> naming it, rather than open a second file the caps do not use. A contact
    /// history registered after it replaces it (the container serves the last registration): to decorate the SQLite
    /// history, wrap the one the container makes, <c>sp =&gt; new MyHistory(sp.GetRequiredService&lt;SqliteContactHistory&gt;())</c>.
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
        // One file, one connection: the concrete registration makes it, and the contact history is that same instance,
        // so a contact history registered later can wrap it (sp => new MyHistory(sp.GetRequiredService<SqliteContactHistory>())).
        // When another history was registered first, the caps count in that one: a SqliteContactHistory made apart from it
        // would be a second file that Forget and Prune empty while the caps' contacts stay, so asking for it fails instead,
        // naming the history in use. It is told from the registrations, not by asking for the history, which would make a
        // wrapper registered later a circular dependency.
        var services = builder.Services;
        if (Registered(services, typeof(SqliteContactHistory)) is null && Registered(services, typeof(OneToOne.Composition.Contacts.IContactHistory)) is { } other)
        {
            var history = Describe(other);
            services.AddSingleton<SqliteContactHistory>(_ => throw new InvalidOperationException($"AddSqliteContactHistory(\"{path}\") was not used: the contact history registered first, {history}, is the one frequency caps count in. Register one contact history: remove AddSqliteContactHistory, or the other registration."));
            return builder;
        }

        services.TryAddSingleton(_ => new SqliteContactHistory(path));
        return builder.AddContactHistory(static provider => provider.GetRequiredService<SqliteContactHistory>());
    }

    private static ServiceDescriptor? Registered(IServiceCollection services, Type type)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == type && !descriptor.IsKeyedService)
            {
                return descriptor;
            }
        }

        return null;
    }

    private static string Describe(ServiceDescriptor descriptor) =>
        (descriptor.ImplementationInstance?.GetType() ?? descriptor.ImplementationType) is { } type
            ? $"{Article(type.Name)} {type.Name}"
            : "the one its factory makes";

    private static string Article(string name) => name.Length > 0 && "AEIOU".Contains(name[0], StringComparison.Ordinal) ? "an" : "a";
}
