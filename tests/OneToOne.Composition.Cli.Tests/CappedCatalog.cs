namespace OneToOne.Composition.Cli.Tests;

/// <summary>A catalog with frequency caps, for the commands that decide without a contact history (proof, watch, diff).</summary>
internal static class CappedCatalog
{
    /// <summary>Email consent from <c>email_ok</c>, one contact a week per channel; module <c>b</c> for <c>gold</c> recipients, else <c>a</c>.</summary>
    public const string Yaml = """
        catalog: t
        policy:
          consent: { email: email_ok }
          caps: [{ max: 1 per 7d, per: channel }]
        modules:
          a: "Hi {{ name }}"
          b: { when: gold == true, content: "Gold {{ name }}" }
        slots:
          s: { from: [b, a] }
        messages:
          m: { body: '{{ slot "s" }}', channels: [email] }
        """;
}
