namespace OneToOne.Composition.Recipients;

/// <summary>Reads a recipient's fields from wherever they live, without copying them.</summary>
internal interface IRecipientFields
{
    IEnumerable<string> Names { get; }

    bool TryGetValue(string name, out object? value);

    /// <summary>Gets whether the field exists (even with a null value), without converting its value.</summary>
    bool Contains(string name) => TryGetValue(name, out _);
}
