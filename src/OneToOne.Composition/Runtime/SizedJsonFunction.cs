using System.Collections;
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
/// call. The value is walked first, counting the characters its JSON will have at least, and the walk stops at the limit.
/// </summary>
/// <param name="inner">Scriban's <c>object.to_json</c>.</param>
internal sealed class SizedJsonFunction(IScriptCustomFunction inner) : IScriptCustomFunction
{
    public int RequiredParameterCount => inner.RequiredParameterCount;

    public int ParameterCount => inner.ParameterCount;

    public ScriptVarParamKind VarParamKind => inner.VarParamKind;

    public Type ReturnType => inner.ReturnType;

    public ScriptParameterInfo GetParameterInfo(int index) => inner.GetParameterInfo(index);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        Check(context, callerContext, arguments);
        return inner.Invoke(context, callerContext, arguments, blockStatement);
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        Check(context, callerContext, arguments);
        return inner.InvokeAsync(context, callerContext, arguments, blockStatement);
    }

    /// <exception cref="ScriptRuntimeException">The JSON of the first argument would reach the output limit.</exception>
    private static void Check(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments)
    {
        var limit = context.LimitToString;
        if (limit <= 0 || arguments.Count == 0)
        {
            return;
        }

        // At least this many characters: brackets, quotes, separators and the text of each value (a lower bound is enough).
        var length = 0L;
        var pending = new Stack<object?>();
        pending.Push(arguments[0]);
        while (pending.Count > 0 && length < limit)
        {
            switch (pending.Pop())
            {
                case null:
                    length += 4;
                    break;
                case string text:
                    length += text.Length + 2;
                    break;
                case IDictionary<string, object> members:
                    length += 2;
                    foreach (var (key, value) in members)
                    {
                        length += key.Length + 4;
                        pending.Push(value);
                    }

                    break;
                case IDictionary dictionary:
                    length += 2;
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        length += (Convert.ToString(entry.Key, CultureInfo.InvariantCulture)?.Length ?? 0) + 4;
                        pending.Push(entry.Value);
                    }

                    break;
                case IEnumerable items:
                    length += 2;
                    foreach (var item in items)
                    {
                        length++;
                        pending.Push(item);
                    }

                    break;
                case var other:
                    length += Math.Max(1, Convert.ToString(other, CultureInfo.InvariantCulture)?.Length ?? 1);
                    break;
            }
        }

        if (length >= limit)
        {
            throw new ScriptRuntimeException(callerContext?.Span ?? context.CurrentSpan, string.Create(CultureInfo.InvariantCulture,
                $"'object.to_json' would write at least {length:N0} characters; a value must stay under {limit:N0} characters (RenderLimits.MaxOutputLength). Write a smaller value (a list put in itself, or in another several times, is written out each time), or raise the limit."));
        }
    }
}
