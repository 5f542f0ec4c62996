using Scriban;
using Scriban.Runtime;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// The sandboxed Scriban builtins every catalog shares: no <c>include</c>, no <c>eval</c>, no host clock
/// or randomness (decisions must be reproducible), plus our <c>slot</c> and a bare <c>default</c>.
/// </summary>
internal static class ScriptEnvironment
{
    /// <summary>Builtins removed from the sandbox, as <c>object.member</c> or a top-level name.</summary>
    public static readonly string[] Forbidden =
        ["include", "include_join", "object.eval", "object.eval_template", "date.now", "date.utc_now", "math.random", "math.uuid"];

    /// <summary>The names our own runtime gives meaning to: they are never recipient fields.</summary>
    public static readonly string[] ReservedNames = ["segment", "slot", "recipient", "experiment"];

    public static ScriptObject Builtins { get; } = CreateBuiltins();

    /// <summary>Gets whether a top-level name is a builtin object or function.</summary>
    public static bool IsBuiltin(string name) => Builtins.ContainsKey(name);

    private static ScriptObject CreateBuiltins()
    {
        var builtins = new TemplateContext().BuiltinObject;
        CultureFunctions.Install(builtins);
        TextFunctions.Install(builtins);
        GraphemeFunctions.Install(builtins);
        HtmlStrip.Install(builtins);
        foreach (var forbidden in Forbidden)
        {
            var dot = forbidden.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                builtins.Remove(forbidden);
            }
            else if (builtins[forbidden[..dot]] is ScriptObject owner)
            {
                owner.Remove(forbidden[(dot + 1)..]);
            }
        }

        if (builtins["object"] is ScriptObject objectFunctions)
        {
            builtins.SetValue("default", objectFunctions["default"], readOnly: true);

            // Scriban's own take only its dictionaries: these also take a recipient's objects (JSON, dictionaries, .NET objects).
            objectFunctions.Remove("has_key");
            objectFunctions.Remove("has_value");
            objectFunctions.Remove("size");
            objectFunctions.Import("has_key", new Func<TemplateContext, object?, string, bool>(static (context, value, key) => MemberReader.TryReadOfObject(context, value, key, out _)));
            objectFunctions.Import("has_value", new Func<TemplateContext, object?, string, bool>(static (context, value, key) => MemberReader.TryReadOfObject(context, value, key, out var found) && found is not null));
            objectFunctions.Import("size", new Func<TemplateContext, Scriban.Parsing.SourceSpan, object?, int>(static (context, span, value) =>
                value switch
                {
                    IScriptObject scope and not System.Collections.IList => scope.Count,

                    // Text counts clusters, as string.size and a text's .size do (GraphemeFunctions).
                    string text => GraphemeFunctions.Size(text),
                    _ => Scriban.Functions.ObjectFunctions.Size(context, span, value),
                }));
        }

        if (builtins["regex"] is ScriptObject regex)
        {
            // A regular expression may backtrack for its whole timeout on one call: the time budget is checked around each.
            foreach (var name in (ReadOnlySpan<string>)["match", "matches", "replace", "split"])
            {
                if (regex[name] is IScriptCustomFunction function)
                {
                    regex.SetValue(name, new TimedFunction(function), readOnly: false);
                }
            }
        }

        if (builtins["object"] is ScriptObject objects && objects["to_json"] is IScriptCustomFunction toJson)
        {
            // A value made of references to itself writes far more JSON than it holds: counted before it is written.
            objects.SetValue("to_json", new SizedJsonFunction(toJson), readOnly: false);
        }

        builtins.Import("slot", new Func<TemplateContext, string, object>(SlotFunction));
        MakeReadOnly(builtins);
        return builtins;
    }

    /// <summary>
    /// Makes the builtins and every object in them (<c>date</c>, <c>math</c>, …) read-only: every catalog and thread shares
    /// them, so a template that could set <c>date.format</c> or add <c>math.x</c> would change every other render.
    /// The compiler refuses such assignments; this stops the ones it cannot see (inside <c>with date</c>).
    /// </summary>
    private static void MakeReadOnly(ScriptObject scriptObject)
    {
        scriptObject.IsReadOnly = true;
        foreach (var value in scriptObject.Values)
        {
            if (value is ScriptObject { IsReadOnly: false } nested)
            {
                MakeReadOnly(nested);
            }
        }
    }


    private static PlacedText SlotFunction(TemplateContext context, string slotId) => ((RenderContext)context).SlotPlaceholder(slotId);
}
