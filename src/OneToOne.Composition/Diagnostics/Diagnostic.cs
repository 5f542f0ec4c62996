using System.Globalization;

namespace OneToOne.Composition.Diagnostics;

/// <summary>
/// One problem found in a catalog: where it is, a stable code (<c>OTO1002</c>) and a message that
/// says how to fix it.
/// </summary>
public sealed class Diagnostic
{
    internal Diagnostic(DiagnosticSeverity severity, string code, string message, SourceLocation location)
    {
        Severity = severity;
        Code = code;
        Message = OneLineText.Escape(message);
        Location = location;
    }

    /// <summary>Gets whether this is an error or a warning.</summary>
    public DiagnosticSeverity Severity { get; }

    /// <summary>Gets the stable code, one of <see cref="DiagnosticCodes"/>.</summary>
    public string Code { get; }

    /// <summary>Gets the message, which says what is wrong and how to fix it, on one line: control characters and bidirectional formatting characters it quotes from the catalog are written as escapes (<c>\n</c>, <c>\u001B</c>, <c>\u202E</c>).</summary>
    public string Message { get; }

    /// <summary>Gets where the problem is.</summary>
    public SourceLocation Location { get; }

    /// <summary>Formats the diagnostic in the compiler format <c>path(line,col): error OTO1234: message</c>.</summary>
    /// <returns>The formatted diagnostic.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Location}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Code}: {Message}");
}
