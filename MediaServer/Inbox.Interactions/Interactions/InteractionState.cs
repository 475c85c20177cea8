namespace Inbox.Interactions.Interactions;

/// <summary>
/// Where an interaction is in its life: pending → offered → active ⇄ transfer pending → finalized → closed.
/// Offered goes back to pending on reject or timeout.
/// </summary>
internal enum InteractionState
{
    Pending,
    Offered,
    Active,
    TransferPending,
    Finalized,
    Closed,
}
