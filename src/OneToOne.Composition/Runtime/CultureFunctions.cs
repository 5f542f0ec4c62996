using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
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

    private static readonly ConcurrentDictionary<string, WrittenCurrency?> Currencies = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConcurrentDictionary<string, TimeZoneInfo?> TimeZones = new(StringComparer.Ordinal);

    /// <summary>Every specific culture with the region it names.</summary>
    private static readonly Lazy<List<(CultureInfo Culture, RegionInfo Region)>> CurrencyRegions = new(static () =>
    {
        var regions = new List<(CultureInfo, RegionInfo)>();
        foreach (var culture in CultureInfo.GetCultures(CultureTypes.SpecificCultures))
        {
            try
            {
                regions.Add((culture, new RegionInfo(culture.Name)));
            }
            catch (ArgumentException)
            {
                // A culture whose region .NET does not know.
            }
        }

        return regions;
    });

    /// <summary>
    /// Each currency symbol, as a reader sees it (<see cref="AsRead"/>), with the codes of the currencies written with it.
    /// </summary>
    private static readonly Lazy<Dictionary<string, HashSet<string>>> SymbolCurrencies = new(static () =>
    {
        var codes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (_, region) in CurrencyRegions.Value)
        {
            if (!codes.TryGetValue(AsRead(region.CurrencySymbol), out var set))
            {
                codes[AsRead(region.CurrencySymbol)] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(region.ISOCurrencySymbol);
        }

        return codes;
    });

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

            // Scriban's date.parse reads text in the recipient's culture (03/04/2025 is 3 April in de-DE, 4 March in
            // en-US; "6.12.2026" is 12 June in en-US) and shifts an offset to the host's clock, so a condition such as
            // (last_order | date.parse) > (last_mail | date.parse) decided by the machine and the reader's locale.
            date.Remove("parse");
            date.Import("parse", new Func<TemplateContext, object?, object?>(Parse));
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
        if (string.IsNullOrEmpty(currency) && context is RenderContext { State: { } state } && !ReferenceEquals(culture, state.Culture))
        {
            // Within a module in another language: the language's way of writing an amount, in the recipient's currency
            // (a German text for a reader in the US writes dollars, not euros).
            // A recipient without one (a language alone, or a region of no currency: en-150, es-419) fails as outside it.
            var recipient = state.Culture;
            currency = recipient.Name.Length > 0 && !recipient.IsNeutralCulture && recipient.NumberFormat.CurrencySymbol != "\u00A4"
                ? new RegionInfo(recipient.Name).ISOCurrencySymbol
                : throw NoCurrency(context, recipient);
        }

        if (!string.IsNullOrEmpty(currency))
        {
            var code = currency.ToUpperInvariant();
            var own = culture.Name.Length > 0 && !culture.IsNeutralCulture ? new RegionInfo(culture.Name).ISOCurrencySymbol : null;
            if (!string.Equals(own, code, StringComparison.Ordinal))
            {
                var written = Remembered(Currencies, code, FindCurrency) ?? throw new ScriptRuntimeException(context.CurrentSpan,
                    $"'{currency}' is not an ISO 4217 currency code that any culture uses. Write a code such as \"EUR\", \"USD\" or \"CHF\".");
                format = (NumberFormatInfo)format.Clone();
                format.CurrencySymbol = written.Symbol;
                format.CurrencyDecimalDigits = written.Digits;
                if (written.Symbol.All(char.IsAsciiLetter))
                {
                    // A code ("CAD", "CHF") is set apart from the amount, as cultures whose own symbol is a code do.
                    format.CurrencyPositivePattern = format.CurrencyPositivePattern switch { 0 => 2, 1 => 3, var p => p };
                    format.CurrencyNegativePattern = format.CurrencyNegativePattern switch
                    {
                        0 => 14, 1 => 9, 2 => 12, 3 => 11, 4 => 15, 5 => 8, 6 => 13, 7 => 10, var p => p,
                    };
                }
            }
        }

        if (format.CurrencySymbol == "\u00A4")
        {
            // The generic currency sign: a culture without a country (invariant, or a language such as 'de') has no currency.
            throw NoCurrency(context, culture);
        }

        return InOwnDigits(amount.ToString("C", format), culture);
    }

    private static ScriptRuntimeException NoCurrency(TemplateContext context, CultureInfo culture) => new(context.CurrentSpan, string.Create(CultureInfo.InvariantCulture,
        $"'money' has no currency to write: the recipient's culture ({(culture.Name.Length == 0 ? "invariant: no locale field and no catalog locale" : culture.Name)}) names no country. Pass the currency, as in '{{{{ price | money \"EUR\" }}}}', or use locales with a country (en-US, de-DE)."));

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
        var culture = Culture(context);
        return InOwnDigits(number.ToString(format, culture), culture);
    }

    /// <summary>
    /// <c>{{ last_order | date.parse }}</c>: ISO 8601 text (or a date value) read as <c>date.local</c> reads it, whatever the
    /// recipient's culture or the host's time zone: an instant (<c>…Z</c>, <c>…+01:00</c>) as a <see cref="DateTimeOffset"/>
    /// on the recipient's clock (so two instants still compare as instants, also in the hour that clock repeats), a plain
    /// date or a time without an offset as a <see cref="DateTime"/> as written; null for null or empty text. Text in any
    /// other form fails the recipient: <c>03/04/2025</c> is a different day to different readers.
    /// </summary>
    private static object? Parse(TemplateContext context, object? value) => value is null or string { Length: 0 }
        ? null
        : OnRecipientsClock(context, value) switch
        {
            // Each arm boxed: the arms' common type would be DateTimeOffset, which turns a DateTime into an instant on the host's clock.
            DateOnly date => (object)date.ToDateTime(TimeOnly.MinValue),
            DateTime wallClock => (object)wallClock,
            DateTimeOffset instant => (object)instant,
            _ => throw new ScriptRuntimeException(context.CurrentSpan,
                $"'date.parse' {NotADate} such as \"2026-11-23\", a time on the recipient's clock such as \"2026-11-23T18:30:00\" or an instant such as \"2026-11-23T18:30:00Z\" (year-month-day: \"03/04/2025\" is 3 April to some readers and 4 March to others), but got '{value}'. Write the data's dates as ISO 8601, year-month-day with '-' (2016-01-05, not 2016/01/05), or declare the CSV column a date in --schema, which also reads day.month.year (06.12.2026)."),
        };

    /// <summary><c>{{ due | date.local }}</c> or <c>{{ at | date.local "g" }}</c> (a .NET format): a date or instant in the recipient's culture and time zone (instants are converted; plain dates and times without an offset are not).</summary>
    private static string? Date(TemplateContext context, object? value, string? format = null)
    {
        var culture = Culture(context);
        format = string.IsNullOrEmpty(format) ? "d" : format;
        var local = value is null ? null : OnRecipientsClock(context, value) ?? throw new ScriptRuntimeException(context.CurrentSpan,
            $"'date' {NotADate} such as \"2026-11-23\", a time on the recipient's clock such as \"2026-11-23T18:30:00\" or an instant such as \"2026-11-23T18:30:00Z\" (year-month-day: \"1/2/2026\" is a different day to different readers), but got '{value}'.");

        if (CalendarRange.Problem(local, culture) is { } problem)
        {
            throw new ScriptRuntimeException(context.CurrentSpan, $"'date.local' got {problem}.");
        }

        try
        {
            return local is IFormattable formattable ? InOwnDigits(formattable.ToString(format, culture), culture) : null;
        }
        catch (FormatException)
        {
            throw new ScriptRuntimeException(context.CurrentSpan, DateFormatProblem(format, local, culture));
        }
    }

    /// <summary>
    /// A date or time value as the recipient reads it: a <see cref="DateOnly"/> as it is, an instant (a
    /// <see cref="DateTimeOffset"/>, a UTC or local <see cref="DateTime"/>, ISO text with 'Z' or an offset) converted to the
    /// recipient's <c>time_zone</c> (UTC when missing), a <see cref="DateTime"/> of unspecified kind and ISO text without an
    /// offset as they are (times on the recipient's own clock); null when the value is no date (text not in ISO 8601 form,
    /// a number, a <see cref="TimeOnly"/>).
    /// </summary>
    internal static object? OnRecipientsClock(TemplateContext context, object value) => value switch
    {
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
        _ => null,
    };

    /// <summary>
    /// Whether <c>date.parse</c> reads a text (<see cref="OnRecipientsClock"/>): ISO 8601, a plain date, a time without an
    /// offset or an instant. Loading checks the texts a template gives it with this.
    /// </summary>
    internal static bool IsIsoDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        || DateTime.TryParseExact(text, WallClockFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
        || DateTimeOffset.TryParseExact(text, InstantFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    /// <summary>
    /// The ISO 8601 form of a date written year first with another separator ("2016/01/05", "2016.1.5": "2016-01-05"),
    /// or null for any other text (03/04/2025 is a different day to different readers, so no form is guessed for it).
    /// </summary>
    internal static string? IsoOfYearFirst(string text) =>
        DateOnly.TryParseExact(text, ["yyyy/M/d", "yyyy.M.d", "yyyy M d", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;

    /// <summary>
    /// Writes a date or time value that a template writes bare (<c>{{ last_order }}</c>), whatever its .NET type: as
    /// <c>date.local</c> writes it without a format (the culture's short date, an instant's date in the recipient's time
    /// zone), and a <see cref="TimeOnly"/> as the culture's short time.
    /// </summary>
    internal static string Written(TemplateContext context, object value)
    {
        var culture = Culture(context);
        return InOwnDigits(value is TimeOnly time ? time.ToString("t", culture) : ((IFormattable)OnRecipientsClock(context, value)!).ToString("d", culture), culture);
    }

    /// <summary>
    /// Writes the digits of a formatted number, amount or date in the culture's own digits where the culture separates
    /// with the Arabic decimal and thousands separators (U+066B, U+066C): the Arabic-Indic digits of ar-SA, ar-EG, ar-IQ
    /// (and <c>ar</c>), the Persian ones of fa-IR, as CLDR, ICU and browsers write them (<c>١٢٬٣٤٥٫٥٠ ر.س.</c>). .NET
    /// writes 0–9 always, with those separators: <c>12٬345٫50</c>, a mixture no reader writes, its dates in 0–9
    /// (<c>15 رجب 1448</c>) beside amounts in the other. A culture that separates with '.' and ',' (th-TH, he-IL, ar-AE,
    /// ar-MA, hi-IN, ja-JP) keeps 0–9, as its readers expect.
    /// </summary>
    /// <param name="formatted">The text .NET formatted in the culture.</param>
    /// <param name="culture">The culture.</param>
    /// <returns>The text, its ASCII digits replaced with the culture's.</returns>
    internal static string InOwnDigits(string formatted, CultureInfo culture)
    {
        var format = culture.NumberFormat;
        if (format.NumberDecimalSeparator is not "\u066B" && format.NumberGroupSeparator is not "\u066C")
        {
            return formatted;
        }

        // Read only for such a culture: NativeDigits hands out a copy of its array each time.
        var digits = format.NativeDigits;
        if (digits.Length != 10 || digits[0] is not [var zero] || zero == '0' || !char.IsDigit(zero) || formatted.AsSpan().IndexOfAnyInRange('0', '9') < 0)
        {
            return formatted;
        }

        return string.Create(formatted.Length, (formatted, zero), static (span, state) =>
        {
            state.formatted.AsSpan().CopyTo(span);
            for (var i = 0; i < span.Length; i++)
            {
                if (char.IsAsciiDigit(span[i]))
                {
                    span[i] = (char)(state.zero + (span[i] - '0'));
                }
            }
        });
    }

    /// <summary>
    /// A date or time value as a condition compares it with text (<c>last_order &lt; "2026-01-01"</c>): ISO 8601 text on the
    /// recipient's clock (<see cref="OnRecipientsClock"/>), the date alone when the time is midnight, so that it orders
    /// and equals as the same day given as text does, whatever its .NET type.
    /// </summary>
    internal static string Comparable(TemplateContext context, object value) => value is TimeOnly time
        ? time.ToString("HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.')
        : OnRecipientsClock(context, value) switch
        {
            DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime { TimeOfDay.Ticks: 0 } midnight => midnight.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime dateTime => dateTime.ToString("yyyy-MM-dd'T'HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
            DateTimeOffset { TimeOfDay.Ticks: 0 } midnight => midnight.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTimeOffset instant => instant.ToString("yyyy-MM-dd'T'HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
            _ => throw new ArgumentException("Not a date.", nameof(value)),
        };

    /// <summary>Whether a value is a date or time: a <see cref="DateTime"/>, <see cref="DateOnly"/>, <see cref="DateTimeOffset"/> or <see cref="TimeOnly"/>.</summary>
    internal static bool IsDate([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] object? value) => value is DateTime or DateOnly or DateTimeOffset or TimeOnly;

    /// <summary>Whether a value is an instant: a <see cref="DateTimeOffset"/>, or a UTC or local <see cref="DateTime"/>.</summary>
    internal static bool IsInstant(object? value) => value is DateTimeOffset or DateTime { Kind: not DateTimeKind.Unspecified };

    /// <summary>
    /// An instant as a condition compares it with another instant: ISO 8601 text in UTC, so that two instants order and
    /// equal as instants do, also in the hour a recipient's clock goes back (02:30 before 02:10 there).
    /// </summary>
    internal static string UtcComparable(object instant) => (instant switch
    {
        DateTimeOffset offset => offset.UtcDateTime,
        DateTime dateTime => dateTime.ToUniversalTime(),
        _ => throw new ArgumentException("Not an instant.", nameof(instant)),
    }).ToString("yyyy-MM-dd'T'HH':'mm':'ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');

    /// <summary>
    /// A date or time value as Scriban's <c>date</c> functions take one (a <see cref="DateTime"/>): a <see cref="DateOnly"/>
    /// at midnight, an instant on the recipient's clock (<see cref="OnRecipientsClock"/>), ISO 8601 text as the date it
    /// writes; null when the value is none of these.
    /// </summary>
    internal static DateTime? AsDateTime(TemplateContext context, object value) => value is DateTime or DateOnly or DateTimeOffset or string
        ? OnRecipientsClock(context, value) switch
        {
            DateOnly date => date.ToDateTime(TimeOnly.MinValue),
            DateTime dateTime => dateTime,
            DateTimeOffset instant => instant.DateTime,
            _ => null,
        }
        : null;

    /// <summary>
    /// Says why a .NET date format cannot write a value: it is no date format at all (<c>"Q"</c>), or it writes a time
    /// (<c>"f"</c>, <c>"HH:mm"</c>) and the value is a plain date, which has none.
    /// </summary>
    private static string DateFormatProblem(string format, object? value, CultureInfo culture)
    {
        try
        {
            _ = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString(format, culture);
        }
        catch (FormatException)
        {
            return $"'date.local' got the format '{format}', which is not a .NET date format. Use a standard one such as \"d\", \"D\" or \"g\", or a custom one such as \"yyyy-MM-dd HH:mm\".";
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"'date.local' got the format '{format}', which writes a time, but {value:yyyy-MM-dd} is a plain date, which has none. Give the recipient a date and time (\"2026-11-23T18:30:00Z\"), or use a format for dates only, such as \"d\" or \"D\".");
    }

    /// <summary>How the error for a value that is no number says so (the render names the fields the failing expression reads).</summary>
    internal const string NotANumber = "needs a number";

    /// <summary>How the error for a value that is no date says so.</summary>
    internal const string NotADate = "needs an ISO 8601 date";

    /// <summary>A number from a template value (null for null), as <c>money</c> and <c>number</c> read one; text must read one way only.</summary>
    internal static decimal? ToDecimal(TemplateContext context, object? value, string function) => value switch
    {
        null => null,
        decimal d => d,
        int or long or short or byte or uint or ulong or ushort or sbyte => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        double or float when double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)) => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        System.Numerics.BigInteger big when big >= (System.Numerics.BigInteger)decimal.MinValue && big <= (System.Numerics.BigInteger)decimal.MaxValue => (decimal)big,
        // As it reads one way only: "500,00" (a decimal comma, as a German spreadsheet writes 500.00) is 500, never 50,000.
        string s => TextNumber.TryParse(s, out var parsed, out var ambiguity) ? parsed : throw NoNumber(context, function, s, ambiguity),
        _ => throw NoNumber(context, function, value, null),
    };

    private static ScriptRuntimeException NoNumber(TemplateContext context, string function, object? value, string? ambiguity) => new(
        context.CurrentSpan,
        ambiguity is null
            ? $"'{function}' {NotANumber}, but got '{value}'. Numbers in recipient data are written as 1234.5, or grouped in thousands with the other mark as the decimal point (1,234.5 or 1.234,5) or with a space (1 234,5)."
            : $"'{function}' {NotANumber}, but got '{value}', {ambiguity}.");

    /// <summary>The culture whose language the template being rendered is written in (<see cref="RenderContext.TextCulture"/>), else the recipient's.</summary>
    internal static CultureInfo TextCulture(TemplateContext context) => context is RenderContext { TextCulture: { } text } ? text : Culture(context);

    /// <summary>
    /// The culture values are written in: the recipient's (its <c>locale</c> field, else the catalog's), or within a module
    /// in another language that module's (<see cref="RenderContext.WritingCulture"/>); the invariant culture outside a render.
    /// </summary>
    internal static CultureInfo Culture(TemplateContext context) => context is RenderContext { State: not null } render ? render.WritingCulture : CultureInfo.InvariantCulture;

    private static TimeZoneInfo TimeZone(TemplateContext context)
    {
        if (context is not RenderContext { State: { } state } || !state.Recipient.TryGetValue(TimeZoneField, out var value) || value is null or string { Length: 0 })
        {
            return TimeZoneInfo.Utc;
        }

        if (value is TimeZoneInfo given)
        {
            return given;
        }

        if (value is not string id)
        {
            // A number (an offset such as 1, say) is no time zone: the date would be shown in UTC without a word.
            throw new ScriptRuntimeException(context.CurrentSpan,
                $"the recipient's {TimeZoneField} is {RenderContext.KindOf(value)}, not a time zone. Use an IANA name such as 'Europe/Berlin' or 'America/New_York', or leave the field out for UTC.");
        }

        var zone = Remembered(TimeZones, id, static name => TimeZoneInfo.TryFindSystemTimeZoneById(name, out var found) ? found : null);
        return zone ?? throw new ScriptRuntimeException(context.CurrentSpan,
            $"the recipient's {TimeZoneField} '{id}' is not a known time zone. Use an IANA name such as 'Europe/Berlin' or 'America/New_York', or leave the field out for UTC.");
    }

    /// <summary>
    /// How a currency other than the culture's own is written: with its symbol, in its home region's form (USD → US,
    /// CHF → CH; otherwise its first user's), when no other currency is written with that symbol, else with its code
    /// ("$" is also the Canadian, Australian and Mexican dollar's, so a reader in the US would take CAD 5 for US$5);
    /// and with its own minor units (the yen has none, the dollar two), whatever the culture's own currency has.
    /// </summary>
    private static WrittenCurrency? FindCurrency(string code)
    {
        WrittenCurrency? written = null;
        foreach (var (culture, region) in CurrencyRegions.Value)
        {
            if (region.ISOCurrencySymbol != code)
            {
                continue;
            }

            var symbol = SymbolCurrencies.Value[AsRead(region.CurrencySymbol)].Count == 1 ? region.CurrencySymbol : code;
            var found = new WrittenCurrency(symbol, culture.NumberFormat.CurrencyDecimalDigits);
            if (code.StartsWith(region.TwoLetterISORegionName, StringComparison.Ordinal))
            {
                return found;
            }

            written ??= found;
        }

        return written;
    }

    /// <summary>
    /// A symbol as a reader tells it from others: the yuan's "¥" and the yen's full-width "￥" (ja-JP's) are one sign to
    /// a reader, so neither is a currency's alone.
    /// </summary>
    private static string AsRead(string symbol) => symbol.Normalize(NormalizationForm.FormKC);

    /// <summary>A currency's symbol (or code) and minor units as written beside another culture's numbers.</summary>
    private sealed record WrittenCurrency(string Symbol, int Digits);

    /// <summary>Looks a name up once while the cache has room; a recipient's data cannot grow it without bound.</summary>
    private static TValue Remembered<TValue>(ConcurrentDictionary<string, TValue> cache, string name, Func<string, TValue> find) =>
        cache.TryGetValue(name, out var known) ? known
        : cache.Count < MaxRemembered ? cache.GetOrAdd(name, find)
        : find(name);
}
