using System.Globalization;

namespace OneToOne.Composition.Batch.Tests.Output;

public sealed class HtmlDocumentTests
{
    [Theory]
    [InlineData("de-DE", "<html lang=\"de-DE\">\n")]
    [InlineData("ar-SA", "<html lang=\"ar-SA\" dir=\"rtl\">\n")]
    [InlineData("he-IL", "<html lang=\"he-IL\" dir=\"rtl\">\n")]
    [InlineData("", "<html>\n")]
    public void Wrap_DeclaresTheCulturesLanguageAndARightToLeftDirection_AndEncodesTheTitle(string culture, string html)
    {
        var document = HtmlDocument.Wrap("<Ann> & co", "<p>x</p>", CultureInfo.GetCultureInfo(culture));

        Assert.Equal($"<!DOCTYPE html>\n{html}<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>&lt;Ann&gt; &amp; co</title>\n</head>\n<body>\n<p>x</p>\n</body>\n</html>\n", document);
    }

    /// <summary>The page's title is a label, as the email's Subject is: the same invisible characters go (direction marks stay in Hebrew).</summary>
    [Theory]
    [InlineData("pay\u200Bpal \u202Egnp.exe\uFEFF", "paypal gnp.exe")]
    [InlineData("\u05E9\u05DC\u05D5\u05DD \u200F50%\u200F", "\u05E9\u05DC\u05D5\u05DD \u200F50%\u200F")]
    public void Wrap_Title_DropsInvisibleFormattingCharacters_AsTheEmailSubjectDoes(string subject, string title)
    {
        var document = HtmlDocument.Wrap(subject, "<p>x</p>", CultureInfo.InvariantCulture);

        Assert.Contains($"<title>{title}</title>", document, StringComparison.Ordinal);
    }
}
