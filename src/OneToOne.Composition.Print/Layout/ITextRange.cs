namespace OneToOne.Composition.Print.Layout;

/// <summary>A range of a paragraph's characters: a text run or a shaped item, found by the index of a character.</summary>
internal interface ITextRange
{
    /// <summary>Gets the index of the first character.</summary>
    int Start { get; }

    /// <summary>Gets the index past the last character.</summary>
    int End { get; }
}
