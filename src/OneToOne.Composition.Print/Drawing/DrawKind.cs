namespace OneToOne.Composition.Print.Drawing;

/// <summary>What a <see cref="DrawCommand"/> draws.</summary>
internal enum DrawKind
{
    /// <summary>A run of shaped glyphs, each at its own position from a baseline origin.</summary>
    Glyphs,

    /// <summary>A straight line.</summary>
    Line,

    /// <summary>A filled rectangle.</summary>
    Rectangle,

    /// <summary>A link annotation over a rectangle.</summary>
    Link,

    /// <summary>An image scaled into a rectangle.</summary>
    Image,
}
