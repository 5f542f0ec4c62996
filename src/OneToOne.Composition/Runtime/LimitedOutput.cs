using System.Globalization;
using System.Text;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// The output of one template render, capped at <see cref="RenderLimits.MaxOutputLength"/>. Scriban's own
/// output limit counts over a context's lifetime, which a pooled context outlives, so the cap is ours.
/// </summary>
internal sealed class LimitedOutput(StringBuilder builder, int limit, TemplateContext context) : IScriptOutput
{
    public void Write(string text, int offset, int count)
    {
        if (builder.Length + count > limit)
        {
            throw new ScriptRuntimeException(context.CurrentSpan, string.Create(CultureInfo.InvariantCulture,
                $"the template writes more than the output limit of {limit} characters. Shorten it, bound its loops, or raise RenderLimits.MaxOutputLength."));
        }

        builder.Append(text, offset, count);
    }

    public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
    {
        Write(text, offset, count);
        return ValueTask.CompletedTask;
    }
}
