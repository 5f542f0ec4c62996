namespace OneToOne.Composition.Testing;

/// <summary>
/// A catalog folder in a git repository that a checkout switches from module <c>offer-a</c> to <c>offer-b</c>, a file at a
/// time while it holds <c>.git/index.lock</c>: the core's monitor and the tool's watch must load the switched set only.
/// One source, compiled into each test project that needs it.
/// </summary>
internal static class GitCheckout
{
    /// <summary>When the test's git took its lock: the watchers judge the lock's age by a clock fixed a second after it (<see cref="Clock"/>).</summary>
    public static readonly DateTime LockedAt = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Gets the instant the lock's age is judged at: a second after it was taken, however long the machine stalls, so a
    /// stall longer than the 30 s a lock is trusted does not make it stale (a cycle on the half-switched set followed).
    /// </summary>
    public static DateTimeOffset Clock => new(LockedAt.AddSeconds(1));

    /// <summary>Makes the repository and its catalog folder, naming and defining <c>offer-a</c>.</summary>
    /// <returns>The catalog folder.</returns>
    public static string Repository(TempDirectory temp)
    {
        Directory.CreateDirectory(temp.File(".git"));
        var folder = temp.File("catalog");
        Directory.CreateDirectory(folder);
        Switch(folder, "catalog.yaml", "offer-a");
        Switch(folder, "offers.yaml", "offer-a");
        return folder;
    }

    /// <summary>Takes git's lock, stamped <see cref="LockedAt"/>.</summary>
    /// <returns>The lock file.</returns>
    public static string Lock(TempDirectory temp)
    {
        var lockFile = temp.File(".git/index.lock");
        File.WriteAllText(lockFile, string.Empty);
        File.SetLastWriteTimeUtc(lockFile, LockedAt);
        return lockFile;
    }

    /// <summary>Writes one of the two files as the checkout of <paramref name="module"/> has it.</summary>
    public static void Switch(string folder, string file, string module) =>
        File.WriteAllText(
            Path.Combine(folder, file),
            file == "offers.yaml"
                ? $"modules:\n  {module}: '{Text(module)} for {{{{ name }}}}'\n"
                : $"catalog: t\nslots:\n  s: {{ from: [{module}] }}\nmessages:\n  m: {{ body: '{{{{ slot \"s\" }}}}' }}\n");

    /// <summary>The text a module shows before the recipient's name: <c>OfferA</c> for <c>offer-a</c>.</summary>
    public static string Text(string module) => "Offer" + char.ToUpperInvariant(module[^1]);
}
