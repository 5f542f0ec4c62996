using System.CommandLine;
using System.Globalization;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>The arguments and options several commands share, so they read and document the same everywhere.</summary>
internal static class CommonSymbols
{
    /// <summary>Creates the <c>CATALOG</c> argument: a <c>.yaml</c> file or a folder of them.</summary>
    /// <returns>The argument.</returns>
    public static Argument<string> Catalog() => new("CATALOG")
    {
        Description = "The catalog: a .yaml file, or a folder whose *.yaml files together form the catalog.",
    };

    /// <summary>Creates the required <c>--message</c> option.</summary>
    /// <returns>The option.</returns>
    public static Option<string> Message() => new("--message", "-m")
    {
        Description = "The id of the message to decide and render.",
        HelpName = "ID",
        Required = true,
    };

    /// <summary>Creates the <c>--id-field</c> option, <c>id</c> by default.</summary>
    /// <returns>The option.</returns>
    public static Option<string> IdField() => new("--id-field")
    {
        Description = "The recipient field that holds the recipient's id.",
        HelpName = "FIELD",
        DefaultValueFactory = static _ => "id",
    };

    /// <summary>
    /// Creates the <c>--as-of</c> option: the instant date rules (effective dates, contact caps) are judged at,
    /// instead of the wall clock. Accepts an ISO 8601 date (midnight UTC) or date and time with an offset.
    /// </summary>
    /// <returns>The option.</returns>
    public static Option<DateTimeOffset?> AsOf() => new("--as-of")
    {
        Description = "Judge date rules as of this instant instead of now: an ISO 8601 date (2026-11-23, midnight UTC) or date-time with offset (2026-11-23T08:00:00+01:00).",
        HelpName = "DATE",
        CustomParser = static result =>
        {
            var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                return instant;
            }

            result.AddError($"'{text}' is not a date. Write --as-of as an ISO 8601 date such as 2026-11-23, or a date-time such as 2026-11-23T08:00:00+01:00.");
            return null;
        },
    };

    /// <summary>Creates the <c>--allow-drafts</c> flag: decide <c>status: draft</c> modules and messages instead of refusing the run.</summary>
    /// <returns>The option.</returns>
    public static Option<bool> AllowDrafts() => new("--allow-drafts")
    {
        Description = "Allow modules and messages with 'status: draft' (a test run); without it a run that could use a draft is refused.",
    };
}
