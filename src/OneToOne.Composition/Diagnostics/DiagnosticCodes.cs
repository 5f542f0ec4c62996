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

    /// <summary>A template uses a Scriban feature the sandbox forbids (<c>include</c>, <c>eval</c>, clock or randomness).</summary>
    public const string ForbiddenFunction = "OTO1205";
}
