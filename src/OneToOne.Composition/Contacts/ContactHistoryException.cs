namespace OneToOne.Composition.Contacts;

/// <summary>
/// Thrown when a contact history cannot be opened, read or written (locked, read-only, corrupt). Caps are never
/// skipped silently: a run that cannot read its history must stop before anything is rendered.
/// </summary>
public sealed class ContactHistoryException : Exception
{
    /// <summary>Initializes the exception.</summary>
    public ContactHistoryException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    public ContactHistoryException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public ContactHistoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
