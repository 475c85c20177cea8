using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Events;
using Inbox.Sip.Messages;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// Conference calls over real UDP: the agent (bruno, phone 1002) adds ana's phone (1001) or a number through a
/// scripted trunk; each party sends its own tone and must hear the others' and not its own. Then participants are
/// removed, hang up, do not answer, and the agent leaves while the others talk on.
/// </summary>
public sealed class ConferenceTests : CallTestBase
{
    private const int CustomerTone = 500;
    private const int AgentTone = 1100;
    private const int ParticipantTone = 1700;

    [Fact]
    public async Task AddAgent_Answers_EachHearsTheOtherTwo_RemovedLeavesTheTwoTalking()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var ana = Register(new TestPhone("1001"));
        var (call, ringing, invite) = await RingAnaAsync(caller, phone, ana);

        await AnswerAsync(ana, invite);
        var mixed = await UntilConnectedAsync(call, 3);
        var heard = await ToneExchange.RunAsync(
            (caller.Rtp, call.CallerLegPort, CustomerTone), (phone.Rtp, call.AgentLegPort, AgentTone), (ana.Rtp, MediaPort(invite.Body.Span), ParticipantTone));
        var removed = await Harness.Handler.RemoveParticipantAsync(call.CallId, invite.CallId);
        await ana.RespondAsync(await ana.ReceiveRequestAsync("BYE"), 200, "OK");
        var twoLeft = await ToneExchange.RunAsync((caller.Rtp, call.CallerLegPort, CustomerTone), (phone.Rtp, call.AgentLegPort, AgentTone));
        await HangUpAsync(caller, phone);

        Assert.Equal(
            [(ParticipantKind.Customer, ParticipantState.Connected), (ParticipantKind.Agent, ParticipantState.Connected), (ParticipantKind.Agent, ParticipantState.Ringing)],
            ringing.Participants.Select(p => (p.Kind, p.State)));
        Assert.Equal(invite.CallId, ringing.Participants[2].Id);
        Assert.Equal(["caller", Agent, "ana"], mixed.Participants.Select(p => p.AgentId ?? "caller"));
        AssertHears(heard[0], CustomerTone, AgentTone, ParticipantTone);
        AssertHears(heard[1], AgentTone, CustomerTone, ParticipantTone);
        AssertHears(heard[2], ParticipantTone, CustomerTone, AgentTone);
        Assert.Empty(removed.Participants);
        AssertHears(twoLeft[0], CustomerTone, AgentTone);
        AssertHears(twoLeft[1], AgentTone, CustomerTone);
        Assert.Contains(Progress(), p => p.SipStatus == 180);
        Assert.Contains(Progress(), p => p.SipStatus == 200 && p.Detail == "ana joined the call");
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task AddNumber_TrunkAnswers_AgentLeaves_CustomerAndNumberTalkOnUntilTheNumberHangsUp()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var call = await ConnectAsync(caller, phone);

        await Harness.Handler.AddNumberAsync(call.CallId, RouteTo(trunk));
        var invite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(invite, 180, "Ringing");
        await trunk.RespondAsync(invite, 200, "OK", trunk.PcmuAnswer);
        await trunk.ReceiveRequestAsync("ACK");
        var mixed = await UntilConnectedAsync(call, 3);
        var heard = await ToneExchange.RunAsync(
            (caller.Rtp, call.CallerLegPort, CustomerTone), (phone.Rtp, call.AgentLegPort, AgentTone), (trunk.Rtp, MediaPort(invite.Body.Span), ParticipantTone));
        var left = await Harness.Handler.LeaveConferenceAsync(call.CallId, Agent, call.InteractionId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        var afterLeaving = await ToneExchange.RunAsync((caller.Rtp, call.CallerLegPort, CustomerTone), (trunk.Rtp, MediaPort(invite.Body.Span), ParticipantTone));
        await trunk.ByeAsync(invite);
        var trunkByeAnswer = Assert.IsType<SipResponse>(await trunk.ReceiveAsync());
        await caller.ReceiveRequestAndOkAsync();

        Assert.Equal("0034600123456", invite.RequestUri.User);
        Assert.Equal((ParticipantKind.External, "+34600123456"), (mixed.Participants[2].Kind, mixed.Participants[2].Display));
        AssertHears(heard[0], CustomerTone, AgentTone, ParticipantTone);
        AssertHears(heard[2], ParticipantTone, CustomerTone, AgentTone);
        Assert.Equal(CallState.Ended, left.State);
        Assert.Equal([ParticipantKind.Customer, ParticipantKind.External], left.Participants.Select(p => p.Kind));
        Assert.Equal((Agent, call.InteractionId), Assert.Single(Harness.Inbox.Finalized));
        AssertHears(afterLeaving[0], CustomerTone, ParticipantTone);
        AssertHears(afterLeaving[1], ParticipantTone, CustomerTone);
        Assert.Equal(200, trunkByeAnswer.StatusCode);
        Assert.Empty(Harness.Inbox.HungUp);
        Assert.Contains(Progress(), p => p.SipStatus == 180);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task AddAgent_PhoneBusy_DroppedWithItsStatusAndTheCallStaysAsItWas()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var ana = Register(new TestPhone("1001"));
        var (call, _, invite) = await RingAnaAsync(caller, phone, ana);

        await ana.RespondAsync(invite, 486, "Busy Here");
        await ana.ReceiveRequestAsync("ACK");
        await Until(() => Progress().Any(p => p.SipStatus == 486));
        var after = await Harness.Handler.GetCallAsync(call.CallId);
        var held = await Harness.Handler.SetHoldAsync(call.CallId, onHold: true);
        await Harness.Handler.SetHoldAsync(call.CallId, onHold: false);
        await RelayAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, ssrc: 0x11111111, fill: 0x57);
        await RelayAsync(phone.Rtp, call.AgentLegPort, caller.Rtp, ssrc: 0x22222222, fill: 0x67);
        await HangUpAsync(caller, phone);

        Assert.Empty(after.Participants);
        Assert.Equal(CallState.Connected, after.State);
        Assert.Equal(CallState.OnHold, held.State);
        Assert.Equal("agent ana did not join the call", Progress().Single(p => p.SipStatus == 486).Detail);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task ParticipantHangsUp_WhileMixedHoldIsRefusedAndMuteSilencesTheAgent_ThenTheTwoAreAPlainCallAgain()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var ana = Register(new TestPhone("1001"));
        var (call, invite) = await MixAnaInAsync(caller, phone, ana);

        var hold = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.SetHoldAsync(call.CallId, onHold: true));
        var park = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.ParkAsync(call.CallId));
        var muted = await Harness.Handler.SetMuteAsync(call.CallId, muted: true);
        var whileMuted = await ToneExchange.RunAsync(
            (caller.Rtp, call.CallerLegPort, CustomerTone), (phone.Rtp, call.AgentLegPort, AgentTone), (ana.Rtp, MediaPort(invite.Body.Span), ParticipantTone));
        await Harness.Handler.SetMuteAsync(call.CallId, muted: false);
        await ana.ByeAsync(invite);
        var anaByeAnswer = Assert.IsType<SipResponse>(await ana.ReceiveAsync());
        var afterHangUp = await UntilConnectedAsync(call, 0);
        var mixingAfter = Harness.Clock.ClientCount;
        var twoLeft = await ToneExchange.RunAsync((caller.Rtp, call.CallerLegPort, CustomerTone), (phone.Rtp, call.AgentLegPort, AgentTone));
        var heldAfter = await Harness.Handler.SetHoldAsync(call.CallId, onHold: true);
        await Harness.Handler.SetHoldAsync(call.CallId, onHold: false);
        await HangUpAsync(caller, phone);

        Assert.Equal(InboxError.FailedPrecondition, hold.Error);
        Assert.Equal(InboxError.FailedPrecondition, park.Error);
        Assert.True(muted.Participants[1].Muted);
        AssertHears(whileMuted[0], AgentTone, ParticipantTone);
        Assert.True(whileMuted[1].Power(CustomerTone) > 20 * whileMuted[1].Power(AgentTone), "the muted agent still hears the others");
        Assert.Equal(200, anaByeAnswer.StatusCode);
        Assert.Empty(afterHangUp.Participants);
        Assert.Equal(0, mixingAfter);
        AssertHears(twoLeft[0], CustomerTone, AgentTone);
        AssertHears(twoLeft[1], AgentTone, CustomerTone);
        Assert.Equal(CallState.OnHold, heldAfter.State);
        Assert.Contains(Harness.Inbox.Published, p => p.Event is CallChanged { Detail: "the conference is over: the customer and the agent talk on" });
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Refer_FromTheAgentsPhoneDuringAConference_RefusedAndTheConferenceGoesOnUntilAnaLeaves()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var ana = Register(new TestPhone("1001"));
        var (call, invite) = await MixAnaInAsync(caller, phone, ana);

        await phone.ReferAsync(call.PhoneInvite, $"<sip:1003@{Harness.SipEndPoint}>");
        var refused = Assert.IsType<SipResponse>(await phone.ReceiveAsync());
        await ana.ByeAsync(invite);
        await ana.ReceiveAsync();
        await UntilConnectedAsync(call, 0);
        var twoLeft = await ToneExchange.RunAsync((caller.Rtp, call.CallerLegPort, CustomerTone), (phone.Rtp, call.AgentLegPort, AgentTone));
        await HangUpAsync(caller, phone);

        Assert.Equal(403, refused.StatusCode);
        Assert.Contains("the call is a conference", refused.GetHeader(SipHeaderId.Warning), StringComparison.Ordinal);
        AssertHears(twoLeft[0], CustomerTone, AgentTone);
        Assert.Empty(Harness.Inbox.Transfers);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task CustomerHangsUp_EveryLegGetsByeAndTheInteractionEnds()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var ana = Register(new TestPhone("1001"));
        using var trunk = new TestPhone("carrier");
        var (call, invite) = await MixAnaInAsync(caller, phone, ana);
        await Harness.Handler.AddNumberAsync(call.CallId, RouteTo(trunk));
        var ringingLine = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(ringingLine, 180, "Ringing");
        await Until(() => Progress().Any(p => p.SipStatus == 180 && p.Detail!.StartsWith("+34", StringComparison.Ordinal)));

        await HangUpAsync(caller, phone);
        await ana.RespondAsync(await ana.ReceiveRequestAsync("BYE"), 200, "OK");
        await trunk.RespondAsync(await trunk.ReceiveRequestAsync("CANCEL"), 200, "OK");
        await trunk.RespondAsync(ringingLine, 487, "Request Terminated");
        await trunk.ReceiveRequestAsync("ACK");

        await Until(() => !Harness.Inbox.HungUp.IsEmpty);
        Assert.Equal([call.InteractionId], Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Leave_BeforeAnyoneJoined_RefusedAndRemovingTheCustomerIsRefused()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var ana = Register(new TestPhone("1001"));
        var (call, _, invite) = await RingAnaAsync(caller, phone, ana);
        await ana.RespondAsync(invite, 180, "Ringing");

        var leave = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.LeaveConferenceAsync(call.CallId, Agent, call.InteractionId));
        var removeCustomer = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.RemoveParticipantAsync(call.CallId, call.CallId));
        var removeUnknown = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.RemoveParticipantAsync(call.CallId, "nobody"));
        var again = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.AddAgentAsync(call.CallId, "ana", ["1001"]));
        var removed = await Harness.Handler.RemoveParticipantAsync(call.CallId, invite.CallId);
        await ana.RespondAsync(await ana.ReceiveRequestAsync("CANCEL"), 200, "OK");
        await ana.RespondAsync(invite, 487, "Request Terminated");
        await ana.ReceiveRequestAsync("ACK");
        await RelayAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, ssrc: 0x11111111, fill: 0x58);
        await HangUpAsync(caller, phone);

        Assert.Equal(InboxError.FailedPrecondition, leave.Error);
        Assert.Equal(InboxError.FailedPrecondition, removeCustomer.Error);
        Assert.Equal(InboxError.NotFound, removeUnknown.Error);
        Assert.Equal(InboxError.FailedPrecondition, again.Error);
        Assert.Empty(removed.Participants);
        await AssertNothingLeftAsync();
    }

    // The tone the party sent is (nearly) absent from what it heard; each of the others' is there, 20 times stronger.
    private static void AssertHears(HeardAudio heard, int own, params int[] others)
    {
        foreach (var other in others)
        {
            Assert.True(heard.Power(other) > 20 * heard.Power(own), $"{other} Hz: {heard.Power(other):E2} against its own {own} Hz: {heard.Power(own):E2}");
        }
    }

    // The caller bridged to bruno, who adds ana: the view as it answers, and the INVITE her phone got.
    private async Task<(BridgedCall Call, CallView Ringing, SipRequest Invite)> RingAnaAsync(TestCaller caller, TestPhone phone, TestPhone ana)
    {
        var call = await ConnectAsync(caller, phone);
        var ringing = await Harness.Handler.AddAgentAsync(call.CallId, "ana", [ana.Extension]);
        return (call, ringing, await ana.ReceiveRequestAsync("INVITE"));
    }

    // As RingAnaAsync, and her phone answers: the three are mixed.
    private async Task<(BridgedCall Call, SipRequest Invite)> MixAnaInAsync(TestCaller caller, TestPhone phone, TestPhone ana)
    {
        var (call, _, invite) = await RingAnaAsync(caller, phone, ana);
        await AnswerAsync(ana, invite);
        await UntilConnectedAsync(call, 3);
        return (call, invite);
    }

    private static async Task AnswerAsync(TestPhone phone, SipRequest invite)
    {
        await phone.RespondAsync(invite, 180, "Ringing");
        await phone.RespondAsync(invite, 200, "OK", phone.PcmuAnswer);
        await phone.ReceiveRequestAsync("ACK");
    }

    private static async Task HangUpAsync(TestCaller caller, TestPhone phone)
    {
        await caller.ByeAsync("5000");
        Assert.Equal(200, (await caller.ReceiveAsync()).StatusCode);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
    }

    private async Task<CallView> UntilConnectedAsync(BridgedCall call, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var view = await Harness.Handler.GetCallAsync(call.CallId);
            if (view.Participants.Count(p => p.State == ParticipantState.Connected) == count)
            {
                return view;
            }

            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {count} connected participants");
            await Task.Delay(20);
        }
    }

    private List<CallChanged> Progress() =>
        [.. Harness.Inbox.Published.Select(e => e.Event).OfType<CallChanged>().Where(c => c.Change == CallChange.Progress)];

    // +34600123456 through the scripted trunk, written 0034... by its dial rules.
    private static OutboundRoute RouteTo(TestPhone trunk) =>
        new(Trunk.Create(new TrunkOptions { Id = "carrier", Address = trunk.SipEndPoint.ToString(), FromUser = "+34910000000" }), "+34600123456", "0034600123456");
}
