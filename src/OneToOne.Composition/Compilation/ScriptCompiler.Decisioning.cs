using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;
using Scriban;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>Score expressions, and the experiment references of every template and condition.</summary>
internal sealed partial class ScriptCompiler
{
    /// <summary>The advice after a score's syntax error: a score is bare code, with no '{{ }}' to check.</summary>
    private const string ScoreAdvice = "A score is one expression without '{{ }}' that yields a number, such as 'uplift * margin': check that every '(' has a matching ')' and no operator is left without a value on each side.";

    /// <summary>Gets the <c>experiment.NAME</c> reads, for validation once all experiments are known.</summary>
    public List<(string Experiment, SourceLocation Location)> ExperimentReferences { get; } = [];

    /// <summary>Gets the arms compared with <c>experiment.NAME</c>, for validation once all experiments are known.</summary>
    public List<(string Experiment, string Arm, SourceLocation Location)> ArmReferences { get; } = [];

    /// <summary>Compiles a module's <c>score:</c>, an expression that must yield a number.</summary>
    public CompiledScore? CompileScore(SourceText source, string what)
    {
        var template = Template.Parse(source.Text, source.Location.File, lexerOptions: ConditionLexer);
        EmptyTrivia.Release(template.Page);
        if (ReportParseErrors(template, source, DiagnosticCodes.InvalidScore, what, ScoreAdvice))
        {
            return null;
        }

        var statements = template.Page?.Body?.Statements;
        if (statements is null || statements.Count != 1 || statements[0] is not ScriptExpressionStatement { Expression: { } expression })
        {
            diagnostics.Error(DiagnosticCodes.InvalidScore, source.Location,
                $"The {what} must be one expression that yields a number, such as 'propensity * margin'.");
            return null;
        }

        if (Unnest(expression) is ScriptLiteral { Value: string text })
        {
            diagnostics.Error(DiagnosticCodes.InvalidScore, Map(source, expression),
                $"The {what} is the text \"{text}\", but a score must be a number, such as 'uplift * margin' or '0.5'. Write the number without quotes.");
            return null;
        }

        if (IsTest(expression))
        {
            diagnostics.Error(DiagnosticCodes.InvalidScore, Map(source, expression),
                $"The {what} is a true/false test, but a score must be a number, such as 'uplift * margin'. Put tests in 'when'.");
            return null;
        }

        var analyzer = new TemplateAnalyzer();
        analyzer.Visit(expression);
        if (analyzer.Slots.Count > 0 || analyzer.InvalidSlotCalls.Count > 0)
        {
            diagnostics.Error(DiagnosticCodes.InvalidSlotCall, source.Location, $"The {what} calls 'slot', which belongs in 'body' or 'content'.");
            return null;
        }

        return ReportAnalysis(analyzer, source, what) && ReportDateLiterals(expression, source, what) ? new CompiledScore(expression, source.Text.Trim(), source.Origin, source.Location) { Fields = [.. analyzer.FieldNames] } : null;
    }

    private static bool IsTest(ScriptExpression? expression) => expression switch
    {
        ScriptNestedExpression nested => IsTest(nested.Expression),
        ScriptBinaryExpression { Operator: ScriptBinaryOperator.And or ScriptBinaryOperator.Or } => true,
        ScriptBinaryExpression binary => IsComparison(binary.Operator),
        ScriptUnaryExpression { Operator: ScriptUnaryOperator.Not } => true,
        ScriptLiteral { Value: bool } => true,
        _ => false,
    };

    private static ScriptExpression? Unnest(ScriptExpression? expression) =>
        expression is ScriptNestedExpression nested ? Unnest(nested.Expression) : expression;

    private void RecordExperimentReferences(TemplateAnalyzer analyzer, SourceText source)
    {
        foreach (var (experiment, node) in analyzer.Experiments)
        {
            ExperimentReferences.Add((experiment, Map(source, node)));
        }

        foreach (var (experiment, arm, node) in analyzer.ArmComparisons)
        {
            ArmReferences.Add((experiment, arm, Map(source, node)));
        }
    }
}
