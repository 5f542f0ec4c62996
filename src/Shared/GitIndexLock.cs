namespace OneToOne.Composition;

/// <summary>
/// Whether a git command that switches files (checkout, merge, rebase, stash) is under way in the repository that holds a
/// folder, as its <c>index.lock</c> says: a load then would read a half-switched set of files (a module renamed in one
/// file, not yet in the other) and report errors that are not there. <c>src/Shared</c>: <see cref="CatalogMonitor"/> and
/// the tool's <c>watch</c> both wait while it is held.
/// </summary>
internal static class GitIndexLock
{
    /// <summary>
    /// A lock last written more than this before the clock, or stamped more than this ahead of it (left before the clock
    /// was set back, or by another machine on a shared folder), is taken for one a crashed git left, not waited on.
    /// </summary>
    public static readonly TimeSpan Stale = TimeSpan.FromSeconds(30);

    /// <summary>How often a waiter looks at the lock again, at least.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>The <c>index.lock</c> of the repository (or worktree) holding the folder when git holds it now; null when there is none, or it is stale.</summary>
    /// <param name="folder">The catalog's folder.</param>
    /// <param name="clock">The clock the lock's last write time is judged by.</param>
    public static string? Held(string folder, TimeProvider clock) =>
        Find(folder) is { } lockFile && (clock.GetUtcNow().UtcDateTime - File.GetLastWriteTimeUtc(lockFile)).Duration() < Stale ? lockFile : null;

    /// <summary>The <c>index.lock</c> of the git repository (or worktree) holding the folder, when there is one and it exists.</summary>
    private static string? Find(string folder)
    {
        try
        {
            for (var at = folder; at is not null; at = Path.GetDirectoryName(at))
            {
                var dotGit = Path.Combine(at, ".git");
                string gitDir;
                if (Directory.Exists(dotGit))
                {
                    gitDir = dotGit;
                }
                else if (File.Exists(dotGit) && File.ReadLines(dotGit).FirstOrDefault() is { } line && line.StartsWith("gitdir:", StringComparison.Ordinal))
                {
                    // A worktree's or submodule's .git file names its git folder.
                    gitDir = Path.GetFullPath(line["gitdir:".Length..].Trim(), at);
                }
                else
                {
                    continue;
                }

                var lockFile = Path.Combine(gitDir, "index.lock");
                return File.Exists(lockFile) ? lockFile : null;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Unreadable: not waited on.
        }

        return null;
    }
}
