using System.Security.Cryptography;

namespace OneToOne.Composition.Cli.Input;

/// <summary>
/// What a checkpoint remembers of its recipients file, to refuse resuming over another one: the size, the last write
/// time and a SHA-256 of the first 64 KiB. Cheap for a file of any size (hashing gigabytes would delay every resume);
/// appending, cutting or rewriting the file changes the size or the time, and a file put back in place (copied, or
/// regenerated) with other first records changes the hash.
/// </summary>
/// <param name="Size">The file's length in bytes.</param>
/// <param name="Modified">The file's last write time, UTC.</param>
/// <param name="HeadSha256">The SHA-256 of the file's first 64 KiB (or all of it, when shorter), as lower-case hex.</param>
internal sealed record RecipientFingerprint(long Size, DateTime Modified, string HeadSha256)
{
    /// <summary>The bytes at the start of the file that are hashed.</summary>
    private const int HeadLength = 64 * 1024;

    /// <summary>Takes the fingerprint of a recipients file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The fingerprint, or null when the path is not a regular file (a pipe or a device cannot be read twice).</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RecipientFingerprint? Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        if (!stream.CanSeek)
        {
            return null;
        }

        var head = new byte[(int)Math.Min(HeadLength, stream.Length)];
        stream.ReadExactly(head);
        return new RecipientFingerprint(stream.Length, File.GetLastWriteTimeUtc(path), Convert.ToHexStringLower(SHA256.HashData(head)));
    }
}
