using System.Text.Json;

namespace OneToOne.Composition.Batch;

/// <summary>
/// The sinks a run writes to, as a checkpoint records them beside their resume state: that state is one entry per sink,
/// by position, so a resumed run must hand each entry to the sink that saved it. A sink is named by its type and, for the
/// built-in resumable ones, the file or folder it writes; a <see cref="CompositeMessageSink"/> is the sinks it holds, in
/// order (a composite of one sink and that sink alone save the same state). A sink that keeps no state (not
/// <see cref="IResumableSink"/>: <see cref="JsonLinesSink"/>, an embedder's own) is restored with nothing, so another such
/// sink may take its place; its position still counts, as it moves the others'.
/// </summary>
internal static class SinkList
{
    /// <summary>Names the sinks <paramref name="sink"/> writes to, in the order their states are saved.</summary>
    /// <param name="sink">The run's sink.</param>
    /// <returns>One name per sink.</returns>
    public static IReadOnlyList<Entry> Of(IMessageSink sink) => [.. CompositeMessageSink.Leaves([sink]).Select(Name)];

    /// <summary>The names as the checkpoint stores them (a JSON array of strings).</summary>
    /// <param name="names">The names from <see cref="Of"/>.</param>
    /// <returns>The stored text.</returns>
    public static string Save(IReadOnlyList<Entry> names) => JsonSerializer.Serialize(names);

    /// <summary>The names a checkpoint stored with <see cref="Save"/>.</summary>
    /// <param name="saved">The stored text.</param>
    /// <returns>The names, or null when the text is not a list of names.</returns>
    public static IReadOnlyList<Entry>? Load(string saved)
    {
        try
        {
            return JsonSerializer.Deserialize<Entry[]>(saved);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The names for a message: each quoted, in order.</summary>
    /// <param name="names">The names.</param>
    /// <returns>The text.</returns>
    public static string Show(IReadOnlyList<Entry> names) => names.Count == 0 ? "no sinks" : "[" + string.Join(", ", names.Select(static n => n.Name)) + "]";

    /// <summary>Whether a resume writing to <paramref name="now"/> hands each state to the sink that saved it.</summary>
    /// <param name="was">The sinks the checkpoint saved the state of.</param>
    /// <param name="now">The resumed run's sinks.</param>
    /// <returns>True when they are the same sinks in the same order, but for stateless sinks in the place of others.</returns>
    public static bool Match(IReadOnlyList<Entry> was, IReadOnlyList<Entry> now)
    {
        if (was.Count != now.Count)
        {
            return false;
        }

        for (var i = 0; i < was.Count; i++)
        {
            // Two stateless sinks: neither is handed a state, whichever it is.
            if ((was[i].KeepsState || now[i].KeepsState) && !string.Equals(was[i].Name, now[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A sink as a message names it: a built-in file sink with its file or folder, another by what its
    /// <see cref="object.ToString"/> says when it says more than its type (<c>MergedPdfSink '/out/run.pdf'</c>), else by its type's name.
    /// </summary>
    /// <param name="sink">A sink that is no composite.</param>
    /// <returns>The name.</returns>
    public static string Describe(IMessageSink sink) => sink switch
    {
        DirectorySink or RejectsSink => Name(sink).Name,
        _ when sink.ToString() is { Length: > 0 } text && !string.Equals(text, sink.GetType().ToString(), StringComparison.Ordinal) => text,
        _ => sink.GetType().Name,
    };

    private static Entry Name(IMessageSink sink) => sink switch
    {
        DirectorySink directory => new($"{nameof(DirectorySink)} '{directory.FullPath}'", KeepsState: true),
        RejectsSink rejects => new($"{nameof(RejectsSink)} '{rejects.FullPath}'", KeepsState: true),
        _ => new(sink.GetType().FullName ?? sink.GetType().Name, sink is IResumableSink),
    };

    /// <summary>One sink: its name, and whether it keeps a resume state.</summary>
    /// <param name="Name">The sink's type and, for a built-in resumable sink, the file or folder it writes.</param>
    /// <param name="KeepsState">Whether it is restored from a state (<see cref="IResumableSink"/>).</param>
    internal readonly record struct Entry(string Name, bool KeepsState);
}
