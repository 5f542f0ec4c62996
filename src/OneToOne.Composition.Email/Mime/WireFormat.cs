using MimeKit;

namespace OneToOne.Composition.Email.Mime;

/// <summary>How composed messages are written: the same bytes on every operating system.</summary>
internal static class WireFormat
{
    /// <summary>Gets the format options: CRLF line endings (the Internet form, not the host's) and no raw UTF-8 in headers.</summary>
    public static FormatOptions Options { get; } = Create();

    /// <summary>Gets the strict address parser: an address must have a domain and parse cleanly.</summary>
    public static ParserOptions AddressParser { get; } = CreateParser();

    private static FormatOptions Create()
    {
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        options.International = false;
        return options;
    }

    private static ParserOptions CreateParser()
    {
        var options = ParserOptions.Default.Clone();
        options.AllowAddressesWithoutDomain = false;
        options.AllowUnquotedCommasInAddresses = false;
        options.AddressParserComplianceMode = RfcComplianceMode.Strict;
        return options;
    }
}
