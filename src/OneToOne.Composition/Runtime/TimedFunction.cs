using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// A builtin that may run long in one call (a regular expression's match, which backtracks over a recipient's value):
/// the time budget is checked before it starts and after it returns. The clock is otherwise read only every thousand
/// nodes and at loop steps, which a decision's few conditions never reach: eight modules whose <c>when:</c> each ran
/// <c>regex.match</c> for just under its timeout (the budget) took eight budgets for one recipient.
/// </summary>
/// <param name="inner">The builtin.</param>
/// <remarks>
/// The regular expression keeps the whole budget as its timeout (a timeout per call would miss .NET's cache of parsed
/// expressions every time), so a call that starts within the budget may end up to one budget after it.
/// </remarks>
internal sealed class TimedFunction(IScriptCustomFunction inner) : WrappedFunction(inner)
{
    private const string Cause = "a regular expression takes long on the recipient's value (nested repetition such as (a+)+ backtracks). Simplify the pattern";

    public override object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        var timed = context as RenderContext;
        var span = callerContext?.Span ?? default;
        timed?.CheckTimeBudget(span, Cause);
        var result = Inner.Invoke(context, callerContext, arguments, blockStatement);
        timed?.CheckTimeBudget(span, Cause);
        return result;
    }

    public override ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        Inner.InvokeAsync(context, callerContext, arguments, blockStatement);
}
