namespace OneToOne.Composition.Batch;

/// <summary>
/// Hands each record to several sinks in order, such as a merged PDF, then the per-record files, then a rejects file.
/// When one sink refuses a record (<see cref="MessageRejectedException"/>), the sinks after it receive the record
/// rejected; the sinks before it have already taken it, so put the sinks that can refuse first.
/// </summary>
public sealed class CompositeMessageSink : IMessageSink, IResumableSink, IResultBorrower
{
    private readonly IMessageSink[] _sinks;

    /// <summary>Initializes a sink over <paramref name="sinks"/>; disposing it disposes them.</summary>
    /// <param name="sinks">The sinks, in the order they receive each record.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sinks"/> or one of them is null.</exception>
    public CompositeMessageSink(params IMessageSink[] sinks)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        foreach (var sink in sinks)
        {
            ArgumentNullException.ThrowIfNull(sink);
        }

        _sinks = [.. sinks];
    }

    /// <summary>Gets the sinks, in the order they receive each record (and save their resume state).</summary>
    internal IReadOnlyList<IMessageSink> Sinks => _sinks;

    /// <inheritdoc />
    bool IResultBorrower.KeepsNoResults => _sinks.All(static s => s is IResultBorrower { KeepsNoResults: true });

    /// <inheritdoc />
    public async ValueTask WriteAsync(BatchResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.WriteAsync(result, cancellationToken).ConfigureAwait(false);
            }
            catch (MessageRejectedException ex)
            {
                result.Reject(RejectStage.Write, ex.Message);
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var sink in _sinks)
        {
            await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var sink in _sinks)
        {
            await sink.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Disposes every sink, even when one fails to, so that none keeps its files or locks; then throws what failed: the
    /// one exception, or an <see cref="AggregateException"/> of several.
    /// </summary>
    /// <returns>A task that completes when every sink is disposed.</returns>
    public async ValueTask DisposeAsync()
    {
        List<Exception>? failures = null;
        foreach (var sink in _sinks)
        {
            try
            {
                await sink.DisposeAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Caught only to dispose the other sinks too; thrown again below.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                (failures ??= []).Add(ex);
            }
        }

        if (failures is [var only])
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(only);
        }

        if (failures is not null)
        {
            throw new AggregateException("More than one sink failed to dispose.", failures);
        }
    }

    /// <inheritdoc />
    void IResumableSink.Mark()
    {
        foreach (var sink in _sinks)
        {
            (sink as IResumableSink)?.Mark();
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One line per sink, a composite held here counting as the sinks it holds (<see cref="Leaves"/>, the order
    /// <see cref="SinkList"/> records), so that <see cref="IResumableSink.Restore"/> hands each nested sink its own line.
    /// </remarks>
    string IResumableSink.SaveState() =>
        string.Join('\n', Leaves(_sinks).Select(static s => s is IResumableSink resumable ? resumable.SaveState() : string.Empty));

    /// <inheritdoc />
    void IResumableSink.Restore(string? state)
    {
        var states = state?.Split('\n');
        var i = 0;
        foreach (var sink in Leaves(_sinks))
        {
            if (sink is IResumableSink resumable)
            {
                resumable.Restore(states is not null && i < states.Length ? states[i] : null);
            }

            i++;
        }
    }

    /// <summary>The sinks, each composite among them replaced by the sinks it holds, in order, as deep as they nest.</summary>
    /// <param name="sinks">The sinks.</param>
    /// <returns>The sinks that are no composite, in the order their states are saved.</returns>
    internal static IEnumerable<IMessageSink> Leaves(IEnumerable<IMessageSink> sinks) =>
        sinks.SelectMany(static s => s is CompositeMessageSink composite ? Leaves(composite._sinks) : [s]);

    /// <inheritdoc />
    void IResumableSink.SyncToDisk()
    {
        foreach (var sink in _sinks)
        {
            (sink as IResumableSink)?.SyncToDisk();
        }
    }
}
