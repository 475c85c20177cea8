using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Transactions;

/// <summary>
/// The transaction user (RFC 3261 §17): what the layer hands up. Calls come on the thread that called
/// <see cref="SipTransactionLayer.OnMessage"/> (or a timer thread for failures) and must not block; a TU that owns
/// per-call executors posts the work to the call's executor.
/// </summary>
internal interface ISipTransactionUser
{
    /// <summary>
    /// A new request (not a retransmission, not an ACK) with the server transaction that answers it. The TU
    /// responds through <see cref="SipServerTransaction.SendResponseAsync"/>. For a CANCEL, the INVITE it targets is
    /// found with <see cref="SipTransactionLayer.FindCancelTarget"/>.
    /// </summary>
    void OnRequest(SipServerTransaction transaction);

    /// <summary>
    /// An ACK that no server transaction absorbed: the ACK for a 2xx (its own transaction, RFC 3261 §17) or a stray
    /// one. The TU matches it to a dialog or drops it.
    /// </summary>
    void OnAck(SipRequest ack, SipEndPoint source);

    /// <summary>
    /// A response matching no client transaction (RFC 3261 §18.1.2, RFC 6026 §7.2): typically a 2xx to an INVITE
    /// after Timer M, which the UAC core ACKs and ends with BYE (§13.2.2.4), or else drops.
    /// </summary>
    void OnStrayResponse(SipResponse response, SipEndPoint source);

    /// <summary>
    /// A server transaction ended in failure the TU did not see as an exception: Timer H fired, or a
    /// retransmission could not be sent. The transaction is already terminated.
    /// </summary>
    void OnServerTransactionFailed(SipServerTransaction transaction, SipTransactionFailure failure, SipTransportException? error);
}
