namespace OneToOne.Composition.Print;

/// <summary>
/// Where the recipient's address block goes on the first page so that it shows through a window envelope, in PDF
/// points (1/72 inch) measured from the page's top-left corner. The box holds a one-line return-address zone at its
/// top, then the address lines. Immutable; vary <see cref="Din5008FormB"/> or <see cref="Us10"/> with <c>with</c>.
/// </summary>
/// <param name="Left">The box's distance from the left edge of the page.</param>
/// <param name="Top">The box's distance from the top edge of the page.</param>
/// <param name="Width">The box's width.</param>
/// <param name="Height">The box's height, the return-address zone included.</param>
/// <param name="ReturnAddressHeight">The height of the return-address zone at the top of the box (reserved even when there is no return address, as the standards do).</param>
/// <param name="Inset">The horizontal distance between the box's edges and its text.</param>
/// <param name="BodyTop">Where the body text starts on the first page, from the top edge; at least the bottom of the box.</param>
public sealed record AddressWindow(float Left, float Top, float Width, float Height, float ReturnAddressHeight, float Inset, float BodyTop)
{
    private const float PointsPerMillimetre = 72f / 25.4f;

    /// <summary>
    /// Gets the DIN 5008 form B address field (the German business-letter standard, for DL/C6/C5 window envelopes per
    /// DIN 680): 20 mm from the left edge and 45 mm from the top, 85 × 45 mm, of which the top 5 mm are the
    /// return-address line in small type and the next 40 mm hold up to nine address lines. Text starts 5 mm inside the
    /// field (25 mm from the edge, the standard's text margin); the body starts at 98.46 mm, where form B puts the first
    /// line below the address field. Each call gives an instance of its own: the configuration binder sets init-only
    /// properties through reflection, and <c>configuration.Bind(AddressWindow.Din5008FormB)</c> rewrote one shared instance
    /// for every renderer in the process.
    /// </summary>
    public static AddressWindow Din5008FormB => FromMillimetres(left: 20, top: 45, width: 85, height: 45, returnAddressHeight: 5, inset: 5, bodyTop: 98.46f);

    /// <summary>
    /// Gets the address position for a US #10 window envelope (4 1/8 × 9 1/2 in with a 1 1/8 × 4 1/2 in window, 7/8 in
    /// from the left and 1/2 in from the bottom), for a Letter sheet tri-folded: the box is 0.875 in from the left,
    /// 2.0 in from the top, 4.0 × 1.125 in. These are the commonly cited placements (the envelope makers' window
    /// specification, less about 1/4 in each side for the folded sheet moving inside the envelope); they are an
    /// assumption, not a USPS rule, so check them against the envelope stock and adjust with <c>with</c>. A 1/6 in
    /// zone at the top takes the return address; the body starts at 3.5 in. Each call gives an instance of its own, as
    /// <see cref="Din5008FormB"/> does.
    /// </summary>
    public static AddressWindow Us10 => new(Left: 0.875f * 72, Top: 2.0f * 72, Width: 4.0f * 72, Height: 1.125f * 72, ReturnAddressHeight: 12f, Inset: 0f, BodyTop: 3.5f * 72);

    /// <summary>Creates a window from millimetres.</summary>
    /// <param name="left">The box's distance from the left edge, in millimetres.</param>
    /// <param name="top">The box's distance from the top edge, in millimetres.</param>
    /// <param name="width">The box's width, in millimetres.</param>
    /// <param name="height">The box's height, in millimetres.</param>
    /// <param name="returnAddressHeight">The return-address zone's height, in millimetres.</param>
    /// <param name="inset">The horizontal text inset, in millimetres.</param>
    /// <param name="bodyTop">Where the body starts on the first page, in millimetres from the top edge.</param>
    /// <returns>The window in points.</returns>
    public static AddressWindow FromMillimetres(float left, float top, float width, float height, float returnAddressHeight, float inset, float bodyTop) =>
        new(left * PointsPerMillimetre, top * PointsPerMillimetre, width * PointsPerMillimetre, height * PointsPerMillimetre,
            returnAddressHeight * PointsPerMillimetre, inset * PointsPerMillimetre, bodyTop * PointsPerMillimetre);

    /// <summary>Gets the box's bottom edge, from the top of the page.</summary>
    public float Bottom => Top + Height;

    /// <summary>Throws when the window cannot hold text.</summary>
    internal void Validate(string name)
    {
        if (!(Left >= 0 && Top >= 0 && Width > 0 && Height > 0 && ReturnAddressHeight >= 0 && ReturnAddressHeight < Height && Inset >= 0 && 2 * Inset < Width && BodyTop >= 0))
        {
            throw new ArgumentException($"The address window {name} must have a positive size, a return-address zone smaller than its height, an inset smaller than half its width, and a body top that is a number, not negative.", name);
        }
    }
}
