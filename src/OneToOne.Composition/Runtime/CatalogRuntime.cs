using System.Collections.Concurrent;
using System.Globalization;
using OneToOne.Composition.Compilation;
using OneToOne.Composition.Diagnostics;
using OneToOne.Composition.Recipients;

namespace OneToOne.Composition.Runtime;

/// <summary>The compiled catalog as the per-recipient path uses it, plus a pool of per-call contexts.</summary>
internal sealed class CatalogRuntime
{
    private readonly ConcurrentBag<RenderContext> _pool = [];
    private readonly ConcurrentDictionary<string, CultureInfo?> _cultures = new(StringComparer.Ordinal);
    private readonly int _poolLimit = Environment.ProcessorCount * 4;

    [ThreadStatic]
    private static RenderContext? t_cached;

    private int _pooled;

    public CatalogRuntime(CompiledCatalogModel model, CompositionOptions options)
    {
        Name = model.Name;
        Options = options;
        DefaultCulture = model.Locale is null ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(model.Locale);
        Segments = model.Segments;
        SegmentList = [.. model.Segments.Values.OrderBy(static s => s.Index)];
        Modules = model.Modules;
        Slots = model.Slots;
        Messages = model.Messages.ToDictionary(static m => m.Id, StringComparer.Ordinal);
        MessageIds = [.. model.Messages.Select(static m => m.Id)];
        ConditionFields = [.. model.Fields.Names];
        Experiments = model.Experiments;
        HasModuleLanguages = Array.Exists(model.Modules, static m => m.Language is not null);
    }

    /// <summary>Gets whether a module gives <c>lang:</c>, so web output marks modules in another language than the document's.</summary>
    public bool HasModuleLanguages { get; }

    /// <summary>Gets the experiments by id.</summary>
    public IReadOnlyDictionary<string, CompiledExperiment> Experiments { get; }

    public string Name { get; }

    /// <summary>Gets or sets the SHA-256 of the catalog's sources (<see cref="Catalog.SourceHash"/>), which every decision's JSON trace names.</summary>
    public string SourceHash { get; set; } = string.Empty;

    public CompositionOptions Options { get; }

    public CultureInfo DefaultCulture { get; }

    public IReadOnlyDictionary<string, CompiledSegment> Segments { get; }

    public CompiledSegment[] SegmentList { get; }

    public CompiledModule[] Modules { get; }

    public IReadOnlyDictionary<string, CompiledSlot> Slots { get; }

    public IReadOnlyDictionary<string, CompiledMessage> Messages { get; }

    public IReadOnlyList<string> MessageIds { get; }

    /// <summary>Gets the recipient fields conditions read, in cache-index order.</summary>
    public string[] ConditionFields { get; }

    /// <summary>
    /// Rents a per-call context: the one this thread returned last when it belongs to this catalog (no lock, no
    /// shared cache line, so threads do not contend), else one from the shared pool, else a new one.
    /// </summary>
    public RenderContext Rent()
    {
        if (t_cached is { } cached && ReferenceEquals(cached.Runtime, this))
        {
            t_cached = null;
            return cached;
        }

        if (_pool.TryTake(out var context))
        {
            Interlocked.Decrement(ref _pooled);
            return context;
        }

        return new RenderContext(this);
    }

    /// <summary>
    /// Returns a context that <see cref="RenderContext.End"/> has reset. It becomes this thread's cached context
    /// (replacing one of another catalog, so a thread keeps at most one context alive), or goes to the shared pool.
    /// </summary>
    public void Return(RenderContext context)
    {
        if (t_cached is null || !ReferenceEquals(t_cached.Runtime, this))
        {
            t_cached = context;
            return;
        }

        // A counter of our own: ConcurrentBag.Count takes every thread's lock.
        if (Interlocked.Increment(ref _pooled) <= _poolLimit)
        {
            _pool.Add(context);
        }
        else
        {
            Interlocked.Decrement(ref _pooled);
        }
    }

    public CompiledMessage GetMessage(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        if (Messages.TryGetValue(messageId, out var message))
        {
            return message;
        }

        throw new ArgumentException(
            $"Catalog '{Name}' has no message '{messageId}'. Its messages are: {string.Join(", ", MessageIds)}.", nameof(messageId));
    }

    /// <summary>The recipient's culture: its <c>locale</c> field when present, else the catalog's default.</summary>
    public CultureInfo ResolveCulture(Recipient recipient, string messageId)
    {
        if (!recipient.TryGetValue("locale", out var locale) || locale is null or string { Length: 0 })
        {
            return DefaultCulture;
        }

        if (locale is CultureInfo given)
        {
            return given;
        }

        if (locale is not string name)
        {
            // A number or true/false is a mistake in the data, not an absent locale: the recipient would get the
            // catalog's language and formats without a word.
            throw new RecipientException(recipient.Id, messageId, null, null,
                $"the recipient's locale is {RenderContext.KindOf(locale)}, not a culture name. Write it as text such as 'en-US' or 'de-DE', or leave the field empty for the catalog default.");
        }

        if (!_cultures.TryGetValue(name, out var culture))
        {
            try
            {
                culture = CultureNames.Get(name);
            }
            catch (CultureNotFoundException)
            {
                culture = null;
            }

            // Bounded, so that a file full of distinct bad locales cannot grow the cache without end.
            if (_cultures.Count < 1024)
            {
                _cultures.TryAdd(name, culture);
            }
        }

        return culture ?? throw new RecipientException(recipient.Id, messageId, null, null,
            $"the recipient's locale '{name}' is not a known culture. Use a culture name such as 'en-US' or 'de-DE', or leave the field empty for the catalog default.");
    }
}
