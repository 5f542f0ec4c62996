using OneToOne.Composition.Compilation;
using OneToOne.Composition.Parsing;

namespace OneToOne.Composition;

/// <content>Governance: drafts a message could use.</content>
public sealed partial class Catalog
{
    /// <summary>Gets the definitions the catalog was compiled from (for analysis findings with positions).</summary>
    internal CatalogDocument? Document { get; init; }

    /// <summary>
    /// Lists what is still <c>status: draft</c> among a message and the modules it can place (through its slots and
    /// the slots those modules place) that are within their <c>active:</c> dates now (<see cref="CompositionOptions.TimeProvider"/>):
    /// a draft module whose dates have passed, or not yet come, cannot be chosen. A production run refuses them unless
    /// <see cref="CompositionOptions.AllowDrafts"/>.
    /// </summary>
    /// <param name="messageId">The message id.</param>
    /// <returns>The drafts: the message first, then modules in slot order.</returns>
    /// <exception cref="ArgumentException">The catalog has no such message.</exception>
    public IReadOnlyList<CatalogItem> Drafts(string messageId)
    {
        var message = _runtime.GetMessage(messageId);
        var drafts = new List<CatalogItem>();
        if (message.IsDraft && message.Location is { } location)
        {
            drafts.Add(new CatalogItem(CatalogItemKind.Message, message.Id, location));
        }

        var now = _runtime.Options.TimeProvider.GetUtcNow();
        foreach (var module in ModulesPlacedBy(message))
        {
            if (module.IsDraft && (module.Active is not { } active || active.IsActiveAt(now)))
            {
                drafts.Add(new CatalogItem(CatalogItemKind.Module, module.Id, module.Location));
            }
        }

        return drafts;
    }

    /// <summary>Every module a message can place, through its slots and theirs, each once, in slot order.</summary>
    internal List<CompiledModule> ModulesPlacedBy(CompiledMessage message)
    {
        var modules = new List<CompiledModule>();
        var seenSlots = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(message.Body.Slots.Select(static s => s.Id));
        while (pending.TryDequeue(out var slotId))
        {
            if (!seenSlots.Add(slotId) || !_runtime.Slots.TryGetValue(slotId, out var slot))
            {
                continue;
            }

            foreach (var module in slot.Fallback is null ? slot.Candidates : [.. slot.Candidates, slot.Fallback])
            {
                if (!modules.Contains(module))
                {
                    modules.Add(module);
                    foreach (var use in module.SlotUses)
                    {
                        pending.Enqueue(use.Id);
                    }
                }
            }
        }

        return modules;
    }
}
