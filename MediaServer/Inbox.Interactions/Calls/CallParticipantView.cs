namespace Inbox.Interactions.Calls;

/// <summary>
/// One party of a conference call as the agent's UI draws it: the customer, the owning agent, and each agent or
/// number she added (ringing until answered). <see cref="Id"/> is what RemoveParticipant takes.
/// </summary>
internal sealed record CallParticipantView(string Id, ParticipantKind Kind, string Display, string? AgentId, ParticipantState State, bool Muted)
{
    /// <summary>The latest score of what the server receives from the participant's leg; null until it has been scored.</summary>
    public LegQuality? Quality { get; init; }
}

/// <summary>Who a conference participant is.</summary>
internal enum ParticipantKind
{
    Customer,
    Agent,

    /// <summary>A number outside, dialled through the campaign's trunk.</summary>
    External,
}

/// <summary>Where a conference participant is.</summary>
internal enum ParticipantState
{
    /// <summary>Her phone (or the number) rings; she hears nothing of the call yet.</summary>
    Ringing,

    /// <summary>Answered and mixed: she hears everybody else.</summary>
    Connected,
}
