using System.Buffers;
using System.Text;

namespace OneToOne.Composition.Batch;

/// <summary>
/// A message body rendered into characters rented from the shared pool instead of a string of its own: a batch's
/// bodies are its largest allocation, and each lives only from rendering until its record is written.
/// </summary>
/// <remarks>Written by one worker, then read by the one writing; <see cref="Release"/> hands the characters back, after which the text must not be read.</remarks>
internal sealed class PooledText : TextWriter
{
    /// <summary>The first rental: most bodies fit (the example's are 1–2 thousand characters).</summary>
    private const int InitialSize = 4096;

    private char[] _chars = [];
    private int _length;

    public PooledText()
        : base(System.Globalization.CultureInfo.InvariantCulture)
    {
    }

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.Unicode;

    /// <summary>Gets the text written so far.</summary>
    public ReadOnlySpan<char> Text => _chars.AsSpan(0, _length);

    /// <inheritdoc />
    public override void Write(char value)
    {
        Room(1)[0] = value;
        _length++;
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<char> buffer)
    {
        buffer.CopyTo(Room(buffer.Length));
        _length += buffer.Length;
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <inheritdoc />
    public override void Write(string? value) => Write(value.AsSpan());

    /// <summary>Hands the characters back to the pool; the text is empty afterwards.</summary>
    public void Release()
    {
        var chars = _chars;
        _chars = [];
        _length = 0;
        if (chars.Length > 0)
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }

    /// <inheritdoc />
    public override string ToString() => new(Text);

    private Span<char> Room(int count)
    {
        if (_chars.Length - _length < count)
        {
            var larger = ArrayPool<char>.Shared.Rent(Math.Max(InitialSize, Math.Max(_length + count, _chars.Length * 2)));
            Text.CopyTo(larger);
            if (_chars.Length > 0)
            {
                ArrayPool<char>.Shared.Return(_chars);
            }

            _chars = larger;
        }

        return _chars.AsSpan(_length, count);
    }
}
