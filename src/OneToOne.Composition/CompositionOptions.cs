using OneToOne.Composition.Diagnostics;

namespace OneToOne.Composition;

/// <summary>Settings for loading and running catalogs. Immutable; vary with <c>with</c>.</summary>
public sealed record CompositionOptions
{
    /// <summary>
    /// Gets the default options. Each call gives an instance of its own, with limits of its own (read it once, not per
    /// message): the configuration binder sets init-only properties through reflection, and
    /// <c>configuration.Bind(CompositionOptions.Default)</c> rewrote one shared instance for every loader in the process.
    /// </summary>
    public static CompositionOptions Default => new();

    /// <summary>Initializes options equal to <see cref="Default"/>, with limits of their own.</summary>
    public CompositionOptions()
    {
    }

    // 'with' copies the limits too. The configuration binder binds into the instance a property holds, through its init
    // setters: options made with 'shared with { … }' and then bound would otherwise rewrite the limits of 'shared' (an
    // application's own options, kept in a field) too. Every property is copied here: a new one must be added (the tests
    // list them).
    private CompositionOptions(CompositionOptions original)
    {
        Limits = original.Limits with { };
        TimeProvider = original.TimeProvider;
        MeterFactory = original.MeterFactory;
        ScoreProvider = original.ScoreProvider;
        ContactHistory = original.ContactHistory;
        AllowDrafts = original.AllowDrafts;
        ConfineToCatalogFolder = original.ConfineToCatalogFolder;
        UseCompiledPaths = original.UseCompiledPaths;
    }

    // Each instance its own (equal to RenderLimits.Default): the configuration binder (Get<CompositionOptions>()) binds into
    // the instance a property holds, through its init setters, and would rewrite a shared RenderLimits.Default for all.
    /// <summary>Gets the safety limits for templates and conditions.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public RenderLimits Limits { get; init => field = value ?? throw new ArgumentNullException(nameof(Limits), "CompositionOptions.Limits cannot be null; leave it out for RenderLimits.Default."); } = new();

    /// <summary>
    /// Gets the clock: a decision's "now" (effective dates, frequency caps' windows), the analysis's "now", and the
    /// time budgets of templates and conditions. Inject a fake one in tests, or to decide as of another day.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public TimeProvider TimeProvider { get; init => field = value ?? throw new ArgumentNullException(nameof(TimeProvider), "CompositionOptions.TimeProvider cannot be null; leave it out for TimeProvider.System."); } = TimeProvider.System;

    /// <summary>
    /// Gets whether the compiled hot paths are used: conditions compiled to our own evaluation tree, and Markdown
    /// templates without control flow precompiled to output with holes. Tests turn it off to compare both
    /// against Scriban's interpreter and Markdig on every render (the general path).
    /// </summary>
    internal bool UseCompiledPaths { get; init; } = true;

    /// <summary>
    /// Gets the factory of the meter a catalog's metrics go to (<see cref="CompositionTelemetry.MeterName"/>), or null for a
    /// meter of the process's own. <c>AddOneToOneComposition</c> sets the container's <see cref="System.Diagnostics.Metrics.IMeterFactory"/>
    /// when it has one (a host's does). Either way nothing is measured while nothing listens.
    /// </summary>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; init; }

    /// <summary>Gets the model that supplies scores for <c>pick: best</c> at decide time, or null to use only the modules' <c>score:</c> expressions.</summary>
    public IScoreProvider? ScoreProvider { get; init; }

    /// <summary>
    /// Gets the contact history frequency caps are judged against (at <see cref="TimeProvider"/>'s now), or null. A catalog
    /// with caps cannot decide without one: caps are never skipped silently.
    /// </summary>
    public Contacts.IContactHistory? ContactHistory { get; init; }

    /// <summary>
    /// Gets whether modules and messages with <c>status: draft</c> may be decided. Off by default, so a production run
    /// refuses drafts: deciding a draft message, or choosing a draft module, fails that recipient with a
    /// <see cref="RecipientException"/>. Proofs and previews turn it on (the CLI's <c>--allow-drafts</c>).
    /// </summary>
    public bool AllowDrafts { get; init; }

    /// <summary>
    /// Gets whether every file a catalog loaded from a folder reads must lie inside that folder once symbolic links are
    /// followed: its <c>*.yaml</c> files, and the font files its <c>print: fonts:</c> name (images always must). Off by
    /// default, since a catalog may link in files kept elsewhere on purpose (shared legal modules, the system's fonts).
    /// Turn it on where the folder comes from someone else, such as a service that loads the folders its tenants upload:
    /// a link to another tenant's catalog or to any file on the server is then refused unread, and a font path outside the
    /// folder is refused before it is looked at, with one message, so an error tells nothing of files outside. The folder
    /// is the one loaded, or the named file's folder. The CLI's <c>--confine-to-catalog-folder</c>.
    /// </summary>
    public bool ConfineToCatalogFolder { get; init; }
}
