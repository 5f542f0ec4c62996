namespace OneToOne.Composition.Print.Layout;

/// <summary>The page and its content box, in points, y growing downwards.</summary>
/// <param name="Width">The page width.</param>
/// <param name="Height">The page height.</param>
/// <param name="Left">The content box's left edge.</param>
/// <param name="Top">The content box's top edge.</param>
/// <param name="Right">The content box's right edge.</param>
/// <param name="Bottom">The content box's bottom edge.</param>
internal readonly record struct PageGeometry(float Width, float Height, float Left, float Top, float Right, float Bottom)
{
    public float ContentWidth => Right - Left;

    public float ContentHeight => Bottom - Top;

    public static (float Width, float Height) PaperSize(PrintPageSize size) => size switch
    {
        PrintPageSize.Letter => (612f, 792f),
        _ => (595.28f, 841.89f),
    };

    public static PageGeometry From(PrintOptions options)
    {
        var (width, height) = PaperSize(options.PageSize);
        var margins = options.Margins;
        return new PageGeometry(width, height, margins.Left, margins.Top, width - margins.Right, height - margins.Bottom);
    }
}
