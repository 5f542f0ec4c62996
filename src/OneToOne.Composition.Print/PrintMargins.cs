namespace OneToOne.Composition.Print;

/// <summary>Page margins in PDF points (1/72 inch). The header and footer lines sit inside the top and bottom margins.</summary>
/// <param name="Top">The top margin.</param>
/// <param name="Right">The right margin.</param>
/// <param name="Bottom">The bottom margin.</param>
/// <param name="Left">The left margin.</param>
public readonly record struct PrintMargins(float Top, float Right, float Bottom, float Left)
{
    /// <summary>Points per millimetre.</summary>
    private const float PointsPerMillimetre = 72f / 25.4f;

    /// <summary>Creates margins that are the same on all four sides.</summary>
    /// <param name="points">The margin in points.</param>
    /// <returns>The margins.</returns>
    public static PrintMargins Uniform(float points) => new(points, points, points, points);

    /// <summary>Creates margins given in millimetres.</summary>
    /// <param name="top">The top margin in millimetres.</param>
    /// <param name="right">The right margin in millimetres.</param>
    /// <param name="bottom">The bottom margin in millimetres.</param>
    /// <param name="left">The left margin in millimetres.</param>
    /// <returns>The margins in points.</returns>
    public static PrintMargins FromMillimetres(float top, float right, float bottom, float left) =>
        new(top * PointsPerMillimetre, right * PointsPerMillimetre, bottom * PointsPerMillimetre, left * PointsPerMillimetre);
}
