namespace OneToOne.Composition.Cli;

/// <summary>The exit codes of <c>onetoone</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked: the catalog is valid, every record was rendered or suppressed.</summary>
    public const int Success = 0;

    /// <summary>Nothing useful could be done: the catalog has errors, or the arguments are wrong.</summary>
    public const int Failure = 1;

    /// <summary>The run completed, but at least one recipient was rejected.</summary>
    public const int Rejected = 2;
}
