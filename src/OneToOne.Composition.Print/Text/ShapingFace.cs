using System.Runtime.InteropServices;
using HarfBuzzSharp;

namespace OneToOne.Composition.Print.Text;

/// <summary>
/// A HarfBuzz font over the same file bytes as one of the layout's typefaces, so that the glyph ids it shapes are the
/// ids Skia draws and the subsetter keeps. Made once per loaded font file and shared: HarfBuzz fonts are immutable once
/// set up and safe to shape with from many threads (each shaping has its own buffer).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "Made once per font file and kept for the process, like the typefaces of the cached FontSet that holds it.")]
internal sealed class ShapingFace
{
    // The blob and face are held so that their managed wrappers, and the blob's release callback, live as long as the
    // native font that references them.
    private readonly Blob _blob;
    private readonly Face _face;
    private readonly Font _font;

    /// <summary>Initializes a new instance of the <see cref="ShapingFace"/> class.</summary>
    /// <param name="file">The font file's bytes, copied into native memory that HarfBuzz reads for as long as the face lives.</param>
    public ShapingFace(byte[] file)
    {
        // Native memory, not a pinned array: HarfBuzz keeps pointers into the font's tables for the font's lifetime.
        var memory = Marshal.AllocHGlobal(file.Length);
        Marshal.Copy(file, 0, memory, file.Length);
        _blob = new Blob(memory, file.Length, MemoryMode.ReadOnly, () => Marshal.FreeHGlobal(memory));
        _blob.MakeImmutable();
        _face = new Face(_blob, 0);
        _face.MakeImmutable();
        UnitsPerEm = _face.UnitsPerEm;
        _font = new Font(_face);

        // Positions in font units: scaled to the size of each run by the caller, so one font serves every size.
        _font.SetScale(UnitsPerEm, UnitsPerEm);
    }

    /// <summary>Gets the design units per em of the font: positions come back in these units.</summary>
    public int UnitsPerEm { get; }

    /// <summary>Shapes the text in a buffer with the font's default features (kerning, ligatures, contextual forms, marks).</summary>
    /// <param name="buffer">The buffer, with its text, direction and script set; it then holds glyphs.</param>
    public void Shape(HarfBuzzSharp.Buffer buffer) => _font.Shape(buffer);
}
