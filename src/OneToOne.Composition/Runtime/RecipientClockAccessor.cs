using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// The members of an instant (<c>d.year</c>, <c>d.month</c>, <c>d.day</c>, <c>d.hour</c>, <c>d.day_of_week</c>, …) read
/// on the recipient's clock, as <c>{{ d }}</c>, <c>date.local</c>, <c>date.to_string</c> and comparisons read it
/// (<see cref="CultureFunctions.OnRecipientsClock"/>): a <see cref="DateTimeOffset"/> or a UTC or local
/// <see cref="DateTime"/> from a typed recipient field gave its own offset's reading, so 2026-12-31T23:30Z was written
/// as 1 January 2027 to a Berlin recipient and was <c>year</c> 2026 in the same template. A
/// <see cref="DateTime"/> without a kind (a time on the recipient's own clock) is read as it is.
/// </summary>
internal sealed class RecipientClockAccessor(IObjectAccessor inner) : IObjectAccessor
{
    public bool HasIndexer => inner.HasIndexer;

    public Type? IndexType => inner.IndexType;

    public int GetMemberCount(TemplateContext context, SourceSpan span, object target) => inner.GetMemberCount(context, span, OnClock(context, target));

    public IEnumerable<string> GetMembers(TemplateContext context, SourceSpan span, object target) => inner.GetMembers(context, span, OnClock(context, target));

    public bool HasMember(TemplateContext context, SourceSpan span, object target, string member) => inner.HasMember(context, span, OnClock(context, target), member);

    public bool TryGetValue(TemplateContext context, SourceSpan span, object target, string member, out object? value) =>
        inner.TryGetValue(context, span, OnClock(context, target), member, out value);

    public bool TrySetValue(TemplateContext context, SourceSpan span, object target, string member, object? value) => false;

    public bool TryGetItem(TemplateContext context, SourceSpan span, object target, object index, out object? value) =>
        inner.TryGetItem(context, span, OnClock(context, target), index, out value);

    public bool TrySetItem(TemplateContext context, SourceSpan span, object target, object index, object? value) => false;

    /// <summary>The instant as the recipient's clock reads it; a <see cref="DateTime"/> stays a <see cref="DateTime"/> (of that reading).</summary>
    private static object OnClock(TemplateContext context, object target) => target switch
    {
        DateTimeOffset instant => CultureFunctions.OnRecipientsClock(context, instant)!,
        DateTime { Kind: not DateTimeKind.Unspecified } dateTime => ((DateTimeOffset)CultureFunctions.OnRecipientsClock(context, dateTime)!).DateTime,
        _ => target,
    };
}
