namespace Inbox.Interactions.Agents;

/// <summary>What the agent chooses.</summary>
internal enum AgentPresence
{
    Unavailable,
    Available,
    Paused,
}
