namespace Inbox.Interactions.Interactions;

/// <summary>Who started the interaction: the customer (inbound) or an agent (outbound).</summary>
internal enum InteractionDirection
{
    Inbound,
    Outbound,
}
