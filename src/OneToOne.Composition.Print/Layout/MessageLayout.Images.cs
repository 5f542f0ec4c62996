using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using OneToOne.Composition.Print.Drawing;
using OneToOne.Composition.Print.Images;
using SkiaSharp;

namespace OneToOne.Composition.Print.Layout;

/// <content>
/// Images: a local image that stands in a paragraph is placed as a block of its own, scaled to the text width and kept
/// whole on one page. Remote images are never fetched; their alt text is printed. A local image inside a link,
/// emphasis, heading or table cell prints its alt text too, but its file is still loaded so that a missing or corrupt
/// one is an error, never silently dropped.
/// </content>
internal sealed partial class MessageLayout
{
    /// <summary>Image pixels are taken as CSS pixels, 96 per inch: 0.75 pt each, before scaling down to fit.</summary>
    private const float PointsPerPixel = 0.75f;

    private void LayoutParagraph(ParagraphBlock paragraph, float left, float width, bool tight)
    {
        var inline = paragraph.Inline;
        if (inline is null || !HasPlacedImage(inline))
        {
            PlaceText(BuildInline(inline, BodyStyle), left, width);
        }
        else
        {
            var builder = new StyledTextBuilder(_fonts, BodyStyle, _bodyLevel);
            var afterImage = false;
            for (var child = inline.FirstChild; child is not null; child = child.NextSibling)
            {
                if (IsPlacedImage(child, out var image))
                {
                    PlaceText(builder.Build(), left, width);
                    builder = new StyledTextBuilder(_fonts, BodyStyle, _bodyLevel);
                    PlaceImage(image, left, width);
                    afterImage = true;
                }
                else if (!(afterImage && child is LineBreakInline))
                {
                    AppendInlines(builder, child, child, BodyStyle);
                    afterImage = false;
                }
            }

            PlaceText(builder.Build(), left, width);
        }

        AddSpace(tight ? BaseSize * 0.3f : BaseSize * 0.75f);
    }

    private bool HasPlacedImage(ContainerInline inline)
    {
        for (var child = inline.FirstChild; child is not null; child = child.NextSibling)
        {
            if (IsPlacedImage(child, out _))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Gets whether an inline is a local image that this layout places (it has an image folder).</summary>
    private bool IsPlacedImage(Inline inline, out LinkInline image)
    {
        image = null!;
        if (_baseDirectory is not null && inline is LinkInline { IsImage: true } link && ImageCache.IsLocal(link.Url ?? string.Empty))
        {
            image = link;
            return true;
        }

        return false;
    }

    /// <summary>Loads a local image's file (throwing if it is missing or corrupt) when this layout has an image folder.</summary>
    private void CheckImage(LinkInline image)
    {
        if (_baseDirectory is not null && ImageCache.IsLocal(image.Url ?? string.Empty))
        {
            _images.Load(image.Url!, _baseDirectory);
        }
    }

    /// <summary>The size an image is drawn at: natural size, scaled down to the width and to a full page's content height.</summary>
    private (float Width, float Height) ImageSize(SKImage image, float width)
    {
        var w = image.Width * PointsPerPixel;
        var h = image.Height * PointsPerPixel;
        if (w > width)
        {
            h *= width / w;
            w = width;
        }

        if (h > _page.ContentHeight)
        {
            w *= _page.ContentHeight / h;
            h = _page.ContentHeight;
        }

        return (w, h);
    }

    private void PlaceImage(LinkInline link, float left, float width)
    {
        var image = _images.Load(link.Url!, _baseDirectory!);
        var (w, h) = ImageSize(image, width);

        AddSpace(BaseSize * 0.3f);

        // Kept whole: break before it when it does not fit, even from the top of a first page shortened by the address.
        if (_y + h > _page.Bottom + 0.01f)
        {
            NewPage();
        }

        DrawMarkerBeside(_y, 0f);
        _current.Commands.Add(DrawCommand.DrawImage(new SKRect(left, _y, left + w, _y + h), image));
        DrawQuoteBars(_y, _y + h);
        _y += h;
        AddSpace(BaseSize * 0.3f);
    }

    /// <summary>The height of the image a block starts with, if it is a paragraph that opens with a placed image; else 0.</summary>
    private float LeadingImageHeight(Block? block, float width)
    {
        if (block is ParagraphBlock { Inline.FirstChild: { } first } && IsPlacedImage(first, out var link))
        {
            return ImageSize(_images.Load(link.Url!, _baseDirectory!), width).Height + (BaseSize * 0.3f);
        }

        return 0f;
    }
}
