namespace Inbox.Interactions.Interactions;

/// <summary>How the transferring agent lets go of an interaction.</summary>
internal enum TransferMode
{
    /// <summary>
    /// She keeps it until the target accepts; a call's target is first connected to her (the consult) and she
    /// completes or cancels. Text transfers are always attended.
    /// </summary>
    Attended,

    /// <summary>She is free at once: it no longer counts against her while the target is sought; it comes back to her if nobody accepts.</summary>
    Blind,
}
