namespace Inbox.Interactions.Chats;

/// <summary>Internal chats: between two agents, or an agent with her campaign's team.</summary>
internal enum ChatKind
{
    AgentToAgent,
    AgentToCampaign,
}
