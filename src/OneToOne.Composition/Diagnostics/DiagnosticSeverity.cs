namespace OneToOne.Composition.Diagnostics;

/// <summary>How serious a <see cref="Diagnostic"/> is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>Worth a look; the catalog still compiles.</summary>
    Warning,

    /// <summary>The catalog cannot be compiled until this is fixed.</summary>
    Error,
}
