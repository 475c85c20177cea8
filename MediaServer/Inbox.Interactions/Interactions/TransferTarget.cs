namespace Inbox.Interactions.Interactions;

/// <summary>Where a transfer goes: one agent, or whoever of a campaign's members accepts first.</summary>
internal enum TransferTargetKind
{
    Agent,
    Campaign,
}

/// <summary>A transfer in progress: who asked, to whom, until when, and who it is offered to now.</summary>
internal sealed record PendingTransfer(
    string FromAgentId,
    TransferTargetKind TargetKind,
    string TargetId,
    DateTimeOffset ExpiresAt,
    string? OfferedTo);
