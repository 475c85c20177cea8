using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Stack;

/// <summary>
/// Serves INVITE and the requests that belong to its transaction but arrive outside it: the ACK for a 2xx (RFC 3261
/// §13.3.1.4) and CANCEL (§9.2). Every method runs on the executor that owns the request's Call-ID.
/// </summary>
internal interface ISipInviteHandler : ISipRequestHandler
{
    /// <summary>
    /// Called once by the stack it is registered with, before any request arrives: the executors to come back to
    /// after an await, and the client side for requests the handler sends itself.
    /// </summary>
    void Bind(ISipCallExecutor executor, ISipClient client);

    /// <summary>An ACK that no INVITE server transaction absorbed: the ACK for our 2xx, or a stray one.</summary>
    void OnAck(SipRequest ack, SipEndPoint source);

    /// <summary>
    /// A CANCEL matched <paramref name="invite"/>, and the stack has answered it 200. The handler ends the INVITE with
    /// 487 (Request Terminated) if it has not sent a final response yet.
    /// </summary>
    void OnCancel(SipServerTransaction invite);
}
