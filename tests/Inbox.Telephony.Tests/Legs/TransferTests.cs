using Inbox.Interactions.Calls;
using Inbox.Interactions.Interactions;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// Transfers over real UDP: the inbox's notices (called here as the engine would make them) ring the target's phone,
/// bridge the customer to her, hold the customer meanwhile, consult, and bring the call back to the agent.
/// </summary>
public sealed partial class TransferTests : CallTestBase
{
    private const string Target = "ana";

    [Fact]
    public async Task Blind_TargetAnswers_CustomerAndTargetTalk_AgentPhoneGotByeAtOnce()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var target = Register(new TestPhone("1001"));
        var call = await ConnectAsync(caller, phone);

        StartTransfer(call, TransferMode.Blind, target);
        var bye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(bye, 200, "OK");
        var transferring = await Harness.Handler.GetCallAsync(call.CallId);
        var onHold = await caller.ReceiveRtpAsync(TimeSpan.FromMilliseconds(300));
        var targetInvite = await AnswerPhoneAsync(target);
        await Until(() => Harness.Inbox.Accepted.Contains((Target, call.InteractionId)));
        Harness.Handler.TransferAccepted(call.CallId, Target);
        await BothWaysAsync(caller.Rtp, call.CallerLegPort, target.Rtp, MediaPort(targetInvite.Body.Span), 0x55, 0x77);
        var connected = await Harness.Handler.GetCallAsync(call.CallId);
        await HangUpAsync(caller, target);

        Assert.Equal(call.PhoneInvite.CallId, bye.CallId);
        Assert.Equal(CallState.Transferring, transferring.State);
        Assert.Equal([CallLegRole.Customer, CallLegRole.TransferTarget], transferring.Legs.Select(l => l.Role));
        Assert.NotEmpty(onHold);
        Assert.Equal(CallState.Connected, connected.State);
        Assert.Equal((CallLegRole.Agent, Target), (connected.Legs[1].Role, connected.Legs[1].AgentId));
        Assert.Equal([call.InteractionId], Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Attended_TargetAnswers_AgentAndTargetConsult_CompleteJoinsCustomerAndTarget()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var target = Register(new TestPhone("1001"));
        var call = await ConnectAsync(caller, phone);

        StartTransfer(call, TransferMode.Attended, target);
        var targetInvite = await AnswerPhoneAsync(target);
        var targetLegPort = MediaPort(targetInvite.Body.Span);
        await Until(() => Harness.Inbox.Consulting.Contains((Target, call.InteractionId)));
        await BothWaysAsync(phone.Rtp, call.AgentLegPort, target.Rtp, targetLegPort, 0x66, 0x77);
        var consulting = await Harness.Handler.GetCallAsync(call.CallId);
        var customerHeardDuringConsult = await SendAndCollectAsync(target.Rtp, targetLegPort, caller.Rtp, fill: 0x77, TimeSpan.FromMilliseconds(400));
        var completing = Harness.Handler.CompleteTransferAsync(call.CallId, Agent, call.InteractionId);
        await Until(() => Harness.Inbox.Completed.Contains((Agent, call.InteractionId)));
        Harness.Handler.TransferAccepted(call.CallId, Target);
        await completing;
        var bye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(bye, 200, "OK");
        await BothWaysAsync(caller.Rtp, call.CallerLegPort, target.Rtp, targetLegPort, 0x55, 0x78);
        await HangUpAsync(caller, target);

        Assert.Equal(CallState.Consulting, consulting.State);
        Assert.Equal([CallLegRole.Customer, CallLegRole.Agent, CallLegRole.TransferTarget], consulting.Legs.Select(l => l.Role));
        Assert.NotEmpty(customerHeardDuringConsult);
        Assert.DoesNotContain(customerHeardDuringConsult, p => p[0] == 0x77);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Attended_CancelledWhileTargetRings_TargetCancelledAndCustomerBackWithAgent()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var target = Register(new TestPhone("1001"));
        var call = await ConnectAsync(caller, phone);
        StartTransfer(call, TransferMode.Attended, target);
        var targetInvite = await target.ReceiveRequestAsync("INVITE");
        await target.RespondAsync(targetInvite, 180, "Ringing");

        await Harness.Handler.CancelTransferAsync(call.CallId, Agent, call.InteractionId);
        Harness.Handler.TransferOfferEnded(call.CallId, Target);
        Harness.Handler.TransferReturned(call.CallId, call.InteractionId, Agent, [phone.Extension]);
        await AnswerCancelAsync(target, targetInvite);
        await BothWaysAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, call.AgentLegPort, 0x56, 0x67);
        var back = await Harness.Handler.GetCallAsync(call.CallId);
        await HangUpAsync(caller, phone);

        Assert.Equal((Agent, call.InteractionId), Assert.Single(Harness.Inbox.Cancelled));
        Assert.Equal(CallState.Connected, back.State);
        Assert.Equal([CallLegRole.Customer, CallLegRole.Agent], back.Legs.Select(l => l.Role));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Blind_TargetNeverAnswers_TimeoutRingsTheAgentAgainAndReconnects()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var target = Register(new TestPhone("1001"));
        var call = await ConnectAsync(caller, phone);
        StartTransfer(call, TransferMode.Blind, target);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        var targetInvite = await target.ReceiveRequestAsync("INVITE");
        await target.RespondAsync(targetInvite, 180, "Ringing");

        // The inbox's transfer timeout (its deadline runs on its clock, tested in the engine's tests) returns it.
        Harness.Handler.TransferOfferEnded(call.CallId, Target);
        Harness.Handler.TransferReturned(call.CallId, call.InteractionId, Agent, [phone.Extension]);
        await AnswerCancelAsync(target, targetInvite);
        var ringBack = await AnswerPhoneAsync(phone);
        await BothWaysAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, MediaPort(ringBack.Body.Span), 0x57, 0x68);
        var back = await Harness.Handler.GetCallAsync(call.CallId);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.NotEqual(call.PhoneInvite.CallId, ringBack.CallId);
        Assert.Equal(CallState.Connected, back.State);
        Assert.Equal(Agent, back.Legs[1].AgentId);
        Assert.Empty(Harness.Inbox.Rejected);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Refer_ToAnAgentExtension_202NotifyTryingThenOkAndBye()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        await phone.ReferAsync(call.PhoneInvite, $"<sip:1001@{Harness.SipEndPoint}>", $"<sip:1002@{phone.SipEndPoint}>");
        var accepted = Assert.IsType<Sip.Messages.SipResponse>(await phone.ReceiveAsync());
        var trying = await phone.ReceiveRequestAsync("NOTIFY");
        await phone.RespondAsync(trying, 200, "OK");
        await Until(() => !Harness.Inbox.Transfers.IsEmpty);
        Harness.Handler.TransferStarted(call.CallId, call.InteractionId, TransferMode.Blind);
        var done = await phone.ReceiveRequestAsync("NOTIFY");
        await phone.RespondAsync(done, 200, "OK");
        var bye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(bye, 200, "OK");
        var transferring = await Harness.Handler.GetCallAsync(call.CallId);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();

        Assert.Equal(202, accepted.StatusCode);
        Assert.Equal(($"{Agent}>Blind>Agent:{Target}", call.InteractionId), Assert.Single(Harness.Inbox.Transfers));
        Assert.Equal(("refer;id=2", "active;expires=60", "SIP/2.0 100 Trying\r\n"), Notice(trying));
        Assert.Equal(("refer;id=2", "terminated;reason=noresource", "SIP/2.0 200 OK\r\n"), Notice(done));
        Assert.Equal("message/sipfrag;version=2.0", done.ContentType);
        Assert.Equal(call.PhoneInvite.CallId, bye.CallId);
        Assert.Equal(CallState.Transferring, transferring.State);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Refer_ToANumberTheTrunkDials_202AndABlindTransferOutInTheInbox()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        await phone.ReferAsync(call.PhoneInvite, $"<sip:+34600123456@{Harness.SipEndPoint}>");
        var accepted = Assert.IsType<Sip.Messages.SipResponse>(await phone.ReceiveAsync());
        await phone.RespondAsync(await phone.ReceiveRequestAsync("NOTIFY"), 200, "OK");
        await Until(() => !Harness.Inbox.Transfers.IsEmpty);
        Harness.Handler.TransferStarted(call.CallId, call.InteractionId, TransferMode.Blind);
        var done = await phone.ReceiveRequestAsync("NOTIFY");
        await phone.RespondAsync(done, 200, "OK");
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();

        Assert.Equal(202, accepted.StatusCode);
        Assert.Equal(($"{Agent}>Blind>External:+34600123456", call.InteractionId), Assert.Single(Harness.Inbox.Transfers));
        Assert.Equal("SIP/2.0 200 OK\r\n", Notice(done).Body);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Refer_InboxRefuses_NotifyFailureAndCustomerBackWithAgent()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        Harness.Inbox.RefuseTransfer = Interactions.Errors.InboxException.Precondition("Ana is not available to take a transfer.");
        var call = await ConnectAsync(caller, phone);

        await phone.ReferAsync(call.PhoneInvite, $"<sip:1001@{Harness.SipEndPoint}>");
        var accepted = Assert.IsType<Sip.Messages.SipResponse>(await phone.ReceiveAsync());
        await phone.RespondAsync(await phone.ReceiveRequestAsync("NOTIFY"), 200, "OK");
        var failed = await phone.ReceiveRequestAsync("NOTIFY");
        await phone.RespondAsync(failed, 200, "OK");
        await BothWaysAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, call.AgentLegPort, 0x58, 0x69);
        var back = await Harness.Handler.GetCallAsync(call.CallId);
        await HangUpAsync(caller, phone);

        Assert.Equal(202, accepted.StatusCode);
        Assert.Equal(("refer;id=2", "terminated;reason=noresource", "SIP/2.0 480 Temporarily Unavailable\r\n"), Notice(failed));
        Assert.Equal(CallState.Connected, back.State);
        await AssertNothingLeftAsync();
    }

    [Theory]
    [InlineData("<sip:+15550123@127.0.0.1>", 404, "+15550123 is neither an agent's extension nor a number the campaign's trunks dial")]
    [InlineData("<sip:1001@127.0.0.1?Replaces=abc%3Bto-tag%3D1>", 400, "Replaces needs a Call-ID, a to-tag and a from-tag")]
    public async Task Refer_NeitherAnAgentNorADialledNumber_RefusedAndTheCallGoesOn(string referTo, int status, string warning)
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        await phone.ReferAsync(call.PhoneInvite, referTo);
        var refused = Assert.IsType<Sip.Messages.SipResponse>(await phone.ReceiveAsync());
        await RelayAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, ssrc: 0x11111111, fill: 0x59);
        await HangUpAsync(caller, phone);

        Assert.Equal(status, refused.StatusCode);
        Assert.Contains(warning, refused.GetHeader(Sip.Messages.SipHeaderId.Warning), StringComparison.Ordinal);
        Assert.Empty(Harness.Inbox.Transfers);
        await AssertNothingLeftAsync();
    }

    // As the inbox does once it has stored a transfer: the call is told it started and the target's phones ring.
    private void StartTransfer(BridgedCall call, TransferMode mode, TestPhone target)
    {
        Harness.Handler.TransferStarted(call.CallId, call.InteractionId, mode);
        Harness.Handler.TransferOffered(call.CallId, call.InteractionId, Target, [target.Extension]);
    }

    private static (string? Event, string? State, string Body) Notice(Sip.Messages.SipRequest notify) =>
        (notify.GetHeader(Sip.Messages.SipHeaderId.Event), notify.GetHeader("Subscription-State"), System.Text.Encoding.UTF8.GetString(notify.Body.Span));

    // The caller hangs up; the phone bridged to her gets BYE.
    private static async Task HangUpAsync(TestCaller caller, TestPhone phone)
    {
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
    }
}
