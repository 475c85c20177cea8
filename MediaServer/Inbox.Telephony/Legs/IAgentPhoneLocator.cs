namespace Inbox.Telephony.Legs;

/// <summary>Finds the phones registered for an agent's extensions. The host reads the registrar; tests name phones directly.</summary>
internal interface IAgentPhoneLocator
{
    IReadOnlyList<AgentPhone> Find(IReadOnlyList<string> extensions);
}
