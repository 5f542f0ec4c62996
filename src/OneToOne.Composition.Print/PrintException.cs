namespace OneToOne.Composition.Print;

/// <summary>
/// A message cannot be printed as asked: a character no configured font has, a font file that cannot be loaded,
/// content that cannot fit a page, or Markdown nested deeper than the Markdown reader follows. In a batch, reject the one record that caused it; nothing of it was written.
/// </summary>
public sealed class PrintException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PrintException"/> class.</summary>
    public PrintException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PrintException"/> class.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public PrintException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PrintException"/> class.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public PrintException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PrintException"/> class for a character no configured font has.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="codePoint">The Unicode code point that has no glyph.</param>
    internal PrintException(string message, int codePoint)
        : base(message)
    {
        CodePoint = codePoint;
    }

    /// <summary>Gets the Unicode code point that no configured font has, or null when the error is of another kind.</summary>
    public int? CodePoint { get; }
}
