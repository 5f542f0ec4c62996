using System.Text;
using MimeKit;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Email.Tests;

/// <summary>Test catalogs, recipients and helpers that read composed messages back from their bytes.</summary>
internal static class Mail
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    public static readonly EmailOptions Options = EmailOptions.Default with { TimeProvider = new FixedTimeProvider(Now) };

    public static readonly Catalog Club = new CatalogLoader(TestOptions.Untimed).Parse("""
        catalog: club
        modules:
          hi: "Hi **{{ name }}**, see [our picks](https://example.com/picks)."
        slots:
          s: { from: [hi] }
        messages:
          news:
            subject: "News for {{ name }}"
            body: "{{ slot 's' }}"
            email:
              from: "Club <club@example.com>"
              reply-to: "help@example.com, Desk <desk@example.com>"
              to-name: "{{ name }}"
              preheader: "{{ name }}, this month's picks"
              unsubscribe: "https://example.com/u?id={{ id }}&list=news"
              layout: |
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>{{ subject }}</title>
                <style>
                  p { color: red }
                  .wrap p { color: blue; margin: 0 }
                  @media (max-width: 600px) { p { color: green } }
                </style></head>
                <body><div class="wrap">{{ content }}</div><p id="foot">Footer</p></body></html>
          bare:
            subject: "Bare {{ name }}"
            body: "Hello {{ name }}"
          nofrom:
            subject: "x"
            body: "x"
            email:
              to-field: address
          mailto:
            subject: "x"
            body: "x"
            email:
              from: club@example.com
              unsubscribe: "mailto:leave@example.com?subject={{ id }}"
          big:
            subject: "Big"
            body: "{{ filler }}"
            email:
              from: club@example.com
        """);

    public static Recipient Person(string id = "r1", string name = "Ann", string? email = "ann@example.com", params (string Key, object? Value)[] more)
    {
        var fields = new Dictionary<string, object?> { ["id"] = id, ["name"] = name };
        if (email is not null)
        {
            fields["email"] = email;
        }

        foreach (var (key, value) in more)
        {
            fields[key] = value;
        }

        return Recipient.FromDictionary(fields);
    }

    public static EmailResult Compose(Recipient recipient, string messageId = "news", EmailOptions? options = null) =>
        new EmailComposer(options ?? Options).Compose(Club, Club.Decide(recipient, messageId));

    public static MimeMessage Load(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return MimeMessage.Load(stream);
    }

    public static string Raw(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>The raw header block (everything before the first empty line), unparsed.</summary>
    public static string HeaderBlock(byte[] bytes)
    {
        var raw = Raw(bytes);
        var end = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, "The message has no header/body separator.");
        return raw[..(end + 2)];
    }

    /// <summary>The names of the top-level headers, read from the raw bytes: every line that does not start with white space starts a header.</summary>
    public static List<string> HeaderNames(byte[] bytes)
    {
        var names = new List<string>();
        foreach (var line in HeaderBlock(bytes).Split("\r\n"))
        {
            if (line.Length == 0 || line[0] is ' ' or '\t')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0, $"Header line without a name: '{line}'");
            names.Add(line[..colon]);
        }

        return names;
    }
}
