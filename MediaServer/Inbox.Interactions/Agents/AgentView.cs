using Inbox.Interactions.Directory;

namespace Inbox.Interactions.Agents;

/// <summary>An agent as her team sees her: who she is and what she is doing now.</summary>
internal sealed record AgentView(Agent Agent, AgentStatus Status, AgentActivity Activity, int InHand, DateTimeOffset? WrapUpUntil);
