namespace Inbox.Interactions.Errors;

/// <summary>Why a command was refused; the API maps each to its status code.</summary>
internal enum InboxError
{
    /// <summary>The request itself is wrong (missing field, bad address, attachment not allowed).</summary>
    InvalidArgument,

    /// <summary>No such interaction, agent, campaign, chat or template (or not one the caller may see).</summary>
    NotFound,

    /// <summary>Allowed in general, not in the current state (illegal transition, agent in pause, window closed).</summary>
    FailedPrecondition,

    /// <summary>The caller may not act on it: another agent's interaction, a campaign she is not in.</summary>
    PermissionDenied,

    /// <summary>A limit was reached (concurrency, sizes).</summary>
    ResourceExhausted,

    /// <summary>The channel that would carry it is not available.</summary>
    Unavailable,
}
