namespace Inbox.Interactions.Agents;

/// <summary>An agent's live state, kept in memory (a restart signs everybody out).</summary>
internal sealed record AgentStatus(
    string AgentId,
    bool SignedIn,
    AgentPresence Presence,
    string? PauseReason,
    bool NotResponding,
    DateTimeOffset IdleSince)
{
    public static AgentStatus Offline(string agentId, DateTimeOffset now) => new(agentId, false, AgentPresence.Unavailable, null, false, now);

    /// <summary>Whether her own choices allow offers (her workload is checked apart).</summary>
    public bool IsReady => SignedIn && Presence == AgentPresence.Available && !NotResponding;
}
