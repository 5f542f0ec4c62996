namespace OneToOne.Composition.Diagnostics;

/// <summary>The stable codes of catalog diagnostics. A code never changes meaning once published.</summary>
public static partial class DiagnosticCodes
{
    /// <summary>The YAML text is not well-formed.</summary>
    public const string YamlSyntax = "OTO1001";

    /// <summary>A key is not part of the catalog format.</summary>
    public const string UnknownKey = "OTO1002";

    /// <summary>A key appears twice in the same mapping.</summary>
    public const string DuplicateKey = "OTO1003";

    /// <summary>A segment, module, slot or message id is defined in more than one file.</summary>
    public const string DuplicateId = "OTO1004";

    /// <summary>A value has the wrong shape (for example a list where text is expected).</summary>
    public const string WrongType = "OTO1005";

    /// <summary>A required key is missing.</summary>
    public const string MissingKey = "OTO1006";

    /// <summary>A value is outside what the key allows.</summary>
    public const string InvalidValue = "OTO1007";

    /// <summary>No catalog file could be read.</summary>
    public const string NoCatalogFiles = "OTO1008";

    /// <summary>A file the catalog names (a font, an image) does not exist.</summary>
    public const string MissingFile = "OTO1009";

    /// <summary>
    /// A file the catalog names cannot be read, or is not what the catalog uses it as: a font that is not TrueType or
    /// OpenType (a WOFF web font, a text file), an image that is not an image (a web page saved in its place, an empty file).
    /// </summary>
    public const string WrongFileKind = "OTO1010";

    /// <summary>
    /// A module's <c>lang:</c> is not a BCP 47 language tag (<c>de</c>, <c>de-DE</c>), such as <c>de_DE</c> written as
    /// .NET and POSIX write a locale, or a language's name (<c>german</c>).
    /// </summary>
    public const string InvalidLanguageTag = "OTO1011";

    /// <summary>
    /// A segment, module, slot, message or experiment id mixes the Latin, Greek and Cyrillic alphabets (<c>lіght-beer</c> with
    /// a Cyrillic 'і'), so it looks like another id and a reference typed by hand does not find it (warning). An id in one
    /// alphabet, or in another script, is not one.
    /// </summary>
    public const string MixedScriptId = "OTO1012";

    /// <summary>
    /// A module's <c>lang:</c> is a well-formed tag .NET knows no culture for (<c>tlh</c>, <c>x-klingon</c>), so it marks the
    /// module for screen readers but the module's numbers, dates and plural forms follow the recipient's culture (warning).
    /// </summary>
    public const string UnknownLanguageCulture = "OTO1013";

    /// <summary>A reference names a module that is not defined.</summary>
    public const string UndefinedModule = "OTO1101";

    /// <summary>A reference names a segment that is not defined.</summary>
    public const string UndefinedSegment = "OTO1102";

    /// <summary>A <c>slot</c> call names a slot that is not defined.</summary>
    public const string UndefinedSlot = "OTO1103";

    /// <summary>A slot or segment depends on itself.</summary>
    public const string Cycle = "OTO1104";

    /// <summary>A tag query in a slot's <c>from</c> matches no module.</summary>
    public const string EmptyTagQuery = "OTO1105";

    /// <summary>A template (<c>content</c>, <c>html</c>, <c>text</c>, <c>subject</c>, <c>body</c>) has a Scriban syntax error.</summary>
    public const string TemplateSyntax = "OTO1201";

    /// <summary>A condition (<c>when</c>, a segment) has a Scriban syntax error.</summary>
    public const string ConditionSyntax = "OTO1202";

    /// <summary>A condition is not a boolean expression (for example <c>=</c> written for <c>==</c>).</summary>
    public const string ConditionNotBoolean = "OTO1203";

    /// <summary>A <c>slot</c> call does not name its slot with a literal string.</summary>
    public const string InvalidSlotCall = "OTO1204";

    /// <summary>A template uses a Scriban feature the sandbox forbids (<c>include</c>, <c>eval</c>, clock or randomness), or assigns to a builtin such as <c>date.format</c>.</summary>
    public const string ForbiddenFunction = "OTO1205";

    /// <summary>
    /// An HTML template, or raw HTML in Markdown, writes a value where no escaping makes data safe: inside a
    /// <c>&lt;script&gt;</c> or <c>&lt;style&gt;</c> element, an event-handler (<c>on…</c>) or <c>style</c> attribute,
    /// an unquoted attribute value, or a tag or attribute name.
    /// </summary>
    public const string UnsafeValuePosition = "OTO1206";

    /// <summary>A pipe (<c>x | f</c>) or a call with arguments (<c>f x</c>) names a function that neither the builtins nor the template define, usually a typo (<c>numbr</c> for <c>number</c>).</summary>
    public const string UnknownFunction = "OTO1207";

    /// <summary>
    /// A layout places the message (<c>{{ content }}</c>) within a paragraph, heading, link or other element that holds
    /// only words, where the message's paragraphs, headings and lists cannot stand.
    /// </summary>
    public const string MessageWithinALine = "OTO1208";

    /// <summary>
    /// A condition orders one recipient field against another (<c>balance &lt; limit</c>), which Scriban compares letter by
    /// letter when both hold text (a warning: recipients with numbers are compared as numbers).
    /// </summary>
    public const string FieldsOrdered = "OTO1209";

    /// <summary>An experiment arm's weight is negative or not a number, or every arm weighs 0.</summary>
    public const string InvalidWeight = "OTO1301";

    /// <summary>
    /// A template or condition reads a builtin function or group of functions as a value (<c>{{ number }}</c>,
    /// <c>date &lt; "2026-01-01"</c>), where a recipient field of that name was meant: the builtin wins, so the read fails
    /// for every recipient. The field is <c>recipient.NAME</c>.
    /// </summary>
    public const string BuiltinReadAsValue = "OTO1210";

    /// <summary>
    /// A template written for a locale (a <c>locales:</c> variant, or a default text of a catalog with a <c>locale:</c>)
    /// calls <c>string.plural</c> without a form that the locale's language uses (Polish <c>few</c> and <c>many</c>), so
    /// every recipient who gets the text would be rejected.
    /// </summary>
    public const string PluralFormMissing = "OTO1211";

    /// <summary>
    /// A template or condition gives <c>date.parse</c> a text of its own that is not ISO 8601 (<c>'2016/01/05' | date.parse</c>),
    /// which <c>date.parse</c> refuses, so every recipient who reaches it would be rejected.
    /// </summary>
    public const string DateLiteralNotIso = "OTO1212";

    /// <summary><c>experiment.NAME</c> names an experiment that is not defined.</summary>
    public const string UndefinedExperiment = "OTO1302";

    /// <summary>A holdout or a comparison names an arm the experiment does not have.</summary>
    public const string UndefinedArm = "OTO1303";

    /// <summary>A frequency cap cannot be read (for example <c>max: 2 per fortnight</c>), or counts per topic on a message without one.</summary>
    public const string InvalidCap = "OTO1304";

    /// <summary>A consent mapping or a message's <c>channels</c> names something that is not a contact channel.</summary>
    public const string UnknownChannel = "OTO1305";

    /// <summary>A module's <c>score</c> expression has a syntax error or cannot be a number.</summary>
    public const string InvalidScore = "OTO1306";

    /// <summary>The policy has consent rules but a message names no <c>channels</c>, so consent is never checked for it (warning).</summary>
    public const string UnroutedMessage = "OTO1307";

    /// <summary>
    /// An experiment's holdout holds nobody out (warning): <c>holdout-gets</c> or <c>slots</c> without a <c>holdout</c>,
    /// or a holdout arm of weight 0, so there is no control group to measure lift against.
    /// </summary>
    public const string HoldoutHoldsNobody = "OTO1705";
}
