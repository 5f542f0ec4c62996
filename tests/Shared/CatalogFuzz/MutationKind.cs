namespace OneToOne.Composition.Testing;

/// <summary>What a <see cref="CatalogMutation"/> does to a catalog's text.</summary>
internal enum MutationKind
{
    /// <summary>Removes a line.</summary>
    DeleteLine,

    /// <summary>Writes a line twice.</summary>
    DuplicateLine,

    /// <summary>Exchanges two lines.</summary>
    SwapLines,

    /// <summary>Indents a line more or less, or with a tab.</summary>
    Reindent,

    /// <summary>Gives a key another value: a number, text, a list, a mapping, nothing, null, a very long text, template syntax, control characters, bytes that are not UTF-8.</summary>
    ReplaceValue,

    /// <summary>Gives a condition (<c>when</c>, <c>score</c>) another expression, most of which compile: the analysis and deciding get to run.</summary>
    ReplaceCondition,

    /// <summary>Gives a template (<c>content</c>, <c>body</c>, <c>subject</c>, …) another text, most of which compile: rendering gets to run.</summary>
    ReplaceTemplate,

    /// <summary>Renames a key: to a name the format does not know, or to one that belongs elsewhere.</summary>
    RenameKey,

    /// <summary>Removes a key with everything indented under it (a required key, often).</summary>
    DropKey,

    /// <summary>Makes a reference (a module in <c>from</c>, a slot call, <c>segment.NAME</c>, a fallback) name something undefined.</summary>
    UndefinedReference,

    /// <summary>Adds a key with a value after a line, at that line's indentation.</summary>
    InsertKey,

    /// <summary>Adds a block of the catalog format (print settings, locales, an experiment, a policy, …) with mistakes in it.</summary>
    InsertSnippet,

    /// <summary>Puts one character or short token into a line.</summary>
    InsertCharacter,

    /// <summary>Cuts the file off in the middle of a line.</summary>
    Truncate,

    /// <summary>Moves the rest of a file, from a line on, into a file of its own.</summary>
    SplitFile,

    /// <summary>Ends a file's lines with CR LF, or CR alone (old Mac files), or a mix.</summary>
    LineEndings,

    /// <summary>Adds a copy of a file (every id then defined twice).</summary>
    DuplicateFile,

    /// <summary>Replaces a whole file with something that is not a catalog mapping (nothing, a comment, a list, a text).</summary>
    ReplaceFile,
}
