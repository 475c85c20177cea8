namespace Inbox.Interactions.Interactions;

/// <summary>Where a transfer goes: one agent, whoever of a campaign's members accepts first, or a number outside.</summary>
internal enum TransferTargetKind
{
    Agent,
    Campaign,

    /// <summary>A call leaving the contact centre: its target id is the number, dialled through the campaign's trunk.</summary>
    External,
}

/// <summary>
/// A transfer in progress: who asked, to whom, until when, who it is offered to now, how (<see cref="Mode"/>), and
/// when the target answered an attended call transfer (the consult: no deadline applies any more).
/// </summary>
internal sealed record PendingTransfer(
    string FromAgentId,
    TransferTargetKind TargetKind,
    string TargetId,
    DateTimeOffset ExpiresAt,
    string? OfferedTo,
    TransferMode Mode = TransferMode.Attended,
    DateTimeOffset? AnsweredAt = null);
