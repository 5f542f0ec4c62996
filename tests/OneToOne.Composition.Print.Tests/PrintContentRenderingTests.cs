using System.Buffers.Binary;
using System.Globalization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace OneToOne.Composition.Print.Tests;

/// <summary>Rendering a <see cref="PrintContent"/>: the catalog's print settings, the window address block, images.</summary>
public sealed class PrintContentRenderingTests
{
    private const double PointsPerMillimetre = 72 / 25.4;

    private static string LetterYaml(string print, string content = "Our **Autumn Offer** is here, {{ name }}.") => $$$"""
        catalog: letters
        modules:
          offer:
            content: |
              {{{content.Replace("\n", "\n      ", StringComparison.Ordinal)}}}
        slots:
          s: { from: [offer] }
        messages:
          letter:
            subject: "For {{ name }}"
            body: |
              Dear {{ name }},

              {{ slot "s" }}
            print:
        {{{print}}}
        """;

    private const string DinPrint = """
              window: din5008
              return-address: "Beer Club · 1 Brew St · 80331 München"
              address: |
                {{ name }}
                {{ street }}
                {{ postcode }} {{ city }}
        """;

    private static readonly (string, object?)[] Anna = [("name", "Anna Schmidt"), ("street", "Hauptstraße 12"), ("postcode", "10115"), ("city", "Berlin")];

    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-CA")]
    public void Render_DeclaresTheRecipientsLanguageAndTheSubjectAsTitle_ForScreenReaders(string locale)
    {
        using var letter = new LetterCatalog(LetterYaml(DinPrint));
        var content = letter.Print("letter", [.. Anna, ("locale", locale)]);

        var pdf = PrintTestData.Renderer.Render(content);

        Assert.Equal(locale, content.Language);
        using var document = PrintTestData.Open(pdf);
        Assert.Equal("For Anna Schmidt", document.Information.Title);
        Assert.True(document.Structure.Catalog.CatalogDictionary.TryGet(UglyToad.PdfPig.Tokens.NameToken.Create("Lang"), out UglyToad.PdfPig.Tokens.StringToken lang));
        Assert.Equal(locale, lang!.Data);
        Assert.Contains("Our Autumn Offer is here, Anna Schmidt.", PrintTestData.AllText(pdf), StringComparison.Ordinal);
        Assert.Equal(pdf, PrintTestData.Renderer.Render(content)); // still deterministic
        Assert.EndsWith("/Lang (" + locale + ")>>\nendobj\n", System.Text.Encoding.Latin1.GetString(pdf).Split("xref\n0 1\n")[^2], StringComparison.Ordinal);
    }

    /// <summary>
    /// The PDF's title (the viewer's title bar, the file list of an archive) is a label, as an email's Subject is: it drops
    /// the same invisible characters; so do the address lines in the window, which a sorting machine reads.
    /// </summary>
    [Fact]
    public void Render_TitleAndAddress_DropInvisibleFormattingCharacters_AsTheEmailSubjectDoes()
    {
        using var letter = new LetterCatalog(LetterYaml(DinPrint));
        var content = letter.Print("letter", ("name", "Anna\u200B Schmidt\uFEFF"), ("street", "\u202EHauptstra\u00DFe 12\u202C"), ("postcode", "101\uFEFF15"), ("city", "Berlin"));

        var pdf = PrintTestData.Renderer.Render(content);

        using var document = PrintTestData.Open(pdf);
        Assert.Equal("For Anna Schmidt", document.Information.Title);
        Assert.Equal(["Anna Schmidt", "Hauptstra\u00DFe 12", "10115 Berlin"], content.AddressLines);
        Assert.Contains("10115 Berlin", document.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_InvariantRecipient_DeclaresNoLanguage()
    {
        using var letter = new LetterCatalog(LetterYaml(DinPrint));
        var content = letter.Print("letter", Anna);

        var pdf = PrintTestData.Renderer.Render(content);

        Assert.Null(content.Language);
        using var document = PrintTestData.Open(pdf);
        Assert.False(document.Structure.Catalog.CatalogDictionary.ContainsKey(UglyToad.PdfPig.Tokens.NameToken.Create("Lang")));
    }

    [Fact]
    public void Din5008_AddressSitsInTheWindow_ReturnAddressAboveIt_BodyBelowIt()
    {
        using var letter = new LetterCatalog(LetterYaml(DinPrint));
        var pdf = PrintTestData.Renderer.Render(letter.Print("letter", Anna));

        using var document = PrintTestData.Open(pdf);
        var page = document.GetPage(1);
        var words = page.GetWords().ToList();

        // The address zone of DIN 5008 form B: 20–105 mm from the left, 50–90 mm from the top.
        var address = WordsIn(page, words, left: 20, right: 105, top: 50, bottom: 90);
        Assert.Equal("Anna Schmidt Hauptstraße 12 10115 Berlin", string.Join(" ", address.Select(w => w.Text)));
        var lines = address.GroupBy(w => Math.Round(w.BoundingBox.Bottom, 1)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.All(lines, l => Assert.Equal(25 * PointsPerMillimetre, l.Min(w => w.BoundingBox.Left), 0.5)); // 5 mm inside the field

        // The return address: one line of small type in the 5 mm zone at the top of the field.
        var returnAddress = WordsIn(page, words, left: 20, right: 105, top: 45, bottom: 50);
        Assert.Equal("Beer Club · 1 Brew St · 80331 München", string.Join(" ", returnAddress.Select(w => w.Text)));
        Assert.All(returnAddress.SelectMany(w => w.Letters), l => Assert.Equal(7, l.PointSize, 0.01));

        // Nothing else is above the body, and the body starts below the field (at form B's 98.46 mm).
        var body = words.Except(address).Except(returnAddress).Where(w => !w.Text.StartsWith("Page", StringComparison.Ordinal) && !IsFooter(w)).ToList();
        Assert.Contains(body, w => w.Text == "Dear");
        Assert.All(body, w => Assert.True(FromTop(page, w.BoundingBox.Top) >= 98.46 - 0.5, $"'{w.Text}' is at {FromTop(page, w.BoundingBox.Top):0.0} mm"));
        var dear = body.First(w => w.Text == "Dear");
        Assert.InRange(FromTop(page, dear.BoundingBox.Top), 98.46 - 0.5, 104);
        Assert.Contains("Autumn Offer", string.Join(" ", body.Select(w => w.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public void Us10_OnLetterPaper_PutsTheAddressInTheWindowBox()
    {
        var print = DinPrint.Replace("din5008", "us10", StringComparison.Ordinal) + "\n      page: Letter";
        using var letter = new LetterCatalog(LetterYaml(print));
        var pdf = PrintTestData.Renderer.Render(letter.Print("letter", ("name", "John Smith"), ("street", "1600 Main St"), ("postcode", "97201"), ("city", "Portland OR")));

        using var document = PrintTestData.Open(pdf);
        var page = document.GetPage(1);
        Assert.Equal(612, page.Width, 0.5);
        var words = page.GetWords().ToList();

        // 0.875 in from the left, 2.0 in from the top, 4.0 × 1.125 in; below the 1/6 in return-address zone.
        var inch = 25.4;
        var address = WordsIn(page, words, left: 0.875 * inch, right: 4.875 * inch, top: (2.0 * inch) + 4.3, bottom: 3.125 * inch);
        Assert.Equal("John Smith 1600 Main St 97201 Portland OR", string.Join(" ", address.Select(w => w.Text)));
        Assert.All(address.GroupBy(w => Math.Round(w.BoundingBox.Bottom, 1)), l => Assert.Equal(0.875 * 72, l.Min(w => w.BoundingBox.Left), 0.5));
        var dear = words.First(w => w.Text == "Dear");
        Assert.True(FromTop(page, dear.BoundingBox.Top) >= 3.5 * inch - 0.5);
    }

    [Fact]
    public void Din5008_AddressWithMoreLinesThanTheWindowHolds_IsAnError_AndWritesNothing()
    {
        var print = """
                  window: din5008
                  address: |
                    {{ l1 }}
                    {{ l2 }}
                    {{ l3 }}
                    {{ l4 }}
                    {{ l5 }}
                    {{ l6 }}
                    {{ l7 }}
                    {{ l8 }}
                    {{ l9 }}
                    {{ l10 }}
            """;
        using var letter = new LetterCatalog(LetterYaml(print));
        var nine = Enumerable.Range(1, 9).Select(i => ($"l{i}", (object?)$"Line {i}")).Append(("name", "Ann")).Append(("l10", "")).ToArray();
        Assert.Equal(9, PrintTestData.Words(PrintTestData.Renderer.Render(letter.Print("letter", nine))).Count(w => w.Word.Text == "Line"));

        var ten = Enumerable.Range(1, 10).Select(i => ($"l{i}", (object?)$"Line {i}")).Append(("name", "Ann")).ToArray();
        using var output = new MemoryStream();
        var exception = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(letter.Print("letter", ten), output));
        Assert.Contains("10 lines", exception.Message, StringComparison.Ordinal);
        Assert.Contains("holds 9", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void Din5008_AddressLineWiderThanTheWindow_IsAnError_NeverCut()
    {
        using var letter = new LetterCatalog(LetterYaml(DinPrint));
        var name = "Maximiliane Theodora Wilhelmine Freifrau von Hohenzollern-Sigmaringen";
        var exception = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(letter.Print("letter", ("name", name), ("street", "Hauptstraße 12"), ("postcode", "10115"), ("city", "Berlin"))));
        Assert.Contains(name, exception.Message, StringComparison.Ordinal);
        Assert.Contains("DIN 5008", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Din5008_ReturnAddressWiderThanItsLine_IsAnError()
    {
        var print = DinPrint.Replace("Beer Club · 1 Brew St · 80331 München", string.Concat(Enumerable.Repeat("Beer Club Brewing Company ", 6)), StringComparison.Ordinal);
        using var letter = new LetterCatalog(LetterYaml(print));
        var exception = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(letter.Print("letter", Anna)));
        Assert.Contains("return address", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WindowPosition_IsConfigurableThroughOptions()
    {
        using var letter = new LetterCatalog(LetterYaml(DinPrint));
        var options = PrintOptions.Default with { Din5008Window = AddressWindow.Din5008FormB with { Left = 120 * (float)PointsPerMillimetre, Inset = 0 } };
        var pdf = new PdfRenderer(options).Render(letter.Print("letter", Anna));
        var anna = PrintTestData.Words(pdf).First(w => w.Word.Text == "Anna").Word;
        Assert.Equal(120 * PointsPerMillimetre, anna.BoundingBox.Left, 0.5);
    }

    [Fact]
    public void PageSizeMarginsAndFonts_ComeFromTheCatalog()
    {
        var print = $"""
                  page: Letter
                  margins: 30 25 30 40
                  fonts:
                    regular: {PrintFonts.Default.Monospace!}
            """;
        using var letter = new LetterCatalog(LetterYaml(print, string.Join("\n\n", Enumerable.Repeat("Some words of body text that fill the line and wrap.", 5))));
        var content = letter.Print("letter", ("name", "Ann"));
        Assert.Equal("Letter", content.Page);

        using var document = PrintTestData.Open(PrintTestData.Renderer.Render(content));
        var page = document.GetPage(1);
        Assert.Equal(612, page.Width, 0.5);
        Assert.Equal(792, page.Height, 0.5);
        var body = page.GetWords().Where(w => !IsFooter(w)).ToList();
        Assert.Equal(40 * PointsPerMillimetre, body.Min(w => w.BoundingBox.Left), 0.5);
        Assert.True(body.Max(w => w.BoundingBox.Right) <= 612 - (25 * PointsPerMillimetre) + 0.5);
        Assert.True(FromTop(page, body.Max(w => w.BoundingBox.Top)) >= 30 - 0.5);
        Assert.All(body, w => Assert.Contains("Mono", w.FontName, StringComparison.Ordinal));
    }

    [Fact]
    public void PageSizeAndMargins_TheCatalogDoesNotSet_ComeFromTheOptions()
    {
        using var letter = new LetterCatalog(LetterYaml("      window: none", string.Join("\n\n", Enumerable.Repeat("Some words of body text that fill the line and wrap.", 5))));
        var content = letter.Print("letter", ("name", "Ann"));
        Assert.Null(content.Page);
        Assert.Null(content.MarginsMillimetres);
        Assert.Null(content.Duplex);
        var options = PrintOptions.Default with { PageSize = PrintPageSize.Letter, Margins = PrintMargins.FromMillimetres(30, 25, 30, 40) };

        using var document = PrintTestData.Open(new PdfRenderer(options).Render(content));
        var page = document.GetPage(1);
        Assert.Equal(612, page.Width, 0.5);
        Assert.Equal(792, page.Height, 0.5);
        var body = page.GetWords().Where(w => !IsFooter(w)).ToList();
        Assert.Equal(40 * PointsPerMillimetre, body.Min(w => w.BoundingBox.Left), 0.5);
        Assert.True(FromTop(page, body.Max(w => w.BoundingBox.Top)) >= 30 - 0.5);
    }

    [Fact]
    public void PageSizeAndMargins_TheCatalogSets_WinOverTheOptions()
    {
        using var letter = new LetterCatalog(LetterYaml("      page: A4\n      margins: 15", "Short."));
        var options = PrintOptions.Default with { PageSize = PrintPageSize.Letter, Margins = PrintMargins.FromMillimetres(30, 25, 30, 40) };

        using var document = PrintTestData.Open(new PdfRenderer(options).Render(letter.Print("letter", ("name", "Ann"))));
        var page = document.GetPage(1);
        Assert.Equal(595, page.Width, 1);
        Assert.Equal(842, page.Height, 1);
        Assert.Equal(15 * PointsPerMillimetre, page.GetWords().Where(w => !IsFooter(w)).Min(w => w.BoundingBox.Left), 0.5);
    }

    [Fact]
    public void AFallbackFont_FromTheCatalog_DrawsWhatTheFacesLack()
    {
        // DejaVu Sans Mono lacks U+2A0C (quadruple integral); DejaVu Sans has it.
        var mono = $"""
                  fonts:
                    regular: {PrintFonts.Default.Monospace!}
            """;
        using var without = new LetterCatalog(LetterYaml(mono, "x \u2A0C y"));
        var failure = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(without.Print("letter", ("name", "Ann"))));
        Assert.Contains("'print: fonts: fallback:'", failure.Message, StringComparison.Ordinal);

        using var with = new LetterCatalog(LetterYaml(mono + $"\n        fallback: {PrintFonts.Default.Regular}", "x \u2A0C y"));
        using var document = PrintTestData.Open(PrintTestData.Renderer.Render(with.Print("letter", ("name", "Ann"))));
        var letters = document.GetPage(1).Letters;
        Assert.DoesNotContain("Mono", letters.Single(l => l.Value == "\u2A0C").FontName, StringComparison.Ordinal);
        Assert.Contains("Mono", letters.First(l => l.Value == "x").FontName, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_IsPlacedScaledToTheTextWidth()
    {
        using var letter = new LetterCatalog(
            LetterYaml("      page: A4", "Before the image.\n\n![Our brewery](images/wide.png)\n\nAfter the image."),
            folder => LetterCatalog.WritePng(Path.Combine(folder, "images", "wide.png"), 2000, 400));
        using var document = PrintTestData.Open(PrintTestData.Renderer.Render(letter.Print("letter", ("name", "Ann"))));
        var page = document.GetPage(1);

        var image = Assert.Single(page.GetImages());
        var contentWidth = page.Width - (40 * PointsPerMillimetre);
        Assert.Equal(20 * PointsPerMillimetre, image.BoundingBox.Left, 0.5);
        Assert.Equal(contentWidth, image.BoundingBox.Width, 0.5);
        Assert.Equal(contentWidth / 5, image.BoundingBox.Height, 0.5);
        Assert.Equal(2000, image.WidthInSamples);

        // The text flows around it in order: before above the image, after below it.
        var words = page.GetWords().ToList();
        Assert.True(words.Single(w => w.Text == "Before").BoundingBox.Bottom > image.BoundingBox.Top);
        Assert.True(words.Single(w => w.Text == "After").BoundingBox.Top < image.BoundingBox.Bottom);
        Assert.DoesNotContain("brewery", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_ThatDoesNotFitTheRestOfThePage_MovesToTheNextPage_WithItsHeading()
    {
        var filler = string.Join("\n\n", Enumerable.Range(0, 15).Select(i => $"Para{i:D2} one line."));
        using var letter = new LetterCatalog(
            LetterYaml("      page: A4", filler + "\n\n## Gallery\n\n![tall](tall.png)"),
            folder => LetterCatalog.WritePng(Path.Combine(folder, "tall.png"), 300, 800));
        using var document = PrintTestData.Open(PrintTestData.Renderer.Render(letter.Print("letter", ("name", "Ann"))));

        Assert.Equal(2, document.NumberOfPages);
        Assert.Empty(document.GetPage(1).GetImages());
        Assert.Contains("Para14", document.GetPage(1).Text, StringComparison.Ordinal);
        var second = document.GetPage(2);
        var image = Assert.Single(second.GetImages());
        Assert.Equal(600, image.BoundingBox.Height, 0.5); // 800 px at 96 dpi: natural size, it fits a page
        Assert.True(image.BoundingBox.Bottom >= (20 * PointsPerMillimetre) - 0.5);
        Assert.Contains("Gallery", second.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Gallery", document.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_MissingAtRenderTime_IsAnErrorNamingIt()
    {
        using var letter = new LetterCatalog(
            LetterYaml("      page: A4", "![logo](logo.png)"),
            folder => LetterCatalog.WritePng(Path.Combine(folder, "logo.png"), 10, 10));
        File.Delete(Path.Combine(letter.Folder, "logo.png"));

        using var output = new MemoryStream();
        var exception = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(letter.Print("letter", ("name", "Ann")), output));
        Assert.Contains("logo.png", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void Image_PathWithPercentEscapes_IsTheFileABrowserLoads()
    {
        using var letter = new LetterCatalog(
            LetterYaml("      page: A4", "![Our logo](images/my%20logo.png)"),
            folder => LetterCatalog.WritePng(Path.Combine(folder, "images", "my logo.png"), 40, 20));
        using var document = PrintTestData.Open(PrintTestData.Renderer.Render(letter.Print("letter", ("name", "Ann"))));

        Assert.Equal(40, Assert.Single(document.GetPage(1).GetImages()).WidthInSamples);
    }

    [Theory]
    [InlineData("..%2F{0}%2Fsecret.png")]
    [InlineData("images%2F..%2F..%2F{0}%2Fsecret.png")]
    [InlineData("../{0}/secret.png")]
    [InlineData("{1}/secret.png")]
    public void Image_PathThatLeadsOutOfTheCatalogFolder_OnceDecoded_IsAnError(string pattern)
    {
        var outside = Directory.CreateTempSubdirectory("oto-outside-");
        try
        {
            LetterCatalog.WritePng(Path.Combine(outside.FullName, "secret.png"), 10, 10);
            // From a recipient's value: a path the catalog writes itself is refused when the catalog loads (OTO1009).
            var url = string.Format(CultureInfo.InvariantCulture, pattern, outside.Name, outside.FullName);
            using var letter = new LetterCatalog(LetterYaml("      page: A4", "![x]({{ photo }})"));

            var exception = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(letter.Print("letter", ("name", "Ann"), ("photo", url))));
            Assert.Contains("leads out of the catalog folder", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public void Message_LongerThanMaxPages_IsAnErrorForItsRecipient()
    {
        // A customer's field of 945 KB printed as a 430-page letter; the page limit stops the layout at the page past it.
        using var letter = new LetterCatalog(LetterYaml("      page: A4"));
        var name = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet ", 2000));
        var renderer = new PdfRenderer(PrintOptions.Default with { MaxPages = 2 });

        var exception = Assert.Throws<PrintException>(() => renderer.Render(letter.Print("letter", ("name", name))));

        Assert.Contains("The message runs to more than 2 pages (PrintOptions.MaxPages), far more than a letter has", exception.Message, StringComparison.Ordinal);
        using var shorter = PrintTestData.Open(new PdfRenderer(PrintOptions.Default with { MaxPages = 2 }).Render(letter.Print("letter", ("name", "Ann"))));
        Assert.Equal(1, shorter.NumberOfPages);
    }

    [Fact]
    public void MaxPages_BelowOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PrintOptions.Default with { MaxPages = 0 });

    [Fact]
    public void Image_PathThroughASymbolicLinkOutOfTheCatalogFolder_IsAnError()
    {
        // A link in the catalog's folder (shared -> another customer's folder, or root -> /): the path, inside by its name,
        // printed any image on the server a recipient's value named; now the path must stay inside with its links followed.
        var outside = Directory.CreateTempSubdirectory("oto-outside-");
        try
        {
            LetterCatalog.WritePng(Path.Combine(outside.FullName, "secret.png"), 10, 10);
            using var letter = new LetterCatalog(LetterYaml("      page: A4", "![x]({{ photo }})"),
                folder => File.CreateSymbolicLink(Path.Combine(folder, "shared"), outside.FullName));

            var exception = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(letter.Print("letter", ("name", "Ann"), ("photo", "shared/secret.png"))));

            Assert.Contains("The image 'shared/secret.png' leads out of the catalog folder (" + letter.Folder + ") through a symbolic link; image paths stay inside the catalog folder, links followed. Copy the image into the folder.", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public void Image_ThatIsALinkToADevice_IsAnErrorNotRead()
    {
        // A recipient's value naming a link in the folder to a device (here /dev/null; /dev/zero was read until the run died
        // of an OutOfMemoryException, every other recipient with it): the device is outside the folder.
        using var letter = new LetterCatalog(LetterYaml("      page: A4", "![x]({{ photo }})"),
            folder => File.CreateSymbolicLink(Path.Combine(folder, "device.png"), "/dev/null"));

        var exception = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(letter.Print("letter", ("name", "Ann"), ("photo", "device.png"))));

        Assert.Contains($"The image 'device.png' leads out of the catalog folder ({letter.Folder}) through a symbolic link", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    public void Image_ThatDoesNotDecode_IsAnError(string kind)
    {
        using var letter = new LetterCatalog(
            // The path from the data: one the catalog writes itself is checked when it loads (OTO1010).
            LetterYaml("      page: A4", "Text\n\n![logo]({{ photo }})"),
            folder =>
            {
                var path = Path.Combine(folder, "logo.png");
                if (kind == "garbage")
                {
                    File.WriteAllText(path, "this is not a PNG");
                }
                else
                {
                    LetterCatalog.WritePng(path, 400, 400);
                    var bytes = File.ReadAllBytes(path);
                    File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
                }
            });

        var exception = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(letter.Print("letter", ("name", "Ann"), ("photo", "logo.png"))));
        Assert.Contains("could not be decoded", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60_000, 60_000)]
    [InlineData(10_001, 10_000)]
    public void Image_WithMorePixelsThanTheLimit_IsAnErrorForThatRecipient_NamingItsSize(int width, int height)
    {
        // A small file whose header claims the size: what a recipient's photo of one colour compresses to.
        using var letter = new LetterCatalog(
            LetterYaml("      page: A4", "![x]({{ photo }})"),
            folder => WritePngClaiming(Path.Combine(folder, "photo.png"), width, height));

        var exception = Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(letter.Print("letter", ("name", "Ann"), ("photo", "photo.png"))));

        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"is {width:N0} × {height:N0} pixels, too many to decode"), exception.Problem, StringComparison.Ordinal);
        Assert.Contains("scale it down", exception.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_InsideALink_PrintsItsAltText_ButIsStillChecked()
    {
        using var letter = new LetterCatalog(
            LetterYaml("      page: A4", "[![Shop logo](logo.png)](https://example.com/shop)"),
            folder => File.WriteAllBytes(Path.Combine(folder, "logo.png"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0])); // cut off after the signature
        Assert.Throws<PrintException>(() => PrintTestData.Renderer.Render(letter.Print("letter", ("name", "Ann"))));
    }

    [Theory]
    [InlineData("https://example.invalid/banner.png")]
    [InlineData("//example.invalid/banner.png")] // protocol-relative: was looked for on disk, and the recipient rejected
    public void RemoteImage_IsNeverFetched_ItsAltTextIsPrinted(string url)
    {
        using var letter = new LetterCatalog(LetterYaml("      page: A4", $"![Remote banner]({url})"));
        using var document = PrintTestData.Open(PrintTestData.Renderer.Render(letter.Print("letter", ("name", "Ann"))));
        Assert.Empty(document.GetPage(1).GetImages());
        Assert.Contains("Remote banner", string.Join(" ", document.GetPage(1).GetWords().Select(w => w.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public void PrintContent_RenderedTwiceAndInParallel_IsByteIdentical()
    {
        using var letter = new LetterCatalog(
            LetterYaml(DinPrint, "![logo](logo.png)\n\nText."),
            folder => LetterCatalog.WritePng(Path.Combine(folder, "logo.png"), 120, 60));
        var content = letter.Print("letter", Anna);
        var first = PrintTestData.Renderer.Render(content);
        var parallel = new byte[6][];
        Parallel.For(0, parallel.Length, i => parallel[i] = PrintTestData.Renderer.Render(content));
        Assert.All(parallel, p => Assert.Equal(first, p));
    }

    [Fact]
    public void Batch_AddPrintContent_UsesItsDuplexAndAddress_AndSharesTheImage()
    {
        var print = DinPrint + "\n      duplex: true";
        using var letter = new LetterCatalog(
            LetterYaml(print, "![logo](logo.png)\n\n" + PdfRendererTests.LongMarkdown(1)),
            folder => LetterCatalog.WritePng(Path.Combine(folder, "logo.png"), 120, 60));

        using var output = new MemoryStream();
        PrintManifest manifest;
        using (var writer = new PdfBatchWriter(output))
        {
            writer.Add("a", letter.Print("letter", Anna));
            var tooLong = Enumerable.Range(0, 12).Aggregate("x", (s, _) => s + " Wolfeschlegelsteinhausen");
            Assert.Throws<PrintException>(() => writer.Add("bad", letter.Print("letter", ("name", tooLong), ("street", "S"), ("postcode", "1"), ("city", "C"))));
            writer.Add("b", letter.Print("letter", ("name", "Bea Meyer"), ("street", "Ring 3"), ("postcode", "20095"), ("city", "Hamburg")));
            manifest = writer.Complete();
        }

        Assert.Equal(["a", "b"], manifest.Entries.Select(e => e.RecipientId));
        Assert.All(manifest.Entries, e => Assert.Equal(1, e.FirstPage % 2));
        using var document = PrintTestData.Open(output.ToArray());
        Assert.Equal(manifest.TotalPages, document.NumberOfPages);
        Assert.Contains("Hamburg", document.GetPage(manifest.Entries[1].FirstPage).Text, StringComparison.Ordinal);
        Assert.Single(document.GetPage(manifest.Entries[1].FirstPage).GetImages());
    }

    [Theory]
    [InlineData("      window: none", new[] { 1, 3 }, 3)]   // the catalog is silent: the options' duplex inserts a blank page 2
    [InlineData("      duplex: false", new[] { 1, 2 }, 2)]  // the catalog says no duplex: that wins over the options
    public void Batch_AddPrintContent_DuplexAndPageSize_TheCatalogDoesNotSet_ComeFromTheOptions(string print, int[] firstPages, int totalPages)
    {
        using var letter = new LetterCatalog(LetterYaml(print, "Short."));
        using var output = new MemoryStream();
        PrintManifest manifest;
        using (var writer = new PdfBatchWriter(output, PrintOptions.Default with { PageSize = PrintPageSize.Letter, Duplex = true }))
        {
            writer.Add("a", letter.Print("letter", ("name", "Ann")));
            writer.Add("b", letter.Print("letter", ("name", "Bea")));
            manifest = writer.Complete();
        }

        Assert.Equal(firstPages, manifest.Entries.Select(e => e.FirstPage));
        Assert.Equal(totalPages, manifest.TotalPages);
        using var document = PrintTestData.Open(output.ToArray());
        Assert.Equal(totalPages, document.NumberOfPages);
        Assert.All(document.GetPages(), p => Assert.Equal((612.0, 792.0), (Math.Round(p.Width), Math.Round(p.Height))));
        Assert.Contains("Bea", document.GetPage(firstPages[1]).Text, StringComparison.Ordinal);
        if (totalPages == 3)
        {
            Assert.Empty(document.GetPage(2).GetWords());
        }
    }

    /// <summary>
    /// A merged PDF declared no language (<c>/Lang</c>) though each piece's own PDF does: a screen reader (and an
    /// accessibility preflight) had none for the run. It declares the one its pieces have, else the language they share,
    /// else <c>mul</c>: one language for a run of English, Hebrew and Arabic letters would be read in the wrong voice.
    /// </summary>
    [Theory]
    [InlineData("de-DE,de-DE", "de-DE")]
    [InlineData("de-DE,de-AT,de-DE", "de")]
    [InlineData("en-GB,he-IL,ar-EG", "mul")]
    public void Batch_MergedPdf_DeclaresTheLanguageItsPiecesShare_ElseMul(string locales, string expected)
    {
        using var letter = new LetterCatalog(LetterYaml(DinPrint));
        using var output = new MemoryStream();
        using (var writer = new PdfBatchWriter(output))
        {
            foreach (var (locale, i) in locales.Split(',').Select((l, i) => (l, i)))
            {
                writer.Add("r" + i, letter.Print("letter", [.. Anna, ("locale", locale)]));
            }

            writer.Complete();
        }

        var pdf = output.ToArray();
        using var document = PrintTestData.Open(pdf);
        Assert.True(document.Structure.Catalog.CatalogDictionary.TryGet(UglyToad.PdfPig.Tokens.NameToken.Create("Lang"), out UglyToad.PdfPig.Tokens.StringToken lang));
        Assert.Equal(expected, lang!.Data);
        Assert.Equal(locales.Split(',').Length, document.NumberOfPages);
        Assert.Equal(locales.Split(',').Length, System.Text.RegularExpressions.Regex.Count(PrintTestData.AllText(pdf), "Our Autumn Offer is here, Anna Schmidt."));
    }

    [Fact]
    public void Batch_MergedPdf_OfPiecesWithoutALanguage_DeclaresNone()
    {
        using var letter = new LetterCatalog(LetterYaml(DinPrint));
        using var output = new MemoryStream();
        using (var writer = new PdfBatchWriter(output))
        {
            writer.Add("a", letter.Print("letter", Anna));
            writer.Add("b", PrintTestData.Message("Hello"));
        }

        using var document = PrintTestData.Open(output.ToArray());
        Assert.False(document.Structure.Catalog.CatalogDictionary.ContainsKey(UglyToad.PdfPig.Tokens.NameToken.Create("Lang")));
        Assert.Equal(2, document.NumberOfPages);
    }

    /// <summary>
    /// The blank page that starts the next piece on an odd page is the back of the last piece's last sheet: it had the
    /// next piece's size, so an A4 letter followed by a US Letter one had a Letter-sized back, which a printer takes from
    /// another tray (or stops on).
    /// </summary>
    [Fact]
    public void Batch_Duplex_BlankBackPage_HasTheSizeOfThePageItIsTheBackOf()
    {
        using var a4 = new LetterCatalog(LetterYaml("      page: A4\n      duplex: true", "Short."));
        using var usLetter = new LetterCatalog(LetterYaml("      page: Letter\n      duplex: true", "Short."));
        using var output = new MemoryStream();
        using (var writer = new PdfBatchWriter(output))
        {
            writer.Add("a", a4.Print("letter", ("name", "Ann")));
            writer.Add("b", usLetter.Print("letter", ("name", "Bea")));
            writer.Add("c", a4.Print("letter", ("name", "Cy")));
        }

        using var document = PrintTestData.Open(output.ToArray());
        Assert.Equal(
            [(595.0, 842.0), (595.0, 842.0), (612.0, 792.0), (612.0, 792.0), (595.0, 842.0)],
            document.GetPages().Select(p => (Math.Round(p.Width), Math.Round(p.Height))));
        Assert.Empty(document.GetPage(4).GetWords());
    }

    private static List<Word> WordsIn(Page page, List<Word> words, double left, double right, double top, double bottom) =>
        words.Where(w => w.BoundingBox.Left >= (left * PointsPerMillimetre) - 0.5
                && w.BoundingBox.Right <= (right * PointsPerMillimetre) + 0.5
                && FromTop(page, w.BoundingBox.Top) >= top - 0.2
                && FromTop(page, w.BoundingBox.Bottom) <= bottom + 0.2)
            .ToList();

    /// <summary>A PDF y coordinate (from the bottom, in points) as millimetres from the top of the page.</summary>
    private static double FromTop(Page page, double y) => (page.Height - y) / PointsPerMillimetre;

    private static bool IsFooter(Word word) => word.BoundingBox.Top < 40;

    /// <summary>Writes a one-pixel PNG whose header says it is <paramref name="width"/> × <paramref name="height"/>.</summary>
    private static void WritePngClaiming(string path, int width, int height)
    {
        LetterCatalog.WritePng(path, 1, 1);
        var bytes = File.ReadAllBytes(path);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes.AsSpan(12, 17))
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), ~crc);
        File.WriteAllBytes(path, bytes);
    }
}
