using System.Text;
using Inbox.Sip.Messages;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>Session timers (RFC 4028) on the caller's and the agent phone's legs, on a fake clock.</summary>
public sealed class SessionTimerTests : CallTestBase
{
    private readonly FakeTimeProvider _time = new();

    // No RTP flows in these tests, so the RTP timeout is off; the fake clock jumps minutes.
    private protected override Task<TelephonyHarness> StartHarnessAsync() =>
        TelephonyHarness.StartAsync(34000 + (2 * Random.Shared.Next(0, 1500)), _time, o => o.RtpTimeout = TimeSpan.Zero);

    [Fact]
    public async Task Invite_SessionExpiresBelowMinSe_422NamingMinSe()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);

        await caller.InviteAsync("5000", caller.PcmuOffer, "Supported: timer\r\nSession-Expires: 60\r\n");
        var response = await caller.ReceiveAsync();

        Assert.Equal(422, response.StatusCode);
        Assert.Equal("90", response.GetHeader("Min-SE"));
        Assert.Equal(Harness.Ports.Capacity, Harness.Ports.Available);
        Assert.Empty(Harness.Inbox.Opened);
    }

    [Fact]
    public async Task Invite_CallerRefreshesAndStops_ByeBothSidesBeforeExpiry()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var ok = await AnswerAsync(caller, "Supported: timer\r\nSession-Expires: 600;refresher=uac\r\nMin-SE: 120\r\n");
        await AckAsync(caller);
        var id = Harness.Inbox.Opened.Single().Id;
        Harness.Handler.Offered(caller.CallId, id, Agent, [phone.Extension]);
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 200, "OK", phone.PcmuAnswer);
        await phone.ReceiveRequestAsync("ACK");
        await Until(() => !Harness.Inbox.Accepted.IsEmpty);

        _time.Advance(TimeSpan.FromSeconds(300));
        await caller.ReinviteAsync("5000", 2, caller.PcmuOffer, "Supported: timer\r\nSession-Expires: 600;refresher=uac\r\n");
        var refreshed = await caller.ReceiveAsync();
        await caller.AckAsync("5000", 2);
        await Until(() => Harness.Calls.TryGetInbound(caller.CallId, out var call) && call.Session!.Incoming!.Done);
        _time.Advance(TimeSpan.FromSeconds(567));
        Assert.Equal(1, Harness.Calls.Count);
        _time.Advance(TimeSpan.FromSeconds(2));
        var bye = await caller.ReceiveRequestAndOkAsync();
        var phoneBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(phoneBye, 200, "OK");

        Assert.Equal("600;refresher=uac", ok.GetHeader(SipHeaderId.SessionExpires));
        Assert.Equal("timer", ok.GetHeader(SipHeaderId.Require));
        Assert.Equal(200, refreshed.StatusCode);
        Assert.Equal("600;refresher=uac", refreshed.GetHeader(SipHeaderId.SessionExpires));
        Assert.Equal("BYE", bye.MethodName);
        await Until(() => !Harness.Inbox.HungUp.IsEmpty);
        Assert.Equal([id], Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Invite_CallerWithoutTimer_ServerRefreshesAtHalfTheIntervalAndRefusesGlareWith491()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        var ok = await AnswerAsync(caller);
        await AckAsync(caller);

        _time.Advance(TimeSpan.FromSeconds(900));
        var refresh = await caller.ReceiveRequestAsync();
        await caller.ReinviteAsync("5000", 2, caller.PcmuOffer);
        var glare = await caller.ReceiveAsync();
        await caller.AckAsync("5000", 2);
        await caller.RespondAsync(refresh, 200, "OK", caller.PcmuOffer);
        var ack = await caller.ReceiveRequestAsync();

        Assert.Equal("1800;refresher=uas", ok.GetHeader(SipHeaderId.SessionExpires));
        Assert.Null(ok.GetHeader(SipHeaderId.Require));
        Assert.Equal("INVITE", refresh.MethodName);
        Assert.Equal(caller.CallId, refresh.CallId);
        Assert.Equal(Encoding.UTF8.GetString(ok.Body.Span), Encoding.UTF8.GetString(refresh.Body.Span));
        Assert.Equal("1800;refresher=uac", refresh.GetHeader(SipHeaderId.SessionExpires));
        Assert.Equal(491, glare.StatusCode);
        Assert.Equal(("ACK", refresh.CSeq.Number), (ack.MethodName, ack.CSeq.Number));
        await caller.ByeAsync("5000", 3);
        Assert.Equal(200, (await caller.ReceiveAsync()).StatusCode);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task AgentLeg_PhoneMakesUsRefresher_ServerReinvitesThePhone()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, _, invite, _, _) = await ConnectAsync(caller, phone, "Require: timer\r\nSession-Expires: 120;refresher=uac\r\n");
        _time.Advance(TimeSpan.FromSeconds(60));
        var refresh = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(refresh, 200, "OK", phone.PcmuAnswer, "Require: timer\r\nSession-Expires: 120;refresher=uac\r\n");
        var ack = await phone.ReceiveRequestAsync("ACK");

        Assert.Contains("timer", invite.GetHeaderValues(SipHeaderId.Supported));
        Assert.Equal("1800", invite.GetHeader(SipHeaderId.SessionExpires));
        Assert.Equal(invite.CallId, refresh.CallId);
        Assert.Equal("120;refresher=uac", refresh.GetHeader(SipHeaderId.SessionExpires));
        Assert.Equal(refresh.CSeq.Number, ack.CSeq.Number);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        var bye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(bye, 200, "OK");
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task AgentLeg_PhoneRefresherGoesSilent_CallEndedBeforeExpiryNamingHerPhone()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, _, invite, _, _) = await ConnectAsync(caller, phone, "Session-Expires: 90;refresher=uas\r\n");
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, Harness.Calls.Count);
        _time.Advance(TimeSpan.FromSeconds(2));
        var phoneBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(phoneBye, 200, "OK");
        var callerBye = await caller.ReceiveRequestAndOkAsync();

        Assert.Equal(invite.CallId, phoneBye.CallId);
        Assert.Equal((caller.CallId, "BYE"), (callerBye.CallId, callerBye.MethodName));
        await Until(() => !Harness.Inbox.Ended.IsEmpty);
        Assert.Equal((id, "bruno's phone is gone: the session expired without a refresh (RFC 4028)"), Assert.Single(Harness.Inbox.Ended));
        Assert.Empty(Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }
}
