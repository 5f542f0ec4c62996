using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.RegularExpressions;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>The arguments and options several commands share, so they read and document the same everywhere.</summary>
internal static partial class CommonSymbols
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

    /// <summary>Creates the <c>--schema</c> option: the recipients' fields and their types, as a render reads and checks them.</summary>
    /// <returns>The option.</returns>
    public static Option<string> Schema() => new("--schema")
    {
        Description = "The recipients' fields and their types, NAME:TYPE separated by commas (TYPE text, number, boolean or date; number(decimal-comma) or number(decimal-point) declares a CSV column's decimal mark, so a German 1.234 reads as 1234; a ! after the type marks a field every recipient must have), such as first_name:text!,iq:number,betrag:number(decimal-comma). A record that does not fit is rejected.",
        HelpName = "SPEC",
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
        CustomParser = static result => Instant(result, "--as-of"),
    };

    /// <summary>Parses an instant option (<c>--as-of</c>, <c>history prune --before</c>): an ISO 8601 date (midnight UTC) or date and time with an offset.</summary>
    /// <param name="result">The option's argument.</param>
    /// <param name="option">The option's name, for the error.</param>
    /// <returns>The instant, or null after adding the error.</returns>
    public static DateTimeOffset? Instant(ArgumentResult result, string option)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (IsoInstant.Parse(text) is { } instant)
        {
            return instant;
        }

        result.AddError($"{option}: '{text}' is not a date. Write it as an ISO 8601 date such as 2026-11-23, or a date-time such as 2026-11-23T08:00:00+01:00.");
        return null;
    }

    /// <summary>
    /// Creates the <c>--time-budget</c> option (<see cref="RenderLimits.TimeBudget"/>): how long deciding and rendering one
    /// message may take, on the wall clock, before the recipient is rejected; 1 s unless given. A number with <c>ms</c>,
    /// <c>s</c> or <c>m</c>, as <c>history prune --older-than</c> takes a number with its unit.
    /// </summary>
    /// <returns>The option.</returns>
    public static Option<TimeSpan?> TimeBudget() => new("--time-budget")
    {
        Description = "How long deciding and rendering one message may take before the recipient is rejected (1s unless given): a number with ms, s or m (milliseconds, seconds, minutes), such as 3s for a large template or a loaded machine.",
        HelpName = "DURATION",
        CustomParser = static result =>
        {
            var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
            if (DurationPattern().Match(text) is { Success: true } match && long.TryParse(match.Groups["n"].Value, CultureInfo.InvariantCulture, out var n))
            {
                var budget = match.Groups["unit"].Value switch
                {
                    "ms" => TimeSpan.FromMilliseconds(n),
                    "s" => TimeSpan.FromSeconds(n),
                    _ => TimeSpan.FromMinutes(n),
                };
                if (budget > TimeSpan.Zero)
                {
                    return budget;
                }

                result.AddError($"--time-budget: '{text}' is no time at all, and a budget cannot be switched off. Give a positive duration, such as 3s, or a long one, such as 60m, for a template that needs it.");
                return null;
            }

            result.AddError($"--time-budget: '{text}' is not a duration. Write a positive whole number with ms, s or m (milliseconds, seconds or minutes), such as 3s or 500ms.");
            return null;
        },
    };

    /// <summary>
    /// Parses a whole-number option (<c>--parallel</c>, <c>--debounce</c>), saying in plain words what a value that is not
    /// one should be instead of naming a .NET type.
    /// </summary>
    /// <param name="result">The option's argument.</param>
    /// <returns>The number, or 0 after adding the error.</returns>
    public static int WholeNumber(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count == 0 ? string.Empty : result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var name = result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
        result.AddError($"{name} expects a whole number, got '{text}'.");
        return 0;
    }

    /// <summary>Refuses an output folder (<c>--out DIR</c>) that names an existing file, before anything is loaded or written.</summary>
    /// <param name="option">The option.</param>
    /// <returns>The same option.</returns>
    public static Option<string> AcceptFolderOnly(this Option<string> option)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(static result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[^1].Value is var path && File.Exists(path))
            {
                result.AddError($"{result.Option.Name} must be a folder; '{path}' is a file.");
            }
        });
        return option;
    }

    /// <summary>
    /// Refuses a file option (<c>--summary</c>, <c>--rejects</c>, <c>--merge</c>, <c>--checkpoint</c>, <c>--history</c>) that
    /// names an existing folder, before anything is loaded or written: otherwise the run would fail only when it first
    /// writes the file, for <c>--summary</c> after every record was rendered.
    /// </summary>
    /// <param name="option">The option.</param>
    /// <param name="exampleName">A file name to suggest inside the folder, such as <c>summary.json</c>.</param>
    /// <returns>The same option.</returns>
    public static Option<string> AcceptFileOnly(this Option<string> option, string exampleName)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.Tokens[^1].Value is var path && Directory.Exists(path))
            {
                result.AddError($"{result.Option.Name} must be a file; '{path}' is a folder. Give a file's path, such as '{Path.Combine(path, exampleName)}'.");
            }
        });
        return option;
    }

    /// <summary>Creates the <c>--allow-drafts</c> flag: decide <c>status: draft</c> modules and messages instead of refusing the run.</summary>
    /// <returns>The option.</returns>
    public static Option<bool> AllowDrafts() => new("--allow-drafts")
    {
        Description = "Allow modules and messages with 'status: draft' (a test run); without it a run that could use a draft is refused.",
    };

    /// <summary>
    /// Creates the <c>--confine-to-catalog-folder</c> flag (<see cref="CompositionOptions.ConfineToCatalogFolder"/>): every
    /// file the catalog reads must lie inside its folder, symbolic links followed, for a folder someone else filled.
    /// </summary>
    /// <returns>The option.</returns>
    public static Option<bool> ConfineToCatalogFolder() => new("--confine-to-catalog-folder")
    {
        Description = "Read only files inside the catalog's folder, symbolic links followed: its *.yaml files and the fonts it names (for a folder someone else uploaded). A link that leads out, or a font path outside, is an error.",
    };

    [GeneratedRegex(@"^(?<n>[0-9]{1,9})(?<unit>ms|s|m)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
