using System.Text.Json;
using MimeKit;

namespace OneToOne.Composition.Cli.Tests.Commands;

public sealed class RenderEmailTests
{
    private static readonly string[] HeroProducts = ["Crisp Light Lager", "Bohemian Pilsner", "Hometown Lager"];

    [Fact]
    public void Render_Email_OutDirectory_WritesOneEmlPerRenderedRecipient_ThatMimeKitLoadsBack()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("mail");
        var input = Example.JsonlRecords();

        var run = CliRun.Of("render", Example.Folder, "--message", "monthly", "--recipients", Example.Jsonl, "--channel", "email", "--out", outDir);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(string.Empty, run.Stdout);
        var emls = Directory.GetFiles(outDir, "*.eml");
        Assert.Equal(47, emls.Length);
        Assert.Equal(input.Count(static r => !Example.IsUnsubscribed(r)), emls.Length);
        Assert.Equal(emls.Length + 1, Directory.GetFiles(outDir).Length); // + results.jsonl, and no temporary file left behind

        var results = File.ReadAllLines(Path.Combine(outDir, "results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(input.Count, results.Count);
        for (var i = 0; i < input.Count; i++)
        {
            var id = input[i].GetProperty("id").GetString()!;
            var path = Path.Combine(outDir, id + ".eml");
            if (Example.IsUnsubscribed(input[i]))
            {
                Assert.Equal("suppressed", results[i].GetProperty("status").GetString());
                Assert.False(File.Exists(path));
                continue;
            }

            Assert.Equal($"{id}.eml", results[i].GetProperty("file").GetString());
            var address = input[i].GetProperty("email").GetString()!;
            var firstName = input[i].GetProperty("first_name").GetString()!;
            Assert.Equal(address, results[i].GetProperty("to").GetString());

            using var message = MimeMessage.Load(path);
            var to = Assert.Single(message.To.Mailboxes);
            Assert.Equal(address, to.Address);
            Assert.Equal(firstName, to.Name);
            Assert.Equal($"{firstName}, your beer of the month", message.Subject);
            Assert.Equal("club@example.com", Assert.Single(message.From.Mailboxes).Address);
            Assert.Equal($"<https://example.com/unsubscribe?u={id}>", message.Headers[HeaderId.ListUnsubscribe]);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
            Assert.Equal(results[i].GetProperty("messageId").GetString(), message.MessageId);

            var alternative = Assert.IsType<MultipartAlternative>(message.Body);
            Assert.Equal(["text/plain", "text/html"], alternative.Select(static p => p.ContentType.MimeType));
            var text = ((TextPart)alternative[0]).Text;
            var html = ((TextPart)alternative[1]).Text;
            var product = ExampleProducts.ExpectedHeroProduct(input[i]);
            Assert.Contains($"Hello {firstName},", text, StringComparison.Ordinal);
            Assert.Contains(product, text, StringComparison.Ordinal);
            Assert.Contains(product, html, StringComparison.Ordinal);
            foreach (var other in HeroProducts.Where(p => p != product))
            {
                Assert.DoesNotContain(other, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Render_Email_JsonLines_CarriesSubjectToMessageIdAndWarnings_NotTheMessage()
    {
        var input = Example.JsonlRecords();

        // The same clock for both runs: a Message-ID is derived from the send's date too.
        var first = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "email", "--as-of", "2026-11-23T08:30:00Z");
        var second = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "email", "--as-of", "2026-11-23T08:30:00Z");

        Assert.True(first.ExitCode == 0, first.ToString());
        var records = first.JsonLines();
        var again = second.JsonLines();
        Assert.Equal(input.Count, records.Count);
        for (var i = 0; i < input.Count; i++)
        {
            Assert.Equal(input[i].GetProperty("id").GetString(), records[i].GetProperty("id").GetString());
            if (Example.IsUnsubscribed(input[i]))
            {
                Assert.Equal("suppressed", records[i].GetProperty("status").GetString());
                continue;
            }

            Assert.Equal("rendered", records[i].GetProperty("status").GetString());
            Assert.Equal($"{input[i].GetProperty("first_name").GetString()}, your beer of the month", records[i].GetProperty("subject").GetString());
            Assert.Equal(input[i].GetProperty("email").GetString(), records[i].GetProperty("to").GetString());
            Assert.EndsWith("@example.com", records[i].GetProperty("messageId").GetString(), StringComparison.Ordinal); // the From's domain
            Assert.Equal(again[i].GetProperty("messageId").GetString(), records[i].GetProperty("messageId").GetString());
            Assert.Equal(JsonValueKind.Array, records[i].GetProperty("warnings").ValueKind);
            Assert.Equal(Example.ExpectedHero(input[i]), records[i].GetProperty("slots").GetProperty("hero")[0].GetString());
            Assert.False(records[i].TryGetProperty("body", out _));
            Assert.False(records[i].TryGetProperty("eml", out _));
        }

        Assert.Equal(records.Count(static r => r.GetProperty("status").GetString() == "rendered"), records.Select(static r => r.TryGetProperty("messageId", out var m) ? m.GetString() : null).OfType<string>().Distinct().Count());
    }

    [Fact]
    public void Render_Email_RecipientWithoutAddress_IsRejectedNamingTheField_RunContinues_ExitsTwo()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("mail");
        var records = ExampleProducts.Records().Take(3).ToList();
        records[1]["email"] = "";
        var missing = new Dictionary<string, object?>(records[2]) { ["id"] = "no-email-field" };
        missing.Remove("email");
        var path = ExampleProducts.WriteRecipients(temp, "r.jsonl", [records[0], records[1], missing, records[2]]);
        var emptyId = ((JsonElement)records[1]["id"]!).GetString();

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", path, "-c", "email", "-o", outDir);

        Assert.True(run.ExitCode == 2, run.ToString());
        var results = File.ReadAllLines(Path.Combine(outDir, "results.jsonl")).Select(static l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["rendered", "rejected", "rejected", "rendered"], results.Select(static r => r.GetProperty("status").GetString()));

        // An empty address reaches the composer: "no email address: its field 'email' …".
        var noAddress = results[1].GetProperty("error").GetString()!;
        Assert.Contains("no email address", noAddress, StringComparison.Ordinal);
        Assert.Contains("'email'", noAddress, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outDir, emptyId + ".eml")));

        // A missing field fails earlier, in the footer template that reads it, still naming the field.
        Assert.Equal("no-email-field", results[2].GetProperty("id").GetString());
        Assert.Contains("email", results[2].GetProperty("error").GetString()!, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outDir, "no-email-field.eml")));

        Assert.Equal(2, Directory.GetFiles(outDir, "*.eml").Length);
        Assert.Equal("4 records: 2 rendered, 0 suppressed, 2 rejected", run.SummaryLine);
    }

    [Fact]
    public void Render_Email_NameWithCrLfAndBcc_NeverAddsAHeader()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("mail");
        var record = ExampleProducts.Records()[0];
        record["first_name"] = "Eve\r\nBcc: x@example.com";
        var path = ExampleProducts.WriteRecipients(temp, "r.jsonl", [record]);
        var id = ((JsonElement)record["id"]!).GetString();

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", path, "-c", "email", "-o", outDir);

        Assert.True(run.ExitCode == 0, run.ToString());
        var file = Path.Combine(outDir, id + ".eml");
        using var message = MimeMessage.Load(file);
        Assert.Empty(message.Bcc);
        Assert.DoesNotContain(message.Headers, static h => h.Id == HeaderId.Bcc);
        // The line break folds to spaces: the would-be header stays visible text in the subject.
        Assert.Matches(@"^Eve +Bcc: x@example\.com, your beer of the month$", message.Subject);
        Assert.DoesNotContain(File.ReadAllLines(file), static l => l.StartsWith("Bcc:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Render_Email_OutDirectory_ReplacesAnExistingFileWhole()
    {
        using var temp = new TempDirectory();
        var outDir = temp.File("mail");
        Directory.CreateDirectory(outDir);
        var id = Example.JsonlRecords()[0].GetProperty("id").GetString()!;
        File.WriteAllText(Path.Combine(outDir, id + ".eml"), new string('x', 1 << 20));

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Csv, "-c", "email", "-o", outDir);

        Assert.True(run.ExitCode == 0, run.ToString());
        var bytes = File.ReadAllBytes(Path.Combine(outDir, id + ".eml"));
        Assert.True(bytes.Length < 1 << 20, "the old, longer file was not replaced");
        using var message = MimeMessage.Load(new MemoryStream(bytes));
        Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Empty(Directory.GetFiles(outDir, ".*"));
    }

    [Fact]
    public void Render_Email_AsOf_DatesEveryMessageAtThatInstant_AndTheOutputIsByteIdenticalAcrossRuns()
    {
        using var temp = new TempDirectory();
        var first = temp.File("first");
        var second = temp.File("second");

        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "email", "-o", first, "--as-of", "2026-11-23T08:30:00+01:00");
        var again = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "email", "-o", second, "--as-of", "2026-11-23T08:30:00+01:00");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(again.ExitCode == 0, again.ToString());
        var emls = Directory.GetFiles(first, "*.eml");
        Assert.NotEmpty(emls);
        foreach (var eml in emls)
        {
            Assert.Equal(new DateTimeOffset(2026, 11, 23, 7, 30, 0, TimeSpan.Zero), MimeMessage.Load(eml).Date.ToUniversalTime());
            Assert.Equal(File.ReadAllBytes(eml), File.ReadAllBytes(Path.Combine(second, Path.GetFileName(eml))));
        }
    }

    [Theory]
    [InlineData("23/11/2026")]
    [InlineData("11/23/2026")]
    [InlineData("Nov 23 2026")]
    public void Render_AsOf_NotADate_ExitsOneNamingTheExpectedForm(string asOf)
    {
        var run = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "text", "--as-of", asOf);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"'{asOf}' is not a date", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("2026-11-23", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Email_ReportsOnStderr_TheEmailsGmailClips_AndThoseWithOtherWarnings()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("catalog.yaml"), """
            catalog: big
            modules:
              m:
                content: "{{ filler }} [account](https://example.com/account)"
                html: '<p>{{ filler }}</p><p><a href="/account">Your account</a></p>'
            slots:
              s: { from: [m] }
            messages:
              news:
                subject: "News"
                body: "{{ slot 's' }}"
                email:
                  from: club@example.com
            """);
        File.WriteAllLines(temp.File("r.jsonl"),
        [
            JsonSerializer.Serialize(new { id = "r1", email = "a@example.com", filler = "short" }),
            JsonSerializer.Serialize(new { id = "r2", email = "b@example.com", filler = new string('x', 110_000) }),
            JsonSerializer.Serialize(new { id = "r3", email = "c@example.com", filler = new string('y', 120_000) }),
        ]);
        var outDir = temp.File("mail");

        var run = CliRun.Of("render", temp.File("catalog.yaml"), "-m", "news", "-r", temp.File("r.jsonl"), "-c", "email", "-o", outDir, "--progress", "none");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Stderr.Split('\n');
        Assert.Contains($"warning: 2 of 3 emails have an HTML part over 102 KB (first: r2), where Gmail clips the message and hides the rest behind \"[Message clipped]\", the footer's unsubscribe link and legal text with it; shorten the layout or the modules' HTML (each email's size is in its \"warnings\" in {Path.Combine(outDir, "results.jsonl")}).", lines);
        Assert.Contains(lines, l => l.StartsWith($"warning: 3 of 3 emails have other warnings (each in its \"warnings\" in {Path.Combine(outDir, "results.jsonl")}); the first, r1: The HTML part has a relative URL '/account' (<a href>)", StringComparison.Ordinal));

        var quiet = CliRun.Of("render", Example.Folder, "-m", "monthly", "-r", Example.Jsonl, "-c", "email", "-o", temp.File("example"), "--progress", "none");
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.DoesNotContain("warning:", quiet.Stderr, StringComparison.Ordinal);
    }
}
