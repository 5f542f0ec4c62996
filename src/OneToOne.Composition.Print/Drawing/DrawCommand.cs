using SkiaSharp;

namespace OneToOne.Composition.Print.Drawing;

/// <summary>One item of a laid-out page's display list.</summary>
internal readonly record struct DrawCommand
{
    public DrawKind Kind { get; private init; }

    /// <summary>Gets the text origin (x, baseline), a line's start, or a rectangle's top-left corner.</summary>
    public SKPoint From { get; private init; }

    /// <summary>Gets a line's end, or a rectangle's bottom-right corner.</summary>
    public SKPoint To { get; private init; }

    /// <summary>Gets the text, or the URL of a link.</summary>
    public string? Text { get; private init; }

    public SKFont? Font { get; private init; }

    public SKImage? Image { get; private init; }

    public SKColor Color { get; private init; }

    public float StrokeWidth { get; private init; }

    public static DrawCommand DrawText(float x, float baseline, string text, SKFont font, SKColor color) =>
        new() { Kind = DrawKind.Text, From = new SKPoint(x, baseline), Text = text, Font = font, Color = color };

    public static DrawCommand DrawLine(float x1, float y1, float x2, float y2, float strokeWidth, SKColor color) =>
        new() { Kind = DrawKind.Line, From = new SKPoint(x1, y1), To = new SKPoint(x2, y2), StrokeWidth = strokeWidth, Color = color };

    public static DrawCommand FillRectangle(SKRect rectangle, SKColor color) =>
        new() { Kind = DrawKind.Rectangle, From = new SKPoint(rectangle.Left, rectangle.Top), To = new SKPoint(rectangle.Right, rectangle.Bottom), Color = color };

    public static DrawCommand DrawImage(SKRect rectangle, SKImage image) =>
        new() { Kind = DrawKind.Image, From = new SKPoint(rectangle.Left, rectangle.Top), To = new SKPoint(rectangle.Right, rectangle.Bottom), Image = image };

    public static DrawCommand LinkArea(SKRect rectangle, string url) =>
        new() { Kind = DrawKind.Link, From = new SKPoint(rectangle.Left, rectangle.Top), To = new SKPoint(rectangle.Right, rectangle.Bottom), Text = url };
}
