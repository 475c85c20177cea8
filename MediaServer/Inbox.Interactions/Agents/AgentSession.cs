namespace Inbox.Interactions.Agents;

/// <summary>A signed-in agent's API session; the token is what her UI sends as a bearer credential.</summary>
internal sealed record AgentSession(string Id, string AgentId, string Token, DateTimeOffset StartedAt);
