namespace Inbox.Sip.Transactions;

/// <summary>The states of the four transaction machines (RFC 3261 §17, RFC 6026 §7).</summary>
internal enum SipTransactionState : byte
{
    /// <summary>Client INVITE: request sent, no response yet.</summary>
    Calling,

    /// <summary>Non-INVITE client and server: request sent or received, no response yet.</summary>
    Trying,

    /// <summary>A provisional response was received (client) or sent (server).</summary>
    Proceeding,

    /// <summary>A final response (non-2xx for INVITE) was received or sent; absorbing retransmissions.</summary>
    Completed,

    /// <summary>INVITE only (RFC 6026): a 2xx was received or sent; 2xx retransmissions belong to the TU.</summary>
    Accepted,

    /// <summary>Server INVITE: the ACK for a non-2xx final response arrived.</summary>
    Confirmed,

    /// <summary>Finished; the transaction is no longer in the layer's table.</summary>
    Terminated,
}
