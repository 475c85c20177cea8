using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Stack;

/// <summary>
/// The user agent client side of the stack, for call control that sends requests of its own (an INVITE to an agent's
/// phone, CANCEL, BYE, the ACK for a 2xx). Responses come back on the executor that owns the request's Call-ID.
/// </summary>
internal interface ISipClient
{
    /// <summary>Where the server listens: the sent-by of our Via and the host of our Contact.</summary>
    IReadOnlyList<SipEndPoint> LocalEndPoints { get; }

    /// <summary>Starts a client transaction (see <see cref="SipTransactionLayer.SendRequest"/>).</summary>
    SipClientTransaction SendRequest(SipRequest request, SipEndPoint destination, Action<SipClientTransaction, SipResponse>? onResponse = null);

    /// <summary>Sends outside any transaction: the ACK for a 2xx (RFC 3261 §13.2.2.4).</summary>
    ValueTask SendStatelessAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken = default);
}
