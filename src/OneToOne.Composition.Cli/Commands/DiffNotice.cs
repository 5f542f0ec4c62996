namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// Something the diff lists about a version rather than a recipient: a message removed or new, a draft the new version
/// adds or approves.
/// </summary>
/// <param name="Message">The message's id.</param>
/// <param name="Kind"><c>messageRemoved</c>, <c>messageNew</c>, <c>nowDraft</c> or <c>noLongerDraft</c>.</param>
/// <param name="Item">For a draft, what it is (<c>module</c>, <c>message</c>, …) and its id; else null.</param>
/// <param name="Text">The line the text output prints.</param>
internal sealed record DiffNotice(string Message, string Kind, (string Kind, string Id)? Item, string Text);
