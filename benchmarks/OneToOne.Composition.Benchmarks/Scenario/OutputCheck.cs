using System.Globalization;
using System.Text;

namespace OneToOne.Composition.Benchmarks.Scenario;

/// <summary>
/// Checks, before anything is timed, that a peer writes exactly the library's bytes for every recipient
/// (Fluid's <c>CheckBenchmark()</c> habit). A difference throws, so BenchmarkDotNet reports the benchmark as
/// failed instead of timing two programs that do different work.
/// </summary>
public static class OutputCheck
{
    /// <summary>Compares a peer's output with the library's, recipient by recipient.</summary>
    /// <param name="fixture">The fixture: its catalog renders the reference output.</param>
    /// <param name="peerName">The peer's name, for the message.</param>
    /// <param name="peer">The peer.</param>
    /// <returns>The total number of UTF-8 bytes the library wrote (the same for the peer).</returns>
    /// <exception cref="InvalidOperationException">The peer's output differs for some recipient.</exception>
    public static long Verify(Fixture fixture, string peerName, Func<IReadOnlyDictionary<string, object?>, string> peer)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(peer);
        long bytes = 0;
        for (var i = 0; i < fixture.Recipients.Count; i++)
        {
            var recipient = fixture.Recipients[i];
            var expected = fixture.RenderWithLibrary(recipient);
            var actual = peer(recipient);
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(Describe(peerName, recipient, expected, actual, fixture));
            }

            bytes += Encoding.UTF8.GetByteCount(expected);
        }

        return bytes;
    }

    private static string Describe(string peerName, Dictionary<string, object?> recipient, string expected, string actual, Fixture fixture)
    {
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }

        var from = Math.Max(0, at - 60);
        return string.Create(CultureInfo.InvariantCulture,
            $"""
            Output check failed: peer '{peerName}' does not write the library's bytes for recipient '{recipient["id"]}' ({fixture.Modules} modules, {fixture.Purchases} purchases).
            First difference at char {at} (library {expected.Length} chars, peer {actual.Length} chars).
              library: …{Visible(expected, from, at + 60)}…
              peer:    …{Visible(actual, from, at + 60)}…
            Fix the peer (or, if the library's output changed on purpose, the peer's HTML in Peers/ModuleHtml.cs).
            """);
    }

    private static string Visible(string text, int from, int to) =>
        text[Math.Min(from, text.Length)..Math.Min(to, text.Length)].Replace("\n", "\\n", StringComparison.Ordinal);
}
