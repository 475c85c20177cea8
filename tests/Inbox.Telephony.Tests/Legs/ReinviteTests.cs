using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Inbox.Sip.Messages;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>re-INVITEs from the caller and from the agent's phone (RFC 3261 §14.2, RFC 3264 §8), over real UDP.</summary>
public sealed partial class ReinviteTests : CallTestBase
{
    private protected override Task<TelephonyHarness> StartHarnessAsync() => TelephonyHarness.StartAsync(38000 + (2 * Random.Shared.Next(0, 1500)));

    [Fact]
    public async Task CallerReinvite_SameOffer_SameSdpAndHoldMusicGoesOn()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        var first = await AnsweredAsync(caller);

        await caller.ReinviteAsync("5000", 2, caller.PcmuOffer);
        var ok = await caller.ReceiveAsync();
        await caller.AckAsync("5000", 2);
        var rtp = await caller.ReceiveRtpAsync(TimeSpan.FromMilliseconds(400));

        Assert.Equal((200, "INVITE"), (ok.StatusCode, ok.CSeq.MethodName));
        Assert.Equal(Encoding.UTF8.GetString(first.Body.Span), Encoding.UTF8.GetString(ok.Body.Span));
        Assert.Equal(first.To.Tag, ok.To.Tag);
        Assert.NotEmpty(rtp);
        await HangUpAsync(caller, 3);
    }

    [Fact]
    public async Task CallerReinvite_Directions_MirroredAndVersionRaisedOnlyOnChange()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        var first = await AnsweredAsync(caller);

        var sendOnly = await ReinviteCallerAsync(caller, 2, caller.PcmuOffer + "a=sendonly\r\n");
        var again = await ReinviteCallerAsync(caller, 3, caller.PcmuOffer + "a=sendonly\r\n");
        var inactive = await ReinviteCallerAsync(caller, 4, caller.PcmuOffer + "a=inactive\r\n");
        var resumed = await ReinviteCallerAsync(caller, 5, caller.PcmuOffer + "a=sendrecv\r\n");

        Assert.Equal(1, Version(first));
        Assert.Equal((2, "recvonly"), (Version(sendOnly), Direction(sendOnly)));
        Assert.Equal((2, "recvonly"), (Version(again), Direction(again)));
        Assert.Equal((3, "inactive"), (Version(inactive), Direction(inactive)));
        Assert.Equal((4, "sendrecv"), (Version(resumed), Direction(resumed)));
        Assert.Equal(MediaLine(first), MediaLine(resumed));
        await HangUpAsync(caller, 6);
    }

    [Fact]
    public async Task CallerReinvite_NoCommonCodec_488AndOldSessionKept()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        var first = await AnsweredAsync(caller);

        await caller.ReinviteAsync("5000", 2, caller.Offer("18", "a=rtpmap:18 G729/8000\r\n"));
        var refused = await caller.ReceiveAsync();
        await caller.AckAsync("5000", 2);
        var same = await ReinviteCallerAsync(caller, 3, caller.PcmuOffer);
        var rtp = await caller.ReceiveRtpAsync(TimeSpan.FromMilliseconds(300));

        Assert.Equal(488, refused.StatusCode);
        Assert.StartsWith("305 inbox \"no common codec", refused.GetHeader(SipHeaderId.Warning), StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetString(first.Body.Span), Encoding.UTF8.GetString(same.Body.Span));
        Assert.NotEmpty(rtp);
        await HangUpAsync(caller, 4);
    }

    [Fact]
    public async Task CallerReinvite_WithoutSdp_OfferInOkAndAnswerInAck()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        var first = await AnsweredAsync(caller);

        await caller.ReinviteAsync("5000", 2, string.Empty);
        var offer = await caller.ReceiveAsync();
        await caller.AckAsync("5000", 2, caller.PcmuOffer);
        var next = await ReinviteCallerAsync(caller, 3, caller.PcmuOffer);

        Assert.Equal(200, offer.StatusCode);
        Assert.Equal(Encoding.UTF8.GetString(first.Body.Span), Encoding.UTF8.GetString(offer.Body.Span));
        Assert.Equal(200, next.StatusCode);
        await HangUpAsync(caller, 4);
    }

    [Fact]
    public async Task CallerReinvite_BeforePreviousIsAcked_500WithRetryAfter()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        await AnsweredAsync(caller);

        await caller.ReinviteAsync("5000", 2, string.Empty);
        Assert.Equal(200, (await caller.ReceiveAsync()).StatusCode);
        await caller.ReinviteAsync("5000", 3, caller.PcmuOffer);
        var overlap = await caller.ReceiveAsync();
        await caller.AckAsync("5000", 3);
        await caller.AckAsync("5000", 2, caller.PcmuOffer);
        var after = await ReinviteCallerAsync(caller, 4, caller.PcmuOffer);

        Assert.Equal(500, overlap.StatusCode);
        Assert.InRange(int.Parse(overlap.GetHeader("Retry-After")!, CultureInfo.InvariantCulture), 0, 10);
        Assert.Equal(200, after.StatusCode);
        await HangUpAsync(caller, 5);
    }

    [Fact]
    public async Task CallerReinvite_CSeqNotAboveLast_500()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        await AnsweredAsync(caller);

        await caller.ReinviteAsync("5000", 1, caller.PcmuOffer);
        var response = await caller.ReceiveAsync();
        await caller.AckAsync("5000", 1);

        Assert.Equal((500, "INVITE"), (response.StatusCode, response.CSeq.MethodName));
        await HangUpAsync(caller, 2);
    }

    [Fact]
    public async Task Reinvite_UnknownDialog_481()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        await AnsweredAsync(caller);
        using var stranger = new TestCaller(Harness.SipEndPoint);

        await stranger.InviteAsync("5000", stranger.PcmuOffer);
        await stranger.ReceiveAsync();
        await stranger.ReceiveAsync();
        await stranger.AckAsync("5000");
        await stranger.ByeAsync("5000");
        await stranger.ReceiveAsync();
        await stranger.ReinviteAsync("5000", 3, stranger.PcmuOffer);
        var response = await stranger.ReceiveAsync();

        Assert.Equal(481, response.StatusCode);
        await HangUpAsync(caller, 2);
    }

    [Fact]
    public async Task PhoneReinvite_SameSdp_RelayUndisturbed()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (_, _, invite, _, agentLegPort) = await ConnectAsync(caller, phone);

        var ok = await ReinvitePhoneAsync(phone, invite, 2, phone.PcmuAnswer);
        var toCaller = await RelayAsync(phone.Rtp, agentLegPort, caller.Rtp, ssrc: 0x22222222, fill: 0x66);

        Assert.Equal("sendrecv", Direction(ok));
        Assert.Equal(agentLegPort, MediaPort(ok.Body.Span));
        Assert.Equal(0, toCaller.PayloadType);
        await HangUpAsync(caller, 2, phone);
    }

    [Fact]
    public async Task PhoneReinvite_SendOnlyThenSendRecv_CallerHearsHoldMusicThenTheAgentAgain()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (_, _, invite, callerLegPort, agentLegPort) = await ConnectAsync(caller, phone);

        var hold = await ReinvitePhoneAsync(phone, invite, 2, phone.PcmuAnswer + "a=sendonly\r\n");
        var held = await SendAndCountAsync(phone.Rtp, agentLegPort, caller.Rtp, fill: 0x77, TimeSpan.FromMilliseconds(500));
        var toHeldPhone = await SendAndCountAsync(caller.Rtp, callerLegPort, phone.Rtp, fill: 0x78, TimeSpan.FromMilliseconds(200));
        var resume = await ReinvitePhoneAsync(phone, invite, 3, phone.PcmuAnswer + "a=sendrecv\r\n");
        var toCaller = await RelayAsync(phone.Rtp, agentLegPort, caller.Rtp, ssrc: 0x44444444, fill: 0x79);

        Assert.Equal("recvonly", Direction(hold));
        Assert.Equal(0, held.Marked);
        Assert.True(held.Other >= 5, $"hold music: {held.Other} packets in 500 ms");
        Assert.Equal(0, toHeldPhone.Marked);
        Assert.Equal("sendrecv", Direction(resume));
        Assert.Equal(0, toCaller.PayloadType);
        await HangUpAsync(caller, 2, phone);
    }

    [Fact]
    public async Task PhoneReinvite_WithoutSdp_AnswerInAckHoldsThePhone()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (_, _, invite, _, agentLegPort) = await ConnectAsync(caller, phone);

        await phone.ReinviteAsync(invite, 2, string.Empty);
        var offer = Assert.IsType<SipResponse>(await phone.ReceiveAsync());
        await phone.AckAsync(invite, 2, phone.PcmuAnswer + "a=sendonly\r\n");
        await Until(() => Harness.Calls.TryGetInbound(caller.CallId, out var call) && call.HeldByPhone);
        var held = await SendAndCountAsync(phone.Rtp, agentLegPort, caller.Rtp, fill: 0x77, TimeSpan.FromMilliseconds(500));

        Assert.Equal(200, offer.StatusCode);
        Assert.Equal(Encoding.UTF8.GetString(invite.Body.Span), Encoding.UTF8.GetString(offer.Body.Span));
        Assert.Equal(0, held.Marked);
        Assert.True(held.Other >= 5, $"hold music: {held.Other} packets in 500 ms");
        await HangUpAsync(caller, 2, phone);
    }

    // The caller answered and her ACK taken: the server's 200.
    private async Task<SipResponse> AnsweredAsync(TestCaller caller)
    {
        var ok = await AnswerAsync(caller);
        await AckAsync(caller);
        return ok;
    }

    // Marked packets sent for a while: how many reached the other side, and how many others (hold music) did.
    private static async Task<(int Marked, int Other)> SendAndCountAsync(Socket from, int serverPort, Socket to, byte fill, TimeSpan duration)
    {
        var received = await SendAndCollectAsync(from, serverPort, to, fill, duration);
        var marked = received.Count(p => p.All(b => b == fill));
        return (marked, received.Count - marked);
    }

    private static async Task<SipResponse> ReinviteCallerAsync(TestCaller caller, int cseq, string sdp)
    {
        await caller.ReinviteAsync("5000", cseq, sdp);
        var ok = await caller.ReceiveAsync();
        Assert.Equal(200, ok.StatusCode);
        await caller.AckAsync("5000", cseq);
        return ok;
    }

    private static async Task<SipResponse> ReinvitePhoneAsync(TestPhone phone, SipRequest invite, int cseq, string sdp)
    {
        await phone.ReinviteAsync(invite, cseq, sdp);
        var ok = Assert.IsType<SipResponse>(await phone.ReceiveAsync());
        Assert.Equal(200, ok.StatusCode);
        await phone.AckAsync(invite, cseq);
        return ok;
    }

    // The caller hangs up; the phone, if any, gets the server's BYE. Nothing may be left behind.
    private async Task HangUpAsync(TestCaller caller, int cseq, TestPhone? phone = null)
    {
        await caller.ByeAsync("5000", cseq);
        Assert.Equal(200, (await caller.ReceiveAsync()).StatusCode);
        if (phone is not null)
        {
            var bye = await phone.ReceiveRequestAsync("BYE");
            await phone.RespondAsync(bye, 200, "OK");
        }

        await AssertNothingLeftAsync();
    }

    private static int Version(SipResponse response) =>
        int.Parse(OriginVersion().Match(Encoding.UTF8.GetString(response.Body.Span)).Groups[1].Value, CultureInfo.InvariantCulture);

    private static string Direction(SipResponse response) =>
        DirectionLine().Match(Encoding.UTF8.GetString(response.Body.Span)) is { Success: true } match ? match.Groups[1].Value : "sendrecv";

    private static string MediaLine(SipResponse response) =>
        Encoding.UTF8.GetString(response.Body.Span).Split("\r\n").Single(l => l.StartsWith("m=", StringComparison.Ordinal));

    [GeneratedRegex(@"o=\S+ \d+ (\d+) ")]
    private static partial Regex OriginVersion();

    [GeneratedRegex(@"a=(sendrecv|sendonly|recvonly|inactive)")]
    private static partial Regex DirectionLine();
}
