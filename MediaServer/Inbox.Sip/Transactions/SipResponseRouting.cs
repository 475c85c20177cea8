using System.Net;
using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Transactions;

/// <summary>Where a server sends the responses to a request (RFC 3261 §18.2.2, RFC 3581 §4).</summary>
internal static class SipResponseRouting
{
    private const int DefaultPort = 5060;

    /// <summary>
    /// Reliable transports answer on the connection the request came in on, and so does a UDP request whose top
    /// Via asks for rport (symmetric response routing). Otherwise the response goes to the source IP (the
    /// <c>received</c> address) and the sent-by port. <c>maddr</c> multicast is not supported.
    /// </summary>
    public static SipEndPoint GetDestination(SipRequest request, SipEndPoint source)
    {
        if (source.IsReliable)
        {
            return source;
        }

        var via = request.TopVia;
        return via.HasRPort
            ? source
            : source with { Address = new IPEndPoint(source.Address.Address, via.Port ?? DefaultPort) };
    }
}
