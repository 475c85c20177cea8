namespace Inbox.Sip.Transactions;

/// <summary>Why a server transaction ended without completing normally.</summary>
internal enum SipTransactionFailure : byte
{
    /// <summary>Timer H fired: the ACK for a non-2xx final response never arrived (RFC 3261 §17.2.1).</summary>
    Timeout,

    /// <summary>The transport could not send a response (RFC 3261 §17.2.4).</summary>
    TransportError,
}
