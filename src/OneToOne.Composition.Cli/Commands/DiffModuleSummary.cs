using System.Globalization;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>
/// The diff's count per message and module: how many recipients gain it, lose it, or keep it with other text. An
/// approver signs off "module 'hero-spring': +1,204 recipients gain it, -310 lose it, text changed for 5,002" instead of
/// reading a line per recipient.
/// </summary>
internal sealed class DiffModuleSummary
{
    private readonly IReadOnlyList<string> _messages;
    private readonly Dictionary<(string Message, string Module), Counts> _counts = [];

    /// <summary>Initializes an empty summary.</summary>
    /// <param name="messages">The messages compared, in the order the summary lists them.</param>
    public DiffModuleSummary(IReadOnlyList<string> messages) => _messages = messages;

    /// <summary>Adds one recipient's change of one message.</summary>
    public void Add(MessageChange change)
    {
        foreach (var module in change.Gained)
        {
            Of(change.Message, module).Gained++;
        }

        foreach (var module in change.Lost)
        {
            Of(change.Message, module).Lost++;
        }

        foreach (var module in change.TextChanged)
        {
            Of(change.Message, module).TextChanged++;
        }
    }

    /// <summary>The modules with a change, by message (in the order compared), then module id (ordinal).</summary>
    public IEnumerable<(string Message, string Module, int Gained, int Lost, int TextChanged)> Rows()
    {
        foreach (var message in _messages)
        {
            foreach (var ((m, module), counts) in _counts.Where(c => c.Key.Message == message).OrderBy(static c => c.Key.Module, StringComparer.Ordinal))
            {
                yield return (m, module, counts.Gained, counts.Lost, counts.TextChanged);
            }
        }
    }

    /// <summary>
    /// One line per row: <c>module 'gold': +1 recipient gains it, -2 lose it, text changed for 0</c>; with more than one
    /// message compared, the message follows the module (<c>module 'gold' (message 'm'): …</c>).
    /// </summary>
    public IEnumerable<string> Lines()
    {
        foreach (var (message, module, gained, lost, textChanged) in Rows())
        {
            var where = _messages.Count == 1 ? $"module '{module}'" : $"module '{module}' (message '{message}')";
            yield return OneLineText.Escape(string.Create(CultureInfo.InvariantCulture,
                $"{where}: +{gained:N0} {(gained == 1 ? "recipient gains" : "recipients gain")} it, -{lost:N0} {(lost == 1 ? "loses" : "lose")} it, text changed for {textChanged:N0}"));
        }
    }

    private Counts Of(string message, string module)
    {
        if (!_counts.TryGetValue((message, module), out var counts))
        {
            _counts[(message, module)] = counts = new Counts();
        }

        return counts;
    }

    private sealed class Counts
    {
        public int Gained { get; set; }

        public int Lost { get; set; }

        public int TextChanged { get; set; }
    }
}
