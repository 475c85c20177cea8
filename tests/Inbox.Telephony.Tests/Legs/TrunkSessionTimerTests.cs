using System.Text;
using Inbox.Interactions.Calls;
using Inbox.Sip.Messages;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// Session timers (RFC 4028) on legs where the server is the UAC: its INVITE to a trunk (and to phones) offers one, the
/// 2xx decides who refreshes, and a 422 raises the interval; on a fake clock.
/// </summary>
public sealed partial class TrunkSessionTimerTests : TimedLegTestBase
{
    // No RTP flows in these tests, so the RTP timeout is off; the fake clock jumps minutes.
    private protected override Task<TelephonyHarness> StartHarnessAsync() =>
        TelephonyHarness.StartAsync(55000 + (2 * Random.Shared.Next(0, 1500)), Time, o => o.RtpTimeout = TimeSpan.Zero);

    [Fact]
    public async Task Dial_TrunkMakesUsRefresher_InviteOfferedTheTimerAndWeReinviteAtHalfTheInterval()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var call = await ConnectOutboundAsync(phone, trunk, "Require: timer\r\nSession-Expires: 120;refresher=uac\r\n");

        Time.Advance(TimeSpan.FromSeconds(60));
        var refresh = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(refresh, 200, "OK", trunk.PcmuAnswer, "Require: timer\r\nSession-Expires: 120;refresher=uac\r\n");
        var ack = await trunk.ReceiveRequestAsync("ACK");
        await Harness.Handler.HangUpAsync(call.CallId, Agent, OutboundInteraction);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await trunk.RespondAsync(await trunk.ReceiveRequestAsync("BYE"), 200, "OK");

        var invite = call.TrunkInvite;
        Assert.Contains("timer", invite.GetHeaderValues(SipHeaderId.Supported));
        Assert.Equal(("1800", "90"), (invite.GetHeader(SipHeaderId.SessionExpires), invite.GetHeader("Min-SE")));
        Assert.Equal("1800", call.AgentInvite.GetHeader(SipHeaderId.SessionExpires));
        Assert.Equal((invite.CallId, invite.From.Tag), (refresh.CallId, refresh.From.Tag));
        Assert.Equal("120;refresher=uac", refresh.GetHeader(SipHeaderId.SessionExpires));
        Assert.Equal(Encoding.UTF8.GetString(invite.Body.Span), Encoding.UTF8.GetString(refresh.Body.Span));
        Assert.Equal(refresh.CSeq.Number, ack.CSeq.Number);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Dial_TrunkRefreshesAndStops_CallEndedAsTheCustomerHangingUpBeforeExpiry()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var call = await ConnectOutboundAsync(phone, trunk, "Session-Expires: 90;refresher=uas\r\n");

        Time.Advance(TimeSpan.FromSeconds(59));
        var beforeExpiry = Harness.Calls.Count;
        Time.Advance(TimeSpan.FromSeconds(2));
        var trunkBye = await trunk.ReceiveRequestAsync("BYE");
        await trunk.RespondAsync(trunkBye, 200, "OK");
        var phoneBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(phoneBye, 200, "OK");

        Assert.Equal(1, beforeExpiry);
        Assert.Equal((call.TrunkInvite.CallId, call.CallId), (trunkBye.CallId, phoneBye.CallId));
        await Until(() => !Harness.Inbox.HungUp.IsEmpty);
        Assert.Equal([OutboundInteraction], Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Dial_TrunkAnswers422_InviteSentAgainWithItsMinSe()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var callId = Guid.NewGuid().ToString("N");
        Harness.Handler.Dial(callId, OutboundInteraction, Agent, [phone.Extension], "support", RouteTo(trunk));
        await AnswerPhoneAsync(phone);

        var first = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(first, 422, "Session Interval Too Small", headers: "Min-SE: 3600\r\n");
        await trunk.ReceiveRequestAsync("ACK");
        var second = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(second, 200, "OK", trunk.PcmuAnswer, "Session-Expires: 3600;refresher=uas\r\n");
        await trunk.ReceiveRequestAsync("ACK");
        var connected = await UntilConnectedAsync(callId);
        var (interval, weRefresh) = await SessionTimerOfCustomerAsync(callId);
        await Harness.Handler.HangUpAsync(callId, Agent, OutboundInteraction);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await trunk.RespondAsync(await trunk.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.Equal("1800", first.GetHeader(SipHeaderId.SessionExpires));
        Assert.Equal((first.CallId, first.From.Tag, 2L), (second.CallId, second.From.Tag, second.CSeq.Number));
        Assert.NotEqual(first.TopVia.Branch, second.TopVia.Branch);
        Assert.Equal(("3600", "3600"), (second.GetHeader(SipHeaderId.SessionExpires), second.GetHeader("Min-SE")));
        Assert.Contains("timer", second.GetHeaderValues(SipHeaderId.Supported));
        Assert.Equal(Encoding.UTF8.GetString(first.Body.Span), Encoding.UTF8.GetString(second.Body.Span));
        Assert.Equal(CallState.Connected, connected.State);
        Assert.Equal((TimeSpan.FromHours(1), false), (interval, weRefresh));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task AgentCall_CalleePhoneAnswers422_ItsInviteSentAgainWithItsMinSe()
    {
        using var caller = Register(new TestPhone("1002"));
        using var callee = Register(new TestPhone("1001"));

        var placed = Harness.Handler.CallAgent(Agent, [caller.Extension], "ana", [callee.Extension]);
        await AnswerPhoneAsync(caller);
        var first = await callee.ReceiveRequestAsync("INVITE");
        await callee.RespondAsync(first, 422, "Session Interval Too Small", headers: "Min-SE: 2400\r\n");
        await callee.ReceiveRequestAsync("ACK");
        var second = await AnswerPhoneAsync(callee);
        await Until(() => Harness.Inbox.AgentCallChanges.Any(c => c.Call.State == AgentCallState.Connected));
        await Harness.Handler.HangUpAgentCallAsync(placed.CallId, Agent);
        await caller.RespondAsync(await caller.ReceiveRequestAsync("BYE"), 200, "OK");
        await callee.RespondAsync(await callee.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.Equal((first.CallId, 2L), (second.CallId, second.CSeq.Number));
        Assert.Equal(("2400", "2400"), (second.GetHeader(SipHeaderId.SessionExpires), second.GetHeader("Min-SE")));
        await AssertNothingLeftAsync();
    }

    // The session timer the customer's leg keeps, read on the call's executor.
    private Task<(TimeSpan Interval, bool WeRefresh)> SessionTimerOfCustomerAsync(string callId)
    {
        var read = new TaskCompletionSource<(TimeSpan, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.True(Harness.Calls.TryGet(callId, out var call));
        var session = ((Telephony.Legs.OutboundCall)call).Customer!.Session!;
        Assert.True(Harness.Stack.TryPost(callId, () => read.SetResult((session.Interval, session.WeRefresh))));
        return read.Task;
    }

    private async Task<CallView> UntilConnectedAsync(string callId)
    {
        await Until(() => Harness.Calls.TryGet(callId, out var call) && call.Bridge is not null);
        return await Harness.Handler.GetCallAsync(callId);
    }
}
