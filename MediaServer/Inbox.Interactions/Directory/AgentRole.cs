namespace Inbox.Interactions.Directory;

/// <summary>What an API caller may see: her own work, or everybody's.</summary>
internal enum AgentRole
{
    Agent,
    Supervisor,
    Admin,
}
