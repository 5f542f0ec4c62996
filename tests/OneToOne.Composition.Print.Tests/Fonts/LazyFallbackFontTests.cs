using OneToOne.Composition.Print.Fonts;

namespace OneToOne.Composition.Print.Tests.Fonts;

/// <summary>
/// A fallback font is read when a character first needs it: every default renderer read Noto Color Emoji (10.9 MB, some
/// 33 MB held and 0.1 s) when its fonts were loaded, though most letters have no emoji. Each test has the emoji font
/// under a path of its own, so it has a font set of its own (sets are kept per process, by their files' paths).
/// </summary>
public sealed class LazyFallbackFontTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("oto-lazy-fallback-").FullName;

    [Fact]
    public void ALetterWithoutEmoji_NeverReadsTheEmojiFont_AndOneWithAnEmojiDoes()
    {
        var (options, emoji) = WithEmojiFontOfItsOwn();

        // Bold, italic, code, a table and a text-style heart DejaVu Sans has: every face asked for, none lacking a character.
        var plain = PrintTestData.RenderMarkdown("# Cheers\n\nA **bold** *pour* of `lager` \u2764 \u2192 Zo\u00EB.\n\n| a | b |\n|---|---|\n| 1 | 2 |", options);
        Assert.Contains("Cheers", PrintTestData.AllText(plain), StringComparison.Ordinal);
        Assert.False(FontSet.Get(options.Fonts).IsRead(emoji));

        var beer = PrintTestData.RenderMarkdown("Cheers \U0001F37A", options);
        Assert.True(FontSet.Get(options.Fonts).IsRead(emoji));
        Assert.Equal(PrintTestData.RenderMarkdown("Cheers \U0001F37A"), beer);
    }

    [Fact]
    public void AnEmojiSequence_ReadsTheEmojiFont_AndPrintsAsWithTheFontReadUpFront()
    {
        var (options, emoji) = WithEmojiFontOfItsOwn();
        _ = new PdfRenderer(options);
        Assert.False(FontSet.Get(options.Fonts).IsRead(emoji));

        // 1 + U+FE0F + U+20E3: DejaVu Sans has the digit and the selector, the keycap is the emoji font's.
        var keycap = PrintTestData.RenderMarkdown("x 1\uFE0F\u20E3 y", options);

        Assert.True(FontSet.Get(options.Fonts).IsRead(emoji));
        Assert.Equal(PrintTestData.RenderMarkdown("x 1\uFE0F\u20E3 y"), keycap);
    }

    [Fact]
    public void ParallelRenders_ReadingTheEmojiFontAtOnce_PrintTheSame()
    {
        var (options, _) = WithEmojiFontOfItsOwn();
        var renderer = new PdfRenderer(options);
        var expected = PrintTestData.RenderMarkdown("Cheers \U0001F37A \U0001F44D\U0001F3FD");

        // One renderer shared by the workers, as a batch run shares it: they all need the font at once.
        var pdfs = new byte[16][];
        Parallel.For(0, pdfs.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            using var output = new MemoryStream();
            renderer.RenderMarkdown("Test", "Cheers \U0001F37A \U0001F44D\U0001F3FD", output);
            pdfs[i] = output.ToArray();
        });

        Assert.All(pdfs, pdf => Assert.Equal(expected, pdf));
    }

    [Fact]
    public void AFallbackThatIsNoFont_FailsWhenTheRendererIsMade_AsBefore()
    {
        var notAFont = Path.Combine(_folder, "emoji.ttf");
        File.WriteAllText(notAFont, "<html>not a font</html>");

        var failure = Assert.Throws<PrintException>(() => new PdfRenderer(PrintOptions.Default with { Fonts = PrintFonts.Default with { Fallbacks = [notAFont] } }));

        Assert.Contains("could not be loaded as a font", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFallbackThatCannotBeRead_FailsWhenTheRendererIsMade_NamingTheFileAndHowToFixIt()
    {
        // The tests may run as root, whom chmod does not stop: another handle's exclusive lock (.NET takes one for
        // FileShare.None) makes the open fail as an unreadable file does, with an IOException.
        var (_, emoji) = WithEmojiFontOfItsOwn();
        var options = PrintOptions.Default with { Fonts = PrintFonts.Default with { Fallbacks = [emoji] } };
        using var held = new FileStream(emoji, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var failure = Assert.Throws<PrintException>(() => new PdfRenderer(options));

        Assert.StartsWith($"The font file '{emoji}' could not be read: ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("make it readable by the user the program runs as", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PrintOptions.Fonts", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFolderOrAPipeInPlaceOfAFontFile_FailsWhenTheRendererIsMade_SayingWhatItIs()
    {
        var folder = Path.Combine(_folder, "NotoColorEmoji.ttf");
        Directory.CreateDirectory(folder);
        var pipe = Path.Combine(_folder, "pipe.ttf");
        using (var mkfifo = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("mkfifo", [pipe]) { UseShellExecute = false })!)
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var asFallback = Assert.Throws<PrintException>(() => new PdfRenderer(PrintOptions.Default with { Fonts = PrintFonts.Default with { Fallbacks = [folder] } }));
        Assert.Equal($"The font file '{folder}' is a folder; name the font file in it (PrintOptions.Fonts, or the catalog's 'print: fonts:').", asFallback.Message);

        // A pipe's open waits for a writer: it must be refused, not opened (the renderer was never made).
        var pipeFallback = Task.Run(() => Assert.Throws<PrintException>(() => new PdfRenderer(PrintOptions.Default with { Fonts = PrintFonts.Default with { Fallbacks = [pipe] } })));
        var pipeBold = Task.Run(() => Assert.Throws<PrintException>(() => new PdfRenderer(PrintOptions.Default with { Fonts = PrintFonts.Default with { Bold = pipe } })));
        var both = Task.WhenAll(pipeFallback, pipeBold);
        Assert.Same(both, await Task.WhenAny(both, Task.Delay(TimeSpan.FromMinutes(1)))); // else the open waits for a writer
        var failures = await both;
        Assert.Equal($"The font file '{pipe}' is not a regular file but a pipe, a socket or a device (or a link to one); name the font file itself (PrintOptions.Fonts, or the catalog's 'print: fonts:').", failures[0].Message);
        Assert.Equal(failures[0].Message, failures[1].Message);
    }

    [Fact]
    public void AFallbackRemovedBeforeACharacterNeedsIt_FailsTheRecipientsLetter_SayingSoAndHowToFix_AndIsReadOnceBack()
    {
        // A long-running service: the renderer is made at start, the emoji font is removed (a package uninstalled or
        // upgraded) before the first letter with an emoji. The file was checked when the fonts were loaded, so the
        // error must say it has gone since, not that it "was configured explicitly".
        var (options, emoji) = WithEmojiFontOfItsOwn();
        var renderer = new PdfRenderer(options);
        File.Delete(emoji);

        var failure = Assert.Throws<PrintException>(() => renderer.Render(Letter("r-7", "Ann \U0001F37A")));

        Assert.Equal("r-7", failure.RecipientId);
        Assert.Equal("letter", failure.MessageId);
        Assert.StartsWith($"Recipient 'r-7', message 'letter': cannot be printed: The font file '{emoji}' was removed after the fonts were loaded", failure.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-noto-color-emoji", failure.Problem, StringComparison.Ordinal);
        Assert.Contains("take it out of the fallbacks (the catalog's 'print: fonts: fallback:'", failure.Problem, StringComparison.Ordinal);

        // Put back, the next letter reads it and prints the emoji.
        File.Copy(Assert.Single(PrintFonts.Default.Fallbacks), emoji);
        var pdf = renderer.Render(Letter("r-8", "Bo \U0001F37A"));
        Assert.Contains("\U0001F37A", PrintTestData.AllText(pdf), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static PrintContent Letter(string id, string name)
    {
        var letters = new CatalogLoader(TestOptions.Untimed).Parse("""
            catalog: lazy-fallback
            messages:
              letter:
                subject: "For {{ name }}"
                body: |
                  Dear {{ name }},
            """);
        return letters.RenderPrint(letters.Decide(new Dictionary<string, object?> { ["id"] = id, ["name"] = name }, "letter"));
    }

    private (PrintOptions Options, string EmojiFile) WithEmojiFontOfItsOwn()
    {
        var installed = Assert.Single(PrintFonts.Default.Fallbacks);
        var emoji = Path.Combine(_folder, Path.GetFileName(installed));
        File.Copy(installed, emoji);
        return (PrintOptions.Default with { Fonts = PrintFonts.Default with { Fallbacks = [emoji] } }, emoji);
    }
}
