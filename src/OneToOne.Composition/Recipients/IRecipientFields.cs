namespace OneToOne.Composition.Recipients;

/// <summary>Reads a recipient's fields from wherever they live, without copying them.</summary>
internal interface IRecipientFields
{
    IEnumerable<string> Names { get; }

    bool TryGetValue(string name, out object? value);
}
