using System.Globalization;
using Inbox.Sip.Messages;

namespace Inbox.Sip.Transactions;

/// <summary>The ACK a client INVITE transaction sends for a non-2xx final response (RFC 3261 §17.1.1.3).</summary>
internal static class SipAckFactory
{
    private const int MaxForwards = 70;

    /// <summary>
    /// Request-URI, Call-ID, From and Route from the INVITE; To (with its tag) from the response; one Via, the
    /// INVITE's top Via; CSeq with the INVITE's number and the method ACK; no body.
    /// </summary>
    public static SipRequest ForNonSuccess(SipRequest invite, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(response);
        return SipMessageBuilder.Request(SipMethod.Ack, invite.RequestUriText)
            .Header(SipHeaderId.Via, invite.TopVia.ToString())
            .Header(SipHeaderId.MaxForwards, MaxForwards)
            .CopyHeaders(invite, SipHeaderId.Route)
            .CopyHeaders(invite, SipHeaderId.From)
            .CopyHeaders(response, SipHeaderId.To)
            .CopyHeaders(invite, SipHeaderId.CallId)
            .Header(SipHeaderId.CSeq, string.Create(CultureInfo.InvariantCulture, $"{invite.CSeq.Number} ACK"))
            .BuildRequest();
    }
}
