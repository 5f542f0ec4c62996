using Microsoft.Extensions.Configuration;

namespace OneToOne.Composition.Testing;

/// <summary>
/// Configuration for the options-binding tests, held in memory. One source, compiled into the core and Print tests, which
/// reach it with <c>using static</c>.
/// </summary>
internal static class TestConfiguration
{
    /// <summary>Builds a configuration holding the given keys and values.</summary>
    /// <param name="settings">The keys (sections joined by <c>:</c>) and their values.</param>
    /// <returns>The configuration.</returns>
    public static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(static s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
}
