namespace Inbox.Interactions.Events;

/// <summary>An event as one agent's stream carries it: numbered so a reconnecting UI can resume after the last it saw.</summary>
internal sealed record SequencedEvent(ulong Sequence, DateTimeOffset At, InboxEvent Payload);
