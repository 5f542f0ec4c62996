using System.Buffers;
using System.Text;
using OneToOne.Composition.Print.Fonts;
using SkiaSharp;

namespace OneToOne.Composition.Print.Drawing;

/// <summary>Paints laid-out pages into a SkiaSharp PDF document.</summary>
internal static class PdfPainter
{
    /// <summary>The producer written into the PDF's document information.</summary>
    internal const string Producer = "OneToOne.Composition.Print";

    /// <summary>
    /// The document information: title, producer, and the caller's date or none. SkiaSharp writes no creation or
    /// modification date and no document id unless asked (no PDF/A), so the same input gives the same bytes.
    /// </summary>
    public static SKDocumentPdfMetadata Metadata(PrintOptions options, string? title)
    {
        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Producer = Producer;
        metadata.Creator = Producer;
        if (!string.IsNullOrEmpty(title))
        {
            // The viewer's title bar, as an email's Subject: without the invisible characters that make it read as another.
            metadata.Title = InvisibleText.Strip(title);
        }

        if (options.DocumentDate is { } date)
        {
            metadata.Creation = date.UtcDateTime;
            metadata.Modified = date.UtcDateTime;
        }

        return metadata;
    }

    /// <summary>
    /// Paints every page of a message; the first page gets a named destination when one is given. Text is drawn with
    /// the subset fonts when given (a PDF of one message), else with the fonts it was laid out with.
    /// </summary>
    public static void Paint(SKDocument document, LaidOutMessage message, string? destination, SubsetFonts? subsets = null)
    {
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var stroke = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke };
        for (var i = 0; i < message.Pages.Count; i++)
        {
            var canvas = document.BeginPage(message.PageWidth, message.PageHeight);
            if (i == 0 && !string.IsNullOrEmpty(destination))
            {
                using var name = PdfAnnotationText.Name(destination);
                canvas.DrawNamedDestinationAnnotation(new SKPoint(0, 0), name);
            }

            foreach (var command in message.Pages[i].Commands)
            {
                switch (command.Kind)
                {
                    case DrawKind.Glyphs:
                        fill.Color = command.Color;
                        using (var builder = new SKTextBlobBuilder())
                        {
                            // By glyph id and position, as shaped, with the text and which glyph stands for which of its
                            // characters: where a glyph is not simply its character (a ligature, a joined Arabic form, a
                            // right-to-left run), Skia marks the characters as the glyphs' replacement text (/ActualText),
                            // so copying from the PDF gives the text as written.
                            var length = Encoding.UTF8.GetByteCount(command.Text!);
                            var text = ArrayPool<byte>.Shared.Rent(length);
                            Encoding.UTF8.GetBytes(command.Text, text);
                            var run = builder.AllocatePositionedTextRun(subsets?.For(command.Font!) ?? command.Font!, command.Glyphs!.Length, length);
                            run.SetGlyphs(command.Glyphs);
                            run.SetPositions(command.Positions);
                            run.SetText(text.AsSpan(0, length));
                            ArrayPool<byte>.Shared.Return(text);
                            run.SetClusters(command.Clusters);
                            using var blob = builder.Build();
                            canvas.DrawText(blob, command.From.X, command.From.Y, fill);
                        }

                        break;
                    case DrawKind.Line:
                        stroke.Color = command.Color;
                        stroke.StrokeWidth = command.StrokeWidth;
                        canvas.DrawLine(command.From, command.To, stroke);
                        break;
                    case DrawKind.Rectangle:
                        fill.Color = command.Color;
                        canvas.DrawRect(new SKRect(command.From.X, command.From.Y, command.To.X, command.To.Y), fill);
                        break;
                    case DrawKind.Image:
                        canvas.DrawImage(command.Image!, new SKRect(command.From.X, command.From.Y, command.To.X, command.To.Y), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None), paint: null);
                        break;
                    case DrawKind.Link:
                        using (var uri = PdfAnnotationText.Uri(command.Text!))
                        {
                            canvas.DrawUrlAnnotation(new SKRect(command.From.X, command.From.Y, command.To.X, command.To.Y), uri);
                        }

                        break;
                }
            }

            document.EndPage();
        }
    }

    /// <summary>Adds an empty page (duplex filler).</summary>
    public static void PaintBlankPage(SKDocument document, float pageWidth, float pageHeight)
    {
        document.BeginPage(pageWidth, pageHeight);
        document.EndPage();
    }
}
