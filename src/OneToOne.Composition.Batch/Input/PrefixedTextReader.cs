namespace OneToOne.Composition.Batch;

/// <summary>
/// A reader that first gives back characters already taken from another reader, then reads on from it:
/// how standard input, which cannot seek, is sniffed and still read from its first character.
/// </summary>
/// <param name="prefix">The characters already read.</param>
/// <param name="inner">The reader they came from; not disposed by this reader.</param>
internal sealed class PrefixedTextReader(string prefix, TextReader inner) : TextReader
{
    private int _position;

    /// <summary>Gets the reader the characters came from.</summary>
    public TextReader Inner => inner;

    private bool InPrefix => _position < prefix.Length;

    /// <inheritdoc />
    public override int Peek() => InPrefix ? prefix[_position] : inner.Peek();

    /// <inheritdoc />
    public override int Read() => InPrefix ? prefix[_position++] : inner.Read();

    /// <inheritdoc />
    public override int Read(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        return Read(buffer.AsSpan(index, count));
    }

    /// <inheritdoc />
    public override int Read(Span<char> buffer)
    {
        if (!InPrefix)
        {
            return inner.Read(buffer);
        }

        var count = Math.Min(buffer.Length, prefix.Length - _position);
        prefix.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    /// <inheritdoc />
    public override string? ReadLine() => InPrefix ? base.ReadLine() : inner.ReadLine();
}
