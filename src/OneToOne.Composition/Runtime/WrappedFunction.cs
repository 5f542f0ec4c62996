using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// A Scriban builtin put in place of another, which it calls: it describes its parameters as the other does, so Scriban
/// binds arguments to it the same way. The subclass adds its check around the call.
/// </summary>
/// <param name="inner">The builtin it stands in for.</param>
internal abstract class WrappedFunction(IScriptCustomFunction inner) : IScriptCustomFunction
{
    public int RequiredParameterCount => inner.RequiredParameterCount;

    public int ParameterCount => inner.ParameterCount;

    public ScriptVarParamKind VarParamKind => inner.VarParamKind;

    public Type ReturnType => inner.ReturnType;

    /// <summary>Gets the builtin it stands in for.</summary>
    protected IScriptCustomFunction Inner => inner;

    public ScriptParameterInfo GetParameterInfo(int index) => inner.GetParameterInfo(index);

    public abstract object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement);

    public abstract ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement);
}
