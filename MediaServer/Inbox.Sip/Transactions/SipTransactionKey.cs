using System.Globalization;
using Inbox.Sip.Messages;

namespace Inbox.Sip.Transactions;

/// <summary>
/// What identifies a transaction in the layer's table. Server transactions are keyed by top Via branch, sent-by
/// and method (RFC 3261 §17.2.3), client transactions by branch and CSeq method (§17.1.3), with an empty sent-by.
/// </summary>
internal readonly record struct SipTransactionKey(string Branch, string SentBy, string Method)
{
    private const string InviteMethod = "INVITE";

    /// <summary>The server transaction a request belongs to; an ACK maps to its INVITE's transaction.</summary>
    /// <exception cref="SipFormatException">The request lacks a Via, CSeq or Call-ID the key needs.</exception>
    public static SipTransactionKey ForServer(SipRequest request) =>
        ForServer(request, request.Method == SipMethod.Ack ? InviteMethod : request.MethodName);

    /// <summary>The INVITE server transaction a CANCEL targets: same key with the method INVITE (RFC 3261 §9.2).</summary>
    public static SipTransactionKey ForCancelTarget(SipRequest cancel) => ForServer(cancel, InviteMethod);

    /// <summary>The client transaction a request starts or a response answers.</summary>
    public static SipTransactionKey ForClient(SipMessage message) =>
        new(message.TopVia.Branch ?? string.Empty, string.Empty, message.CSeq.MethodName);

    private static SipTransactionKey ForServer(SipRequest request, string method)
    {
        var via = request.TopVia;
        var sentBy = string.Concat(via.Host.ToLowerInvariant(), ":", (via.Port ?? DefaultPort(via.Transport)).ToString(CultureInfo.InvariantCulture));
        var branch = via.Branch;
        if (!SipBranch.IsRfc3261(branch))
        {
            // RFC 3261 §17.2.3: an RFC 2543 element's branch is not unique, so the key falls back to the dialog and
            // sequence fields that the INVITE, its retransmissions, its ACK and its CANCEL share. The To tag is left
            // out because the INVITE has none and its ACK does.
            branch = string.Join('|', "2543", request.CallId, request.From.Tag, request.CSeq.Number.ToString(CultureInfo.InvariantCulture), request.RequestUriText);
        }

        return new SipTransactionKey(branch, sentBy, method);
    }

    private static int DefaultPort(string transport) => transport is "TLS" or "WSS" ? 5061 : 5060;
}
