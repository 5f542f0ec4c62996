namespace OneToOne.Composition;

/// <summary>
/// Where one module's output stands in a print piece's <see cref="PrintContent.Markdown"/>: the characters the module
/// wrote there, from <see cref="Start"/> for <see cref="Length"/> characters, including the output of any module placed
/// in a slot of its own.
/// </summary>
public sealed class PrintModuleRange
{
    internal PrintModuleRange(string slotId, string moduleId, int start, int length)
    {
        SlotId = slotId;
        ModuleId = moduleId;
        Start = start;
        Length = length;
    }

    /// <summary>Gets the id of the slot the module was placed in.</summary>
    public string SlotId { get; }

    /// <summary>Gets the id of the module.</summary>
    public string ModuleId { get; }

    /// <summary>Gets the offset in <see cref="PrintContent.Markdown"/> of the module's first character.</summary>
    public int Start { get; }

    /// <summary>Gets the number of characters of the module's output (without its trailing line breaks, which are not written).</summary>
    public int Length { get; }
}
