namespace OneToOne.Composition;

/// <summary>One chosen module rendered on its own, for front ends that place modules themselves.</summary>
public sealed class RenderedModule
{
    internal RenderedModule(string slotId, string moduleId, string body)
    {
        SlotId = slotId;
        ModuleId = moduleId;
        Body = body;
    }

    /// <summary>Gets the slot the module fills.</summary>
    public string SlotId { get; }

    /// <summary>Gets the module's id.</summary>
    public string ModuleId { get; }

    /// <summary>Gets the module's output for the channel (nested slots included).</summary>
    public string Body { get; }
}
