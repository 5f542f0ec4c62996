using System.Collections;
using System.Globalization;

namespace OneToOne.Composition.Runtime;

/// <summary>
/// A lower bound on the length of a list or object written out, counted before it is written and only until a limit:
/// a value that holds one list several times (<c>x = [x, x, x, x, x, x, x, x, x, x]</c> nine times, a billion items from
/// ten references) is far longer written than held, and writing it first would take minutes and gigabytes. The count
/// stops at the limit, inside a list as between them, so it takes time in proportion to the limit (or to the longest
/// list the value holds), whatever the value.
/// </summary>
internal static class WrittenSize
{
    /// <summary>At least how many characters <paramref name="value"/> has as JSON, counted up to <paramref name="limit"/>.</summary>
    public static long AsJson(object? value, long limit) => AtLeast(value, limit, json: true);

    /// <summary>At least how many characters <paramref name="value"/> has as Scriban writes it as text (<c>[a, b]</c>), counted up to <paramref name="limit"/>.</summary>
    public static long AsText(object? value, long limit) => AtLeast(value, limit, json: false);

    private static long AtLeast(object? value, long limit, bool json)
    {
        // JSON: brackets, quotes, separators and each value's text. Text: brackets, separators, keys and strings only.
        var length = 0L;
        var pending = new Stack<object?>();
        pending.Push(value);
        while (pending.Count > 0 && length < limit)
        {
            switch (pending.Pop())
            {
                case null:
                    length += json ? 4 : 0;
                    break;
                case string text:
                    length += text.Length + (json ? 2 : 0);
                    break;
                case IDictionary<string, object> members:
                    length += 2;
                    foreach (var (key, member) in members)
                    {
                        length += key.Length + (json ? 4 : 1);
                        pending.Push(member);
                        if (length >= limit)
                        {
                            break;
                        }
                    }

                    break;
                case IDictionary dictionary:
                    length += 2;
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        length += (Convert.ToString(entry.Key, CultureInfo.InvariantCulture)?.Length ?? 0) + (json ? 4 : 1);
                        pending.Push(entry.Value);
                        if (length >= limit)
                        {
                            break;
                        }
                    }

                    break;
                case IEnumerable items:
                    length += 2;
                    var first = true;
                    foreach (var item in items)
                    {
                        // A separator before each item but the first (JSON's count of one per item is still a lower bound: its items are never empty).
                        length += json || !first ? 1 : 0;
                        first = false;
                        pending.Push(item);
                        if (length >= limit)
                        {
                            break;
                        }
                    }

                    break;
                case var other:
                    length += json ? Math.Max(1, Convert.ToString(other, CultureInfo.InvariantCulture)?.Length ?? 1) : 0;
                    break;
            }
        }

        return length;
    }
}
