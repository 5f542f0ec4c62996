using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Parsing;
using OneToOne.Composition.Rendering;
using Scriban;
using Scriban.Syntax;

namespace OneToOne.Composition.Compilation;

/// <summary>A template parsed once, with everything the per-recipient path needs to know about it.</summary>
internal sealed class CompiledTemplate(
    Template template,
    TextOrigin origin,
    RequiredField[] requiredFields,
    RequiredMember[] requiredMembers,
    SlotUse[] slots,
    bool hasCode)
{
    public Template Template { get; } = template;

    public TextOrigin Origin { get; } = origin;

    /// <summary>Recipient fields read without a <c>default</c> where the template always goes: checked before rendering, so a missing one is a clear error.</summary>
    public RequiredField[] RequiredFields { get; } = requiredFields;

    /// <summary>Members of recipient fields read without a guard (<c>address.city</c>) where the template always goes: checked before rendering, as fields are.</summary>
    public RequiredMember[] RequiredMembers { get; } = requiredMembers;

    /// <summary>
    /// Gets what the template needs only where it may not go (a branch, a loop's body), by the start offset of the
    /// field read that reaches it: checked when that read is made, so <c>{{ if vip }}{{ vip_code }}{{ end }}</c> needs
    /// <c>vip_code</c> only of VIPs. Null when there is nothing such. (A dictionary, not an interface: the precompiled
    /// path walks it for every recipient, without allocating an enumerator.)
    /// </summary>
    public Dictionary<int, BranchRead>? BranchReads { get; init; }

    /// <summary>Slot ids this template places, in order of appearance.</summary>
    public SlotUse[] Slots { get; } = slots;

    /// <summary>
    /// Gets the segments the template reads (<c>segment.NAME</c>), each once, in reading order: found by the walk that
    /// compiled it, so the analysis's unused-segment finding does not walk every template of the catalog again.
    /// </summary>
    public string[] Segments { get; init; } = [];

    /// <summary>
    /// Gets the culture whose language the template is written in: its <c>locales:</c> variant's, else the catalog's
    /// <c>locale:</c> (the default texts are what a recipient of that locale reads); null when the catalog names none.
    /// </summary>
    public System.Globalization.CultureInfo? TextCulture { get; init; }

    /// <summary>
    /// Gets the culture of the module's <c>lang:</c> for a module's own texts (those of no <c>locales:</c> variant) in a
    /// catalog that gives one .NET knows, else null: where it is not the recipient's language, the template writes its
    /// numbers, amounts and dates in it (<see cref="Runtime.ModuleCulture"/>), and its <see cref="TextCulture"/> is it.
    /// </summary>
    public System.Globalization.CultureInfo? Language { get; init; }

    /// <summary>Gets whether the template has any code; when it has none, its text is its output.</summary>
    public bool HasCode { get; } = hasCode;

    /// <summary>Gets the template's text when it has no code.</summary>
    public string? StaticText { get; init; }

    /// <summary>
    /// Gets or sets where values land in a Markdown or HTML template's output when not in text (a URL, code), by
    /// expression; null when all are text. Both render paths escape each value for its position.
    /// </summary>
    public IReadOnlyDictionary<ScriptExpression, ValuePosition>? Positions { get; set; }

    /// <summary>Gets or sets the precompiled web output with holes, when the template qualifies (see <see cref="FragmentCompiler"/>).</summary>
    public FragmentPlan? WebPlan { get; set; }

    /// <summary>Gets or sets the precompiled plain-text output with holes, when the template qualifies.</summary>
    public FragmentPlan? TextPlan { get; set; }

    /// <summary>Gets or sets the precompiled output of a one-line template (a subject, a name, a preheader) with values escaped as one line.</summary>
    public FragmentPlan? LinePlan { get; set; }
}

/// <summary>A recipient field a template needs, and where the template first reads it.</summary>
internal sealed record RequiredField(string Name, SourceLocation Location)
{
    /// <summary>Gets whether that read is an <c>if</c>'s whole condition (<c>{{ if last_order }}</c>): a test of the field, for which the fallback is another.</summary>
    public bool Tested { get; init; }

    /// <summary>Gets whether a read is an <c>if</c>'s (or <c>else if</c>'s) whole condition.</summary>
    public static bool IsTest(Scriban.Syntax.ScriptNode node) => node.Parent is Scriban.Syntax.ScriptIfStatement { Condition: var condition } && ReferenceEquals(condition, node);
}

/// <summary>A member path a template needs from a recipient field, and where the template first reads it.</summary>
internal sealed record RequiredMember(MemberPath Path, SourceLocation Location);

/// <summary>
/// A chain of member reads from a recipient field, such as <c>address.city</c> (field <c>address</c>, members
/// <c>city</c>); <paramref name="Qualified"/> when written through <c>recipient.</c>, which no loop variable shadows.
/// With <see cref="Items"/>, the chain starts at a loop variable instead (<c>p.name</c> in <c>for p in purchases</c>)
/// and is read of every item of that list.
/// </summary>
/// <param name="Field">The recipient field the chain starts at (or the loop variable, with <see cref="Items"/>).</param>
/// <param name="Members">The members read, in order; empty for <c>recipient.NAME</c> alone.</param>
/// <param name="Qualified">Whether the chain starts with <c>recipient.</c>.</param>
/// <param name="Text">The chain as the template writes it, for errors.</param>
internal sealed record MemberPath(string Field, string[] Members, bool Qualified, string Text)
{
    /// <summary>
    /// Gets the list a loop variable goes over, when the chain starts at one (itself a loop variable's path for a loop
    /// nested in another, <c>for i in o.items</c>); null when it starts at a field.
    /// </summary>
    public MemberPath? Items { get; init; }

    /// <summary>Gets whether this path reads further along <paramref name="other"/> (same start, its members and more).</summary>
    public bool Extends(MemberPath other) =>
        Field == other.Field && Qualified == other.Qualified && Items?.Text == other.Items?.Text && Members.Length > other.Members.Length
        && Members.AsSpan(0, other.Members.Length).SequenceEqual(other.Members);
}

/// <summary>What one read of a field in a branch needs of the recipient.</summary>
/// <param name="Field">The field read, when the template does not read it where it always goes; else null.</param>
/// <param name="Members">The member paths read through it (through the read of <c>recipient</c>, or of a loop's outermost list for its items').</param>
internal sealed record BranchRead(RequiredField? Field, RequiredMember[] Members);

/// <summary>A <c>slot</c> call in a template.</summary>
internal sealed record SlotUse(string Id, SourceLocation Location);
