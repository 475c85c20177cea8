using System.Text;
using Inbox.Sip.Messages;
using Inbox.Sip.Parsing;

namespace Inbox.Sip.Tests.Transactions;

internal static class SipTestMessages
{
    public static SipMessage Parse(string text)
    {
        var status = SipMessageReader.TryRead(Encoding.UTF8.GetBytes(text), out var message, out var error);
        return status == SipParseStatus.Ok && message is not null ? message : throw new InvalidOperationException(error);
    }

    public static SipRequest Request(
        string method = "INVITE", string branch = "z9hG4bK74bf9", string transport = "UDP", string extraHeaders = "",
        long cseq = 314159, string toTag = "", string viaExtra = "", string viaHost = "pc33.atlanta.example.com") =>
        (SipRequest)Parse(
            $"{method} sip:bob@biloxi.example.com SIP/2.0\r\n" +
            $"Via: SIP/2.0/{transport} {viaHost};branch={branch}{viaExtra}\r\n" +
            "Max-Forwards: 70\r\n" +
            $"To: Bob <sip:bob@biloxi.example.com>{(toTag.Length > 0 ? ";tag=" + toTag : string.Empty)}\r\n" +
            "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n" +
            "Call-ID: a84b4c76e66710@pc33.atlanta.example.com\r\n" +
            $"CSeq: {cseq} {method}\r\n" +
            "Contact: <sip:alice@pc33.atlanta.example.com>\r\n" +
            extraHeaders +
            "Content-Length: 0\r\n\r\n");

    public static SipResponse Response(SipRequest request, int statusCode, string? toTag = "a6c85cf") =>
        SipResponseFactory.Create(request, statusCode, toTag: statusCode == 100 ? null : toTag);

    /// <summary>The ACK a UAC sends for a non-2xx final: same branch and CSeq number, To tag of the response.</summary>
    public static SipRequest AckFor(SipRequest invite, string toTag = "a6c85cf", string? branch = null) =>
        Request("ACK", branch ?? invite.TopVia.Branch!, invite.TopVia.Transport, cseq: invite.CSeq.Number, toTag: toTag);
}
