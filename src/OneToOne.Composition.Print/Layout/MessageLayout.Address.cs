using System.Globalization;
using OneToOne.Composition.Print.Drawing;
using OneToOne.Composition.Print.Fonts;

namespace OneToOne.Composition.Print.Layout;

/// <content>The recipient's address block: at a window-envelope position on the first page, or at the top of the body.</content>
internal sealed partial class MessageLayout
{
    /// <summary>Address lines are set this many times their font size apart (10 pt → 12 pt, nine lines in DIN 5008's 40 mm).</summary>
    private const float AddressLineSpacing = 1.2f;

    private void LayoutAddress(PrintPiece piece)
    {
        switch (piece.Window)
        {
            case "din5008":
                LayoutAddressWindow(_options.Din5008Window, "DIN 5008", piece.AddressLines, piece.ReturnAddress);
                break;
            case "us10":
                LayoutAddressWindow(_options.Us10Window, "US #10", piece.AddressLines, piece.ReturnAddress);
                break;
            case "none" or "":
                LayoutAddressInline(piece.AddressLines, piece.ReturnAddress);
                break;
            default:
                throw new PrintException($"The address window '{piece.Window}' is not known; use none, din5008 or us10.");
        }
    }

    /// <summary>Without a window, the return address and the address lines open the body, as the first lines of the letter.</summary>
    private void LayoutAddressInline(IReadOnlyList<string> lines, string? returnAddress)
    {
        if (returnAddress is { Length: > 0 })
        {
            PlaceText(Styled(returnAddress, new TextStyle(FontFace.Regular, _options.ReturnAddressFontSize, MutedColor, null)), _page.Left, _page.ContentWidth);
        }

        var style = new TextStyle(FontFace.Regular, _options.AddressFontSize, TextColor, null);
        foreach (var line in lines)
        {
            PlaceText(Styled(line, style), _page.Left, _page.ContentWidth);
        }

        if (lines.Count > 0 || returnAddress is { Length: > 0 })
        {
            AddSpace(BaseSize * 2f);
        }
    }

    /// <summary>
    /// Places the return address and the address lines at fixed positions in the window box, and starts the body below
    /// it. Text that does not fit the box is an error, never clipped or moved.
    /// </summary>
    private void LayoutAddressWindow(AddressWindow window, string name, IReadOnlyList<string> lines, string? returnAddress)
    {
        var left = window.Left + window.Inset;
        var width = window.Width - (2 * window.Inset);

        if (returnAddress is { Length: > 0 })
        {
            var text = Styled(returnAddress.Trim(), new TextStyle(FontFace.Regular, _options.ReturnAddressFontSize, TextColor, null));
            var (ascent, descent) = text.Metrics(0, text.Text.Length);
            var textWidth = text.Measure(0, text.Text.Length);
            if (textWidth > width + 0.01f || ascent + descent > window.ReturnAddressHeight + 0.01f)
            {
                throw new PrintException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The return address '{returnAddress}' does not fit the {name} window's return-address line ({Millimetres(textWidth):0.#} × {Millimetres(ascent + descent):0.#} mm in a {Millimetres(width):0.#} × {Millimetres(window.ReturnAddressHeight):0.#} mm zone). Shorten it or set a smaller PrintOptions.ReturnAddressFontSize."));
            }

            // Bottom-aligned in its zone, underlined with a hairline, as window-envelope letters do.
            var baseline = window.Top + window.ReturnAddressHeight - descent;
            DrawLineRuns(text, new TextLine(0, text.Text.Length), left, width, baseline, ascent, descent, TextAlignment.Left);
            var rule = Math.Min(baseline + (descent * 0.6f), window.Top + window.ReturnAddressHeight);
            _current.Commands.Add(DrawCommand.DrawLine(left, rule, left + textWidth, rule, 0.4f, TextColor));
        }

        var pitch = _options.AddressFontSize * AddressLineSpacing;
        var zoneTop = window.Top + window.ReturnAddressHeight;
        var zoneHeight = window.Height - window.ReturnAddressHeight;
        var capacity = (int)Math.Floor((zoneHeight + 0.01f) / pitch);
        if (lines.Count > capacity)
        {
            throw new PrintException(string.Create(
                CultureInfo.InvariantCulture,
                $"The address has {lines.Count} lines; the {name} window holds {capacity} at {_options.AddressFontSize:0.#} pt. Shorten the address (the catalog's print: address) or set a smaller PrintOptions.AddressFontSize."));
        }

        var style = new TextStyle(FontFace.Regular, _options.AddressFontSize, TextColor, null);
        for (var i = 0; i < lines.Count; i++)
        {
            var text = Styled(lines[i].Trim(), style);
            var textWidth = text.Measure(0, text.Text.Length);
            if (textWidth > width + 0.01f)
            {
                throw new PrintException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The address line '{lines[i]}' is {Millimetres(textWidth):0.#} mm wide; the {name} window is {Millimetres(width):0.#} mm. Shorten the line (an address line is never wrapped or cut) or set a smaller PrintOptions.AddressFontSize."));
            }

            var (ascent, descent) = text.Metrics(0, text.Text.Length);
            var baseline = zoneTop + (i * pitch) + ((pitch + ascent - descent) / 2f);
            DrawLineRuns(text, new TextLine(0, text.Text.Length), left, width, baseline, ascent, descent, TextAlignment.Left);
        }

        var bodyTop = Math.Max(_page.Top, Math.Max(window.BodyTop, window.Bottom));
        if (bodyTop + (BaseSize * 2f) > _page.Bottom)
        {
            throw new PrintException(string.Create(
                CultureInfo.InvariantCulture,
                $"The body would start {Millimetres(bodyTop):0.#} mm from the top, below the bottom margin; move the {name} window (PrintOptions) or make the margins smaller."));
        }

        _y = bodyTop;
        _pageTop = bodyTop;
    }

    private static float Millimetres(float points) => points * 25.4f / 72f;
}
