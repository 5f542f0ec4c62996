using SkiaSharp;

namespace OneToOne.Composition.Print.Drawing;

/// <summary>One item of a laid-out page's display list.</summary>
internal readonly record struct DrawCommand
{
    public DrawKind Kind { get; private init; }

    /// <summary>Gets the glyph run's origin (x, baseline), a line's start, or a rectangle's top-left corner.</summary>
    public SKPoint From { get; private init; }

    /// <summary>Gets a line's end, or a rectangle's bottom-right corner.</summary>
    public SKPoint To { get; private init; }

    /// <summary>Gets the URL of a link, or the characters a glyph run stands for (in logical order).</summary>
    public string? Text { get; private init; }

    /// <summary>Gets, for each glyph of a glyph run, the UTF-8 byte offset in <see cref="Text"/> of the first character it stands for.</summary>
    public uint[]? Clusters { get; private init; }

    /// <summary>Gets the glyph ids of a glyph run, in the run's typeface.</summary>
    public ushort[]? Glyphs { get; private init; }

    /// <summary>Gets where each glyph of a glyph run is drawn, relative to <see cref="From"/>.</summary>
    public SKPoint[]? Positions { get; private init; }

    public SKFont? Font { get; private init; }

    public SKImage? Image { get; private init; }

    public SKColor Color { get; private init; }

    public float StrokeWidth { get; private init; }

    public static DrawCommand DrawGlyphs(float x, float baseline, GlyphRun run, SKFont font, SKColor color) =>
        new()
        {
            Kind = DrawKind.Glyphs,
            From = new SKPoint(x, baseline),
            Glyphs = run.Glyphs,
            Positions = run.Positions,
            Text = run.Text,
            Clusters = run.Clusters,
            Font = font,
            Color = color,
        };

    public static DrawCommand DrawLine(float x1, float y1, float x2, float y2, float strokeWidth, SKColor color) =>
        new() { Kind = DrawKind.Line, From = new SKPoint(x1, y1), To = new SKPoint(x2, y2), StrokeWidth = strokeWidth, Color = color };

    public static DrawCommand FillRectangle(SKRect rectangle, SKColor color) =>
        new() { Kind = DrawKind.Rectangle, From = new SKPoint(rectangle.Left, rectangle.Top), To = new SKPoint(rectangle.Right, rectangle.Bottom), Color = color };

    public static DrawCommand DrawImage(SKRect rectangle, SKImage image) =>
        new() { Kind = DrawKind.Image, From = new SKPoint(rectangle.Left, rectangle.Top), To = new SKPoint(rectangle.Right, rectangle.Bottom), Image = image };

    public static DrawCommand LinkArea(SKRect rectangle, string url) =>
        new() { Kind = DrawKind.Link, From = new SKPoint(rectangle.Left, rectangle.Top), To = new SKPoint(rectangle.Right, rectangle.Bottom), Text = url };
}
