using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Inbox.Sip.Messages;
using Inbox.Sip.Parsing;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// A scripted caller on loopback: a UDP SIP socket that writes requests as text and parses what comes back, and a UDP
/// RTP socket whose port its SDP offers.
/// </summary>
internal sealed class TestCaller : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);
    private readonly Socket _sip = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly IPEndPoint _server;
    private readonly byte[] _buffer = new byte[65535];
    private readonly string _callId = Guid.NewGuid().ToString("N");
    private readonly string _tag = Guid.NewGuid().ToString("N")[..8];
    private readonly string _user;
    private string _inviteBranch = "z9hG4bK" + Guid.NewGuid().ToString("N");
    private int _inviteCSeq = 1;

    /// <param name="user">Who calls: a customer's number, or an agent's extension when her phone places a call.</param>
    public TestCaller(IPEndPoint server, string user = "+15550100")
    {
        _server = server;
        _user = user;
        _sip.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Rtp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
    }

    public Socket Rtp { get; } = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public int RtpPort => ((IPEndPoint)Rtp.LocalEndPoint!).Port;

    private string Local => ((IPEndPoint)_sip.LocalEndPoint!).ToString();

    public string CallId => _callId;

    /// <summary>Our From tag: the dialog's local tag as the caller holds it.</summary>
    public string LocalTag => _tag;

    /// <summary>The To tag of the server's answer, once a response carried one.</summary>
    public string? RemoteTag { get; private set; }

    /// <summary>The Request-URI of our requests to <paramref name="number"/>, as a phone copies it into its credentials.</summary>
    public string RequestUri(string number) => $"sip:{number}@{_server}";

    public string PcmuOffer => Offer("0 101", "a=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n");

    public string Offer(string formats, string attributes) =>
        $"v=0\r\no=caller 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio {RtpPort} RTP/AVP {formats}\r\n{attributes}";

    public Task InviteAsync(string number, string sdp, string headers = "") =>
        SendAsync(Request("INVITE", number, _inviteCSeq, _inviteBranch, toTag: null, headers + "Content-Type: application/sdp\r\n", sdp));

    /// <summary>The INVITE again after a 407, as a new transaction (CSeq 2) carrying <paramref name="credentials"/> (RFC 3261 §22.3).</summary>
    public Task InviteWithCredentialsAsync(string number, string sdp, string credentials)
    {
        _inviteBranch = NewBranch();
        _inviteCSeq = 2;
        return InviteAsync(number, sdp, $"Proxy-Authorization: {credentials}\r\n");
    }

    public Task AckAsync(string number, int cseq = 1, string sdp = "") =>
        SendAsync(Request("ACK", number, cseq, NewBranch(), RemoteTag, Body(sdp), sdp));

    /// <summary>A re-INVITE in her dialog; an empty <paramref name="sdp"/> asks for the server's offer.</summary>
    public Task ReinviteAsync(string number, int cseq, string sdp, string headers = "") =>
        SendAsync(Request("INVITE", number, cseq, NewBranch(), RemoteTag, headers + Body(sdp), sdp));

    /// <summary>The ACK for a final refusal (a challenge), in its INVITE's transaction (RFC 3261 §17.1.1.3).</summary>
    public Task AckRefusalAsync(string number, SipResponse refusal) =>
        SendAsync(Request("ACK", number, _inviteCSeq, _inviteBranch, refusal.To.Tag, string.Empty, string.Empty));

    public Task CancelAsync(string number) => SendAsync(Request("CANCEL", number, _inviteCSeq, _inviteBranch, toTag: null, string.Empty, string.Empty));

    /// <summary>An INFO in the dialog (after the INVITE's CSeq 1, so from 2 up).</summary>
    public Task InfoAsync(string number, int cseq, string contentType, string body) =>
        SendAsync(Request("INFO", number, cseq, NewBranch(), RemoteTag, $"Content-Type: {contentType}\r\n", body));

    /// <summary>A REFER in the dialog (RFC 3515), as a phone transferring its call would send it.</summary>
    public Task ReferAsync(string number, int cseq, string referTo) =>
        SendAsync(Request("REFER", number, cseq, NewBranch(), RemoteTag, $"Refer-To: {referTo}\r\n", string.Empty));

    public Task ByeAsync(string number, int cseq = 2) =>
        SendAsync(Request("BYE", number, cseq, NewBranch(), RemoteTag, string.Empty, string.Empty));

    /// <summary>The next response, skipping 100 Trying.</summary>
    public async Task<SipResponse> ReceiveAsync()
    {
        while (true)
        {
            var response = Assert.IsType<SipResponse>(await ReceiveMessageAsync());
            // The dialog's tag is the 2xx's: a challenge before it carries a tag of its own.
            RemoteTag = response.IsSuccess ? response.To.Tag : RemoteTag ?? response.To.Tag;
            if (response.StatusCode != 100)
            {
                return response;
            }
        }
    }

    /// <summary>The next request from the server (its BYE), answered 200.</summary>
    public async Task<SipRequest> ReceiveRequestAndOkAsync()
    {
        var request = await ReceiveRequestAsync();
        await RespondAsync(request, 200, "OK");
        return request;
    }

    /// <summary>The next request from the server (a BYE, or a re-INVITE refreshing the session), unanswered.</summary>
    public async Task<SipRequest> ReceiveRequestAsync() => Assert.IsType<SipRequest>(await ReceiveMessageAsync());

    // The next SIP message, past stray RTP (see TestPhone.IsStrayRtp); within the timeout, or the test fails.
    private async Task<SipMessage> ReceiveMessageAsync()
    {
        using var timeout = new CancellationTokenSource(s_timeout);
        while (true)
        {
            var length = await _sip.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
            if (!TestPhone.IsStrayRtp(_buffer.AsSpan(0, length)))
            {
                var status = SipMessageReader.TryRead(_buffer.AsSpan(0, length), out var message, out var error);
                Assert.True(status == SipParseStatus.Ok, error);
                return message!;
            }
        }
    }

    public async Task RespondAsync(SipRequest request, int status, string reason, string sdp = "", string headers = "")
    {
        var via = string.Join("\r\n", request.GetHeaderValues(SipHeaderId.Via).Select(v => "Via: " + v));
        await SendAsync($"SIP/2.0 {status} {reason}\r\n{via}\r\nFrom: {request.GetHeader(SipHeaderId.From)}\r\nTo: {request.GetHeader(SipHeaderId.To)}\r\n"
            + $"Call-ID: {request.CallId}\r\nCSeq: {request.GetHeader(SipHeaderId.CSeq)}\r\nContact: <sip:+15550100@{Local}>\r\n{headers}{Body(sdp)}"
            + $"Content-Length: {Encoding.UTF8.GetByteCount(sdp).ToString(CultureInfo.InvariantCulture)}\r\n\r\n{sdp}");
    }

    /// <summary>Sends an ACK for the server's 2xx to its own re-INVITE, as the dialog's UAS.</summary>
    public Task AckServerAsync(SipRequest invite) =>
        SendAsync($"ACK {invite.Contacts[0].Uri} SIP/2.0\r\nVia: SIP/2.0/UDP {Local};branch={NewBranch()};rport\r\n"
            + $"From: {invite.GetHeader(SipHeaderId.To)}\r\nTo: {invite.GetHeader(SipHeaderId.From)}\r\nCall-ID: {invite.CallId}\r\n"
            + $"CSeq: {invite.CSeq.Number.ToString(CultureInfo.InvariantCulture)} ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n");

    /// <summary>Counts RTP packets for <paramref name="duration"/>, returning their payload types.</summary>
    public async Task<List<int>> ReceiveRtpAsync(TimeSpan duration)
    {
        var payloadTypes = new List<int>();
        var buffer = new byte[2048];
        using var stop = new CancellationTokenSource(duration);
        try
        {
            while (true)
            {
                var length = await Rtp.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                if (length >= 12)
                {
                    payloadTypes.Add(buffer[1] & 0x7F);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return payloadTypes;
        }
    }

    public void Dispose()
    {
        _sip.Dispose();
        Rtp.Dispose();
    }

    private static string NewBranch() => "z9hG4bK" + Guid.NewGuid().ToString("N");

    private static string Body(string sdp) => sdp.Length > 0 ? "Content-Type: application/sdp\r\n" : string.Empty;

    private string Request(string method, string number, int cseq, string branch, string? toTag, string headers, string body)
    {
        var to = toTag is null ? $"<sip:{number}@{_server}>" : $"<sip:{number}@{_server}>;tag={toTag}";
        return $"{method} {RequestUri(number)} SIP/2.0\r\n"
            + $"Via: SIP/2.0/UDP {Local};branch={branch};rport\r\n"
            + $"From: \"Ada Caller\" <sip:{_user}@{Local}>;tag={_tag}\r\n"
            + $"To: {to}\r\n"
            + $"Call-ID: {_callId}\r\n"
            + $"CSeq: {cseq} {method}\r\n"
            + $"Contact: <sip:{_user}@{Local}>\r\n"
            + "Max-Forwards: 70\r\n"
            + headers
            + $"Content-Length: {Encoding.UTF8.GetByteCount(body).ToString(CultureInfo.InvariantCulture)}\r\n\r\n"
            + body;
    }

    private async Task SendAsync(string text) => await _sip.SendToAsync(Encoding.UTF8.GetBytes(text), SocketFlags.None, _server);
}
