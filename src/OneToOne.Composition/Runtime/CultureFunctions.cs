using System.Collections.Concurrent;
using System.Globalization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// The culture-aware template functions <c>money</c>, <c>number</c> and <c>date.local</c>. Culture and time zone come from
/// the recipient (its <c>locale</c> field, else the catalog's <c>locale</c>; its <c>time_zone</c> field, else UTC),
/// never from the host. The date function lives in Scriban's <c>date</c> object: a callable <c>date</c> would break
/// <c>x | date.parse | date.to_string</c>, which Scriban routes through the object when it is callable.
/// </summary>
internal static class CultureFunctions
{
    /// <summary>The recipient field that names the recipient's time zone (IANA, such as <c>Europe/Berlin</c>).</summary>
    public const string TimeZoneField = "time_zone";

    /// <summary>How many currency codes and time zone ids are remembered: the real ones are a few hundred; past that the names come from data and are looked up each time.</summary>
    private const int MaxRemembered = 1024;

    private static readonly ConcurrentDictionary<string, string?> CurrencySymbols = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> TimeZones = new(StringComparer.Ordinal);

    /// <summary>ISO 8601 dates and times without an offset: times on the recipient's own clock.</summary>
    private static readonly string[] WallClockFormats =
        ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF"];

    /// <summary>ISO 8601 dates and times with 'Z' or an offset: instants.</summary>
    private static readonly string[] InstantFormats =
        ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK"];

    /// <summary>Adds the functions to the builtins (before forbidden members are removed).</summary>
    public static void Install(ScriptObject builtins)
    {
        builtins.Import("money", new Func<TemplateContext, object?, string?, string?>(Money));
        builtins.Import("number", new Func<TemplateContext, object?, int?, string?>(Number));
        if (builtins["date"] is ScriptObject date)
        {
            date.Import("local", new Func<TemplateContext, object?, string?, string?>(Date));
        }

        if (builtins["math"] is ScriptObject math)
        {
            math.Remove("format");
            math.Import("format", new Func<TemplateContext, Scriban.Parsing.SourceSpan, object?, string?, string?, string?>(Format));
        }
    }

    /// <summary>
    /// <c>{{ n | math.format "N0" }}</c> as Scriban formats it, but refusing infinity and NaN, which it writes as "∞"
    /// or "Infinity" (a JSON or CSV number such as 1e400 reads as infinity).
    /// </summary>
    private static string? Format(TemplateContext context, Scriban.Parsing.SourceSpan span, object? value, string? format, string? culture = null) =>
        value is double number && !double.IsFinite(number)
            ? throw ((RenderContext)context).NotFinite(number)
            : Scriban.Functions.MathFunctions.Format(context, span, value, format, culture);

    /// <summary><c>{{ price | money }}</c> or <c>{{ price | money "EUR" }}</c>: an amount in the recipient's culture, with the currency's symbol.</summary>
    private static string? Money(TemplateContext context, object? value, string? currency = null)
    {
        if (ToDecimal(context, value, "money") is not { } amount)
        {
            return null;
        }

        var culture = Culture(context);
        var format = culture.NumberFormat;
        if (!string.IsNullOrEmpty(currency))
        {
            var code = currency.ToUpperInvariant();
            var own = culture.Name.Length > 0 && !culture.IsNeutralCulture ? new RegionInfo(culture.Name).ISOCurrencySymbol : null;
            if (!string.Equals(own, code, StringComparison.Ordinal))
            {
                var symbol = Remembered(CurrencySymbols, code, FindSymbol) ?? throw new ScriptRuntimeException(context.CurrentSpan,
                    $"'{currency}' is not an ISO 4217 currency code that any culture uses. Write a code such as \"EUR\", \"USD\" or \"CHF\".");
                format = (NumberFormatInfo)format.Clone();
                format.CurrencySymbol = symbol;
            }
        }

        if (format.CurrencySymbol == "\u00A4")
        {
            // The generic currency sign: a culture without a country (invariant, or a language such as 'de') has no currency.
            throw new ScriptRuntimeException(context.CurrentSpan, string.Create(CultureInfo.InvariantCulture,
                $"'money' has no currency to write: the recipient's culture ({(culture.Name.Length == 0 ? "invariant: no locale field and no catalog locale" : culture.Name)}) names no country. Pass the currency, as in '{{{{ price | money \"EUR\" }}}}', or use locales with a country (en-US, de-DE)."));
        }

        return amount.ToString("C", format);
    }

    /// <summary><c>{{ n | number }}</c> (whole numbers without, others with up to two decimals) or <c>{{ n | number 2 }}</c>, grouped in the recipient's culture.</summary>
    private static string? Number(TemplateContext context, object? value, int? decimals = null)
    {
        if (ToDecimal(context, value, "number") is not { } number)
        {
            return null;
        }

        if (decimals is < 0 or > 10)
        {
            throw new ScriptRuntimeException(context.CurrentSpan, $"'number' takes 0 to 10 decimals, not {decimals}.");
        }

        var format = decimals is { } d ? "N" + d.ToString(CultureInfo.InvariantCulture) : "#,0.##";
        return number.ToString(format, Culture(context));
    }

    /// <summary><c>{{ due | date.local }}</c> or <c>{{ at | date.local "g" }}</c> (a .NET format): a date or instant in the recipient's culture and time zone (instants are converted; plain dates and times without an offset are not).</summary>
    private static string? Date(TemplateContext context, object? value, string? format = null)
    {
        var culture = Culture(context);
        format = string.IsNullOrEmpty(format) ? "d" : format;
        object? local = value switch
        {
            null => null,
            DateOnly date => date,
            DateTimeOffset instant => TimeZoneInfo.ConvertTime(instant, TimeZone(context)),

            // A DateTime that does not say its kind is a time on the recipient's clock, as such a text is (below).
            DateTime { Kind: DateTimeKind.Unspecified } wallClock => wallClock,
            DateTime dateTime => TimeZoneInfo.ConvertTime(new DateTimeOffset(dateTime.ToUniversalTime()), TimeZone(context)),
            string text when DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => day,

            // A date and time without an offset is a time on the recipient's own clock (an appointment at 23:30 is at
            // 23:30 wherever the recipient is), so it is written as it is, not shifted as if it were UTC.
            string text when DateTime.TryParseExact(text, WallClockFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock) => wallClock,
            string text when DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) =>
                TimeZoneInfo.ConvertTime(parsed, TimeZone(context)),
            _ => throw new ScriptRuntimeException(context.CurrentSpan,
                $"'date' needs an ISO 8601 date such as \"2026-11-23\", a time on the recipient's clock such as \"2026-11-23T18:30:00\" or an instant such as \"2026-11-23T18:30:00Z\" (year-month-day: \"1/2/2026\" is a different day to different readers), but got '{value}'. Fix the recipient's value."),
        };

        if (CalendarRange.Problem(local, culture) is { } problem)
        {
            throw new ScriptRuntimeException(context.CurrentSpan, $"'date.local' got {problem}.");
        }

        return (local as IFormattable)?.ToString(format, culture);
    }

    private static decimal? ToDecimal(TemplateContext context, object? value, string function) => value switch
    {
        null => null,
        decimal d => d,
        int or long or short or byte or uint or ulong or ushort or sbyte => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        double or float when double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)) => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        System.Numerics.BigInteger big when big >= (System.Numerics.BigInteger)decimal.MinValue && big <= (System.Numerics.BigInteger)decimal.MaxValue => (decimal)big,
        string s when decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => throw new ScriptRuntimeException(context.CurrentSpan,
            $"'{function}' needs a number, but got '{value}'. Numbers in recipient data are written with '.' for decimals and no grouping (1234.5)."),
    };

    private static CultureInfo Culture(TemplateContext context) => context is RenderContext { State: { } state } ? state.Culture : CultureInfo.InvariantCulture;

    private static TimeZoneInfo TimeZone(TemplateContext context)
    {
        if (context is not RenderContext { State: { } state } || !state.Recipient.TryGetValue(TimeZoneField, out var value) || value is not string { Length: > 0 } id)
        {
            return TimeZoneInfo.Utc;
        }

        var zone = Remembered(TimeZones, id, static name => TimeZoneInfo.TryFindSystemTimeZoneById(name, out var found) ? found : null);
        return zone ?? throw new ScriptRuntimeException(context.CurrentSpan,
            $"the recipient's {TimeZoneField} '{id}' is not a known time zone. Use an IANA name such as 'Europe/Berlin' or 'America/New_York', or leave the field out for UTC.");
    }

    private static string? FindSymbol(string code)
    {
        string? symbol = null;
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            RegionInfo region;
            try
            {
                region = new RegionInfo(culture.Name);
            }
            catch (ArgumentException)
            {
                continue;
            }

            if (region.ISOCurrencySymbol != code)
            {
                continue;
            }

            // The currency's home region (USD → US, CHF → CH) gives its usual symbol; otherwise the first user's.
            if (code.StartsWith(region.TwoLetterISORegionName, StringComparison.Ordinal))
            {
                return region.CurrencySymbol;
            }

            symbol ??= region.CurrencySymbol;
        }

        return symbol;
    }

    /// <summary>Looks a name up once while the cache has room; a recipient's data cannot grow it without bound.</summary>
    private static TValue Remembered<TValue>(ConcurrentDictionary<string, TValue> cache, string name, Func<string, TValue> find) =>
        cache.TryGetValue(name, out var known) ? known
        : cache.Count < MaxRemembered ? cache.GetOrAdd(name, find)
        : find(name);
}
