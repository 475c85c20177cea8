using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Inbox.Sip.Messages;
using Inbox.Sip.Parsing;
using Inbox.Sip.Transport;
using Inbox.Telephony.Legs;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// A scripted agent phone (UAS) on loopback: receives the server's INVITE, answers with its own RTP port in SDP, and
/// sends or answers BYE. Requests and responses are written as text. Also plays a trunk's far end for outbound calls.
/// </summary>
internal sealed class TestPhone : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);
    private readonly Socket _sip = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly byte[] _buffer = new byte[65535];
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private readonly EndPoint _from = new IPEndPoint(IPAddress.Any, 0);

    public TestPhone(string extension)
    {
        Extension = extension;
        _sip.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Rtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public string Extension { get; }

    public Socket Rtp { get; } = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public int RtpPort => ((IPEndPoint)Rtp.LocalEndPoint!).Port;

    public IPEndPoint SipEndPoint => (IPEndPoint)_sip.LocalEndPoint!;

    /// <summary>The server's address, learnt from its INVITE.</summary>
    public IPEndPoint? Server { get; private set; }

    public AgentPhone Registration =>
        new(SipUri.Parse($"sip:{Extension}@{SipEndPoint}"), new SipEndPoint(SipTransportProtocol.Udp, SipEndPoint));

    public string PcmuAnswer => Answer("0 101", "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n");

    public string Answer(string formats, string attributes) =>
        $"v=0\r\no=phone 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {RtpPort} RTP/AVP {formats}\r\n{attributes}";

    /// <summary>The next SIP message, skipping 100 Trying.</summary>
    public async Task<SipMessage> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        while (true)
        {
            var result = await _sip.ReceiveFromAsync(_buffer, SocketFlags.None, _from, timeout.Token);
            if (IsStrayRtp(_buffer.AsSpan(0, result.ReceivedBytes)))
            {
                continue;
            }

            Server = (IPEndPoint)result.RemoteEndPoint;
            var status = SipMessageReader.TryRead(_buffer.AsSpan(0, result.ReceivedBytes), out var message, out var error);
            Assert.True(status == SipParseStatus.Ok, error);
            if (message is not SipResponse { StatusCode: 100 })
            {
                return message!;
            }
        }
    }

    /// <summary>
    /// Whether a datagram is RTP (version 2: its first bits are 10, which begin no SIP message). Test classes run in
    /// parallel, and a late packet of another class's call can reach a port the OS has since given to this socket; a
    /// real phone drops it too.
    /// </summary>
    public static bool IsStrayRtp(ReadOnlySpan<byte> datagram) => !datagram.IsEmpty && (datagram[0] & 0xC0) == 0x80;

    public async Task<SipRequest> ReceiveRequestAsync(string method)
    {
        var request = Assert.IsType<SipRequest>(await ReceiveAsync());
        Assert.Equal(method, request.MethodName);
        return request;
    }

    /// <summary>Answers <paramref name="request"/>, with our To tag and Contact; <paramref name="headers"/> are extra CRLF-ended lines.</summary>
    public Task RespondAsync(SipRequest request, int status, string reason, string body = "", string headers = "")
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"SIP/2.0 {status} {reason}\r\n");
        foreach (var via in request.GetHeaderValues(SipHeaderId.Via))
        {
            text.Append(CultureInfo.InvariantCulture, $"Via: {via}\r\n");
        }

        var to = request.GetHeader(SipHeaderId.To)!;
        text.Append(CultureInfo.InvariantCulture, $"From: {request.GetHeader(SipHeaderId.From)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: {(request.To.Tag is null && status > 100 ? to + ";tag=" + _tag : to)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Call-ID: {request.CallId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"CSeq: {request.GetHeader(SipHeaderId.CSeq)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Contact: <sip:{Extension}@{SipEndPoint}>\r\n")
            .Append(headers)
            .Append(body.Length > 0 ? "Content-Type: application/sdp\r\n" : string.Empty)
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n")
            .Append(body);
        return SendAsync(text.ToString());
    }

    /// <summary>Hangs up the call <paramref name="invite"/> set up: From/To swapped, our tag, a new CSeq.</summary>
    public Task ByeAsync(SipRequest invite, int cseq = 1) => SendAsync(InDialog("BYE", invite, cseq, string.Empty));

    /// <summary>A re-INVITE in the dialog <paramref name="invite"/> set up (hold with a=sendonly, resume with sendrecv).</summary>
    public Task ReinviteAsync(SipRequest invite, int cseq, string sdp) => SendAsync(InDialog("INVITE", invite, cseq, sdp));

    /// <summary>The ACK for the server's 2xx to our re-INVITE, with our answer when the 2xx carried an offer.</summary>
    public Task AckAsync(SipRequest invite, int cseq, string sdp = "") => SendAsync(InDialog("ACK", invite, cseq, sdp));

    /// <summary>A key pressed, as SIP INFO (application/dtmf-relay) in the dialog <paramref name="invite"/> set up.</summary>
    public Task InfoAsync(SipRequest invite, int cseq, char digit) =>
        SendAsync(InDialog("INFO", invite, cseq, $"Signal={digit}\r\nDuration=160\r\n", "application/dtmf-relay"));

    // A request of ours in the dialog the server's INVITE created: From/To swapped, our tag, to its Contact.
    private string InDialog(string method, SipRequest invite, int cseq, string body, string contentType = "application/sdp") =>
        $"{method} {invite.Contacts[0].Uri} SIP/2.0\r\n"
        + $"Via: SIP/2.0/UDP {SipEndPoint};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n"
        + $"From: {invite.GetHeader(SipHeaderId.To)};tag={_tag}\r\n"
        + $"To: {invite.GetHeader(SipHeaderId.From)}\r\n"
        + $"Call-ID: {invite.CallId}\r\n"
        + $"CSeq: {cseq.ToString(CultureInfo.InvariantCulture)} {method}\r\n"
        + $"Contact: <sip:{Extension}@{SipEndPoint}>\r\n"
        + "Max-Forwards: 70\r\n"
        + (body.Length > 0 ? $"Content-Type: {contentType}\r\n" : string.Empty)
        + $"Content-Length: {Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture)}\r\n\r\n"
        + body;

    /// <summary>Transfers the call <paramref name="invite"/> set up (RFC 3515): REFER in its dialog, CSeq 2 unless told.</summary>
    public Task ReferAsync(SipRequest invite, string referTo, string? referredBy = null, int cseq = 2)
    {
        var text = $"REFER {invite.Contacts[0].Uri} SIP/2.0\r\n"
            + $"Via: SIP/2.0/UDP {SipEndPoint};branch=z9hG4bK{Guid.NewGuid():N};rport\r\n"
            + $"From: {invite.GetHeader(SipHeaderId.To)};tag={_tag}\r\n"
            + $"To: {invite.GetHeader(SipHeaderId.From)}\r\n"
            + $"Call-ID: {invite.CallId}\r\n"
            + $"CSeq: {cseq.ToString(CultureInfo.InvariantCulture)} REFER\r\n"
            + "Max-Forwards: 70\r\n"
            + $"Contact: <sip:{Extension}@{SipEndPoint}>\r\n"
            + $"Refer-To: {referTo}\r\n"
            + (referredBy is null ? string.Empty : $"Referred-By: {referredBy}\r\n")
            + "Content-Length: 0\r\n\r\n";
        return SendAsync(text);
    }

    public void Dispose()
    {
        _sip.Dispose();
        Rtp.Dispose();
    }

    private async Task SendAsync(string text) => await _sip.SendToAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, Server!);
}
