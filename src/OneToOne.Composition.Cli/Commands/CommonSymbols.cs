using System.CommandLine;

namespace OneToOne.Composition.Cli.Commands;

/// <summary>The arguments and options several commands share, so they read and document the same everywhere.</summary>
internal static class CommonSymbols
{
    /// <summary>Creates the <c>CATALOG</c> argument: a <c>.yaml</c> file or a folder of them.</summary>
    /// <returns>The argument.</returns>
    public static Argument<string> Catalog() => new("CATALOG")
    {
        Description = "The catalog: a .yaml file, or a folder whose *.yaml files together form the catalog.",
    };

    /// <summary>Creates the required <c>--message</c> option.</summary>
    /// <returns>The option.</returns>
    public static Option<string> Message() => new("--message", "-m")
    {
        Description = "The id of the message to decide and render.",
        HelpName = "ID",
        Required = true,
    };

    /// <summary>Creates the <c>--id-field</c> option, <c>id</c> by default.</summary>
    /// <returns>The option.</returns>
    public static Option<string> IdField() => new("--id-field")
    {
        Description = "The recipient field that holds the recipient's id.",
        HelpName = "FIELD",
        DefaultValueFactory = static _ => "id",
    };
}
