namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// What changes for one recipient and one message between two versions: the line the diff prints, and its parts for the
/// per-module summary and the JSON output.
/// </summary>
/// <param name="Message">The message's id.</param>
/// <param name="Description">What changed, as the diff's line says it (without the recipient and message).</param>
/// <param name="Before">The released version's outcome.</param>
/// <param name="After">The changed version's outcome.</param>
/// <param name="Gained">The modules the recipient is sent only by the changed version, in ordinal order.</param>
/// <param name="Lost">The modules the recipient is sent only by the released version, in ordinal order.</param>
/// <param name="TextChanged">The modules both versions send the recipient whose own rendered text differs, in ordinal order.</param>
/// <param name="Forms">The forms of the whole message (<c>text</c>, <c>email HTML</c>, …) that differ, for an unchanged decision.</param>
/// <param name="FirstLine">The first differing line of the first differing form, before and after, or null.</param>
internal sealed record MessageChange(
    string Message,
    string Description,
    DiffOutcome Before,
    DiffOutcome After,
    IReadOnlyList<string> Gained,
    IReadOnlyList<string> Lost,
    IReadOnlyList<string> TextChanged,
    IReadOnlyList<string> Forms,
    (string Before, string After)? FirstLine);
