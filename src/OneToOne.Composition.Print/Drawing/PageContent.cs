namespace OneToOne.Composition.Print.Drawing;

/// <summary>The display list of one laid-out page.</summary>
internal sealed class PageContent
{
    public List<DrawCommand> Commands { get; } = [];
}
