using AngleSharp.Css;

namespace OneToOne.Composition.Email.Html;

/// <summary>One declaration competing in the cascade for one element.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Value">The value as written.</param>
/// <param name="IsImportant">Whether it carries <c>!important</c>.</param>
/// <param name="Specificity">The matching selector's specificity, or <see cref="Priority.Inline"/> for the element's own <c>style</c>.</param>
/// <param name="Order">Source order across all style sheets; inline declarations come after every sheet.</param>
internal readonly record struct CssDeclaration(string Name, string Value, bool IsImportant, Priority Specificity, int Order) : IComparable<CssDeclaration>
{
    /// <summary>Compares by cascade precedence: importance, then specificity (inline highest), then source order.</summary>
    /// <param name="other">The other declaration.</param>
    /// <returns>Negative when this one loses to <paramref name="other"/>.</returns>
    public int CompareTo(CssDeclaration other)
    {
        var byImportance = IsImportant.CompareTo(other.IsImportant);
        if (byImportance != 0)
        {
            return byImportance;
        }

        var bySpecificity = Specificity.CompareTo(other.Specificity);
        return bySpecificity != 0 ? bySpecificity : Order.CompareTo(other.Order);
    }
}
