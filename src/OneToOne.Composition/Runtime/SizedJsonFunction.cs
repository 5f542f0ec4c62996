using System.Globalization;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// <c>object.to_json</c>, refused before it runs when its JSON would reach the output limit. Scriban's writes the whole
/// value, and a template can build a value whose JSON is far larger than the value itself, by putting one list in another
/// several times (<c>x = [x, x, x, x, x, x, x, x, x, x]</c> nine times is a billion items of JSON from ten references):
/// one call then wrote gigabytes for minutes, past the time budget, which is checked between statements, not inside a
/// call. The value is walked first, counting the characters its JSON will have at least (<see cref="WrittenSize"/>), and
/// the walk stops at the limit.
/// </summary>
/// <param name="inner">Scriban's <c>object.to_json</c>.</param>
internal sealed class SizedJsonFunction(IScriptCustomFunction inner) : WrappedFunction(inner)
{
    public override object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        Check(context, callerContext, arguments);
        return Inner.Invoke(context, callerContext, arguments, blockStatement);
    }

    public override ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        Check(context, callerContext, arguments);
        return Inner.InvokeAsync(context, callerContext, arguments, blockStatement);
    }

    /// <exception cref="ScriptRuntimeException">The JSON of the first argument would reach the output limit.</exception>
    private static void Check(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments)
    {
        var limit = context.LimitToString;
        if (limit <= 0 || arguments.Count == 0)
        {
            return;
        }

        var length = WrittenSize.AsJson(arguments[0], limit);
        if (length >= limit)
        {
            throw new ScriptRuntimeException(callerContext?.Span ?? context.CurrentSpan, string.Create(CultureInfo.InvariantCulture,
                $"'object.to_json' would write at least {length:N0} characters; a value must stay under {limit:N0} characters (RenderLimits.MaxOutputLength). Write a smaller value (a list put in itself, or in another several times, is written out each time), or raise the limit."));
        }
    }
}
