namespace Inbox.Interactions.Errors;

/// <summary>A refused command, with a message a user can read; nothing was changed.</summary>
internal sealed class InboxException(InboxError error, string message) : Exception(message)
{
    public InboxError Error { get; } = error;

    public static InboxException NotFound(string message) => new(InboxError.NotFound, message);

    public static InboxException Precondition(string message) => new(InboxError.FailedPrecondition, message);

    public static InboxException Invalid(string message) => new(InboxError.InvalidArgument, message);

    public static InboxException Denied(string message) => new(InboxError.PermissionDenied, message);
}
