namespace OneToOne.Composition.Cli.Tests.Docs;

/// <summary>
/// A README's <c>```csharp</c> block, read as a consumer's code. The comment on the line before its fence may say:
/// <list type="bullet">
/// <item><c>&lt;!-- snippet: given: Catalog catalog; Recipient recipient --&gt;</c>: variables the README's prose (or an
/// earlier snippet) made, each a C# parameter; the snippet is compiled with them in scope, so their types are checked too.</item>
/// <item><c>&lt;!-- snippet: web; given: … --&gt;</c>: an ASP.NET Core app (<c>Microsoft.NET.Sdk.Web</c>: its framework and implicit usings).</item>
/// <item><c>&lt;!-- snippet: fragment, WHY --&gt;</c>: not compiled at all, saying why; kept for what cannot be C# on its own.</item>
/// </list>
/// A snippet is compiled with its own <c>using</c> directives and the SDK's implicit usings only, as a reader's file
/// would be: one that names a library type writes the <c>using</c> of its namespace (a <c>given:</c> type may be
/// written with its namespace instead, when the snippet's own code does not need it).
/// </summary>
internal sealed record CSharpSnippet(MarkdownBlock Block, bool Web, IReadOnlyList<string> Given, string? FragmentReason)
{
    public static IReadOnlyList<CSharpSnippet> InReadmes() =>
        [.. MarkdownBlock.ReadmeFiles().SelectMany(MarkdownBlock.Read).Where(static b => b.Language is "csharp" or "cs" or "c#").Select(Of)];

    public static CSharpSnippet Of(MarkdownBlock block)
    {
        var marker = block.Marker;
        if (marker is null)
        {
            return new CSharpSnippet(block, Web: false, [], FragmentReason: null);
        }

        if (marker.StartsWith("fragment", StringComparison.Ordinal))
        {
            var reason = marker["fragment".Length..].TrimStart(',', ' ');
            return reason.Length > 0
                ? new CSharpSnippet(block, Web: false, [], reason)
                : throw new InvalidOperationException($"{block.Location}: '<!-- snippet: fragment -->' must say why the block cannot compile ('fragment, WHY').");
        }

        var web = false;
        if (marker == "web" || marker.StartsWith("web;", StringComparison.Ordinal))
        {
            web = true;
            marker = marker[3..].TrimStart(';', ' ');
        }

        string[] given = [];
        if (marker.StartsWith("given:", StringComparison.Ordinal))
        {
            given = marker["given:".Length..].Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            marker = string.Empty;
        }

        return marker.Length == 0
            ? new CSharpSnippet(block, web, given, FragmentReason: null)
            : throw new InvalidOperationException($"{block.Location}: unknown snippet marker '{block.Marker}': write 'given: TYPE NAME; …', 'web; given: …' or 'fragment, WHY'.");
    }
}
