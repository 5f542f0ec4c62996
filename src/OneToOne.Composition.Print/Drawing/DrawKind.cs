namespace OneToOne.Composition.Print.Drawing;

/// <summary>What a <see cref="DrawCommand"/> draws.</summary>
internal enum DrawKind
{
    /// <summary>A run of text at a baseline.</summary>
    Text,

    /// <summary>A straight line.</summary>
    Line,

    /// <summary>A filled rectangle.</summary>
    Rectangle,

    /// <summary>A link annotation over a rectangle.</summary>
    Link,

    /// <summary>An image scaled into a rectangle.</summary>
    Image,
}
