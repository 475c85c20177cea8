using Inbox.Interactions.Calls;
using Inbox.Interactions.Interactions;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// Park and transfers of calls an agent placed, whose customer is a leg through a scripted trunk over real UDP: the
/// same as for calls customers made, with the inbox's notices called here as the engine would make them.
/// </summary>
public sealed class OutboundCallActionTests : CallTestBase
{
    private const string InteractionId = "out1";
    private const string Target = "ana";

    [Fact]
    public async Task Park_ThenAnotherAgentRetrieves_CustomerHearsHoldMusicThenTalksToHer()
    {
        using var phone = Register(new TestPhone("1002"));
        using var anasPhone = Register(new TestPhone("1001"));
        using var trunk = new TestPhone("carrier");
        var call = await PlaceAsync(phone, trunk, InteractionId);

        var parked = await Harness.Handler.ParkAsync(call.CallId);
        var bye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(bye, 200, "OK");
        var holdMusic = await CountRtpAsync(trunk.Rtp, TimeSpan.FromMilliseconds(400));
        var lot = Harness.Handler.ListParked();
        var retrieved = await Harness.Handler.RetrieveAsync(call.CallId, Target, ["1001"]);
        var invite = await AnswerPhoneAsync(anasPhone);
        await BothWaysAsync(trunk.Rtp, call.CustomerLegPort, anasPhone.Rtp, MediaPort(invite.Body.Span), 0x57, 0x68);
        var connected = await Harness.Handler.GetCallAsync(call.CallId);
        await CustomerHangsUpAsync(trunk, call, anasPhone);

        Assert.Equal((CallState.Parked, 701), (parked.State, parked.ParkSlot));
        Assert.Equal(call.CallId, bye.CallId);
        Assert.True(holdMusic >= 5, $"the customer heard {holdMusic} packets while parked");
        Assert.Equal((701, InteractionId, Agent, Customer), (Assert.Single(lot).Slot, lot[0].InteractionId, lot[0].ParkedBy, lot[0].CustomerAddress));
        Assert.Null(retrieved.ParkSlot);
        Assert.Equal((Target, InteractionId), Assert.Single(Harness.Inbox.TakenOver));
        Assert.Equal(Customer, invite.From.Uri.User);
        Assert.Equal(CallState.Connected, connected.State);
        Assert.Equal([(CallLegRole.Customer, Customer, null), (CallLegRole.Agent, "1001", Target)], connected.Legs.Select(l => (l.Role, l.Address, l.AgentId)));
        await Until(() => !Harness.Inbox.HungUp.IsEmpty); // Told after the BYE to the phone went out.
        Assert.Equal([InteractionId], Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Park_TimeoutPasses_RingsBackTheAgentWhoParkedIt()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var call = await PlaceAsync(phone, trunk, InteractionId);
        await Harness.Handler.ParkAsync(call.CallId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");

        var ringBack = await phone.ReceiveRequestAsync("INVITE");
        var whileRinging = await Harness.Handler.GetCallAsync(call.CallId);
        await phone.RespondAsync(ringBack, 200, "OK", phone.PcmuAnswer);
        await phone.ReceiveRequestAsync("ACK");
        await BothWaysAsync(trunk.Rtp, call.CustomerLegPort, phone.Rtp, MediaPort(ringBack.Body.Span), 0x57, 0x68);
        var back = await Harness.Handler.GetCallAsync(call.CallId);
        await Harness.Handler.HangUpAsync(call.CallId, Agent, InteractionId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await trunk.RespondAsync(await trunk.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.NotEqual(call.CallId, ringBack.CallId);
        Assert.Null(ringBack.GetHeader("Call-Info")); // Rung back, not placed: her phone rings rather than answering by itself.
        Assert.Equal((CallState.Queued, null), (whileRinging.State, whileRinging.ParkSlot));
        Assert.Equal((CallState.Connected, Agent), (back.State, back.Legs[1].AgentId));
        Assert.Empty(Harness.Inbox.TakenOver);
        Assert.Empty(Harness.Handler.ListParked());
        Assert.Equal((Agent, InteractionId), Assert.Single(Harness.Inbox.Finalized));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Blind_ToAnAgent_AgentPhoneGotByeAndTheCustomerTalksToTheTarget()
    {
        using var phone = Register(new TestPhone("1002"));
        using var target = Register(new TestPhone("1001"));
        using var trunk = new TestPhone("carrier");
        var call = await PlaceAsync(phone, trunk, InteractionId);

        await Harness.Handler.TransferAsync(call.CallId, Agent, InteractionId, TransferMode.Blind, TransferTargetKind.Agent, Target);
        StartTransfer(call, TransferMode.Blind, target);
        var bye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(bye, 200, "OK");
        var transferring = await Harness.Handler.GetCallAsync(call.CallId);
        var holdMusic = await CountRtpAsync(trunk.Rtp, TimeSpan.FromMilliseconds(400));
        var targetInvite = await AnswerPhoneAsync(target);
        await Until(() => Harness.Inbox.Accepted.Contains((Target, InteractionId)));
        Harness.Handler.TransferAccepted(call.CallId, Target);
        await BothWaysAsync(trunk.Rtp, call.CustomerLegPort, target.Rtp, MediaPort(targetInvite.Body.Span), 0x57, 0x77);
        var connected = await Harness.Handler.GetCallAsync(call.CallId);
        await CustomerHangsUpAsync(trunk, call, target);

        Assert.Equal(($"{Agent}>Blind>Agent:{Target}", InteractionId), Assert.Single(Harness.Inbox.Transfers));
        Assert.Equal(call.CallId, bye.CallId);
        Assert.Equal(CallState.Transferring, transferring.State);
        Assert.Equal([CallLegRole.Customer, CallLegRole.TransferTarget], transferring.Legs.Select(l => l.Role));
        Assert.True(holdMusic >= 5, $"the customer heard {holdMusic} packets while transferred");
        Assert.Equal(Customer, targetInvite.From.Uri.User);
        Assert.Equal(CallState.Connected, connected.State);
        Assert.Equal((CallLegRole.Agent, Target), (connected.Legs[1].Role, connected.Legs[1].AgentId));
        await Until(() => !Harness.Inbox.HungUp.IsEmpty); // Told after the BYE to the phone went out.
        Assert.Equal([InteractionId], Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Attended_ToAnAgent_AgentAndTargetConsult_CompleteJoinsCustomerAndTarget()
    {
        using var phone = Register(new TestPhone("1002"));
        using var target = Register(new TestPhone("1001"));
        using var trunk = new TestPhone("carrier");
        var call = await PlaceAsync(phone, trunk, InteractionId);

        await Harness.Handler.TransferAsync(call.CallId, Agent, InteractionId, TransferMode.Attended, TransferTargetKind.Agent, Target);
        StartTransfer(call, TransferMode.Attended, target);
        var targetInvite = await AnswerPhoneAsync(target);
        var targetLegPort = MediaPort(targetInvite.Body.Span);
        await Until(() => Harness.Inbox.Consulting.Contains((Target, InteractionId)));
        await BothWaysAsync(phone.Rtp, call.AgentLegPort, target.Rtp, targetLegPort, 0x66, 0x77);
        var consulting = await Harness.Handler.GetCallAsync(call.CallId);
        var customerHeard = await SendAndCollectAsync(target.Rtp, targetLegPort, trunk.Rtp, fill: 0x77, TimeSpan.FromMilliseconds(400));
        var completing = Harness.Handler.CompleteTransferAsync(call.CallId, Agent, InteractionId);
        await Until(() => Harness.Inbox.Completed.Contains((Agent, InteractionId)));
        Harness.Handler.TransferAccepted(call.CallId, Target);
        await completing;
        var bye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(bye, 200, "OK");
        await BothWaysAsync(trunk.Rtp, call.CustomerLegPort, target.Rtp, targetLegPort, 0x56, 0x78);
        var connected = await Harness.Handler.GetCallAsync(call.CallId);
        await CustomerHangsUpAsync(trunk, call, target);

        Assert.Equal(CallState.Consulting, consulting.State);
        Assert.Equal([CallLegRole.Customer, CallLegRole.Agent, CallLegRole.TransferTarget], consulting.Legs.Select(l => l.Role));
        Assert.NotEmpty(customerHeard);
        Assert.DoesNotContain(customerHeard, p => p[0] == 0x77);
        Assert.Equal(call.CallId, bye.CallId);
        Assert.Equal([(CallLegRole.Customer, null), (CallLegRole.Agent, Target)], connected.Legs.Select(l => (l.Role, l.AgentId)));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Attended_CancelledWhileTargetRings_TargetCancelledAndCustomerBackWithAgent()
    {
        using var phone = Register(new TestPhone("1002"));
        using var target = Register(new TestPhone("1001"));
        using var trunk = new TestPhone("carrier");
        var call = await PlaceAsync(phone, trunk, InteractionId);
        StartTransfer(call, TransferMode.Attended, target);
        var targetInvite = await target.ReceiveRequestAsync("INVITE");
        await target.RespondAsync(targetInvite, 180, "Ringing");

        var held = await SendAndCollectAsync(phone.Rtp, call.AgentLegPort, trunk.Rtp, fill: 0x66, TimeSpan.FromMilliseconds(400));
        await Harness.Handler.CancelTransferAsync(call.CallId, Agent, InteractionId);
        Harness.Handler.TransferOfferEnded(call.CallId, Target);
        Harness.Handler.TransferReturned(call.CallId, InteractionId, Agent, [phone.Extension]);
        await AnswerCancelAsync(target, targetInvite);
        await BothWaysAsync(trunk.Rtp, call.CustomerLegPort, phone.Rtp, call.AgentLegPort, 0x56, 0x67);
        var back = await Harness.Handler.GetCallAsync(call.CallId);
        await CustomerHangsUpAsync(trunk, call, phone);

        Assert.NotEmpty(held);
        Assert.DoesNotContain(held, p => p[0] == 0x66);
        Assert.Equal((Agent, InteractionId), Assert.Single(Harness.Inbox.Cancelled));
        Assert.Equal(CallState.Connected, back.State);
        Assert.Equal([CallLegRole.Customer, CallLegRole.Agent], back.Legs.Select(l => l.Role));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Blind_TargetNeverAnswers_TransferTimeoutRingsTheAgentAgainAndReconnects()
    {
        using var phone = Register(new TestPhone("1002"));
        using var target = Register(new TestPhone("1001"));
        using var trunk = new TestPhone("carrier");
        var call = await PlaceAsync(phone, trunk, InteractionId);
        StartTransfer(call, TransferMode.Blind, target);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        var targetInvite = await target.ReceiveRequestAsync("INVITE");
        await target.RespondAsync(targetInvite, 180, "Ringing");

        // The inbox's transfer timeout (its deadline runs on its clock, tested in the engine's tests) returns it.
        Harness.Handler.TransferOfferEnded(call.CallId, Target);
        Harness.Handler.TransferReturned(call.CallId, InteractionId, Agent, [phone.Extension]);
        await AnswerCancelAsync(target, targetInvite);
        var ringBack = await AnswerPhoneAsync(phone);
        await BothWaysAsync(trunk.Rtp, call.CustomerLegPort, phone.Rtp, MediaPort(ringBack.Body.Span), 0x57, 0x68);
        var back = await Harness.Handler.GetCallAsync(call.CallId);
        await CustomerHangsUpAsync(trunk, call, phone);

        Assert.NotEqual(call.CallId, ringBack.CallId);
        Assert.Equal(CallState.Connected, back.State);
        Assert.Equal(Agent, back.Legs[1].AgentId);
        Assert.Empty(Harness.Inbox.Rejected);
        await Until(() => !Harness.Inbox.HungUp.IsEmpty); // Told after the BYE to the phone went out.
        Assert.Equal([InteractionId], Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task External_BlindToANumber_CustomerAndNumberTalkThroughTheServerUntilTheCustomerHangsUp()
    {
        const string number = "+34911222333";
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        using var elsewhere = new TestPhone("elsewhere");
        var call = await PlaceAsync(phone, trunk, InteractionId);

        await Harness.Handler.TransferAsync(call.CallId, Agent, InteractionId, TransferMode.Blind, TransferTargetKind.External, number);
        Harness.Handler.TransferStarted(call.CallId, InteractionId, TransferMode.Blind);
        Harness.Handler.DialTransferTarget(call.CallId, InteractionId, number, RouteThrough(elsewhere, number));
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        var numberInvite = await elsewhere.ReceiveRequestAsync("INVITE");
        await elsewhere.RespondAsync(numberInvite, 200, "OK", elsewhere.PcmuAnswer);
        await elsewhere.ReceiveRequestAsync("ACK");
        await Until(() => !Harness.Inbox.ExternalAnswered.IsEmpty);
        await BothWaysAsync(trunk.Rtp, call.CustomerLegPort, elsewhere.Rtp, MediaPort(numberInvite.Body.Span), 0x55, 0x77);
        var connected = await Harness.Handler.GetCallAsync(call.CallId);
        await trunk.ByeAsync(call.TrunkInvite);
        await trunk.ReceiveAsync(); // 200 for its BYE
        var numberBye = await elsewhere.ReceiveRequestAsync("BYE");
        await elsewhere.RespondAsync(numberBye, 200, "OK");

        Assert.Equal("sip:0034911222333@127.0.0.1:" + elsewhere.SipEndPoint.Port, numberInvite.RequestUriText);
        Assert.Equal((InteractionId, false), Assert.Single(Harness.Inbox.ExternalAnswered));
        Assert.Equal(CallState.Connected, connected.State);
        Assert.Equal([(CallLegRole.Customer, Customer), (CallLegRole.TransferTarget, number)], connected.Legs.Select(l => (l.Role, l.Address)));
        Assert.Equal(numberInvite.CallId, numberBye.CallId);
        Assert.Empty(Harness.Inbox.HungUp); // The interaction was handed over; the call outlived it.
        await AssertNothingLeftAsync();
    }

    // As the inbox does once it has stored a transfer: the call is told it started and the target's phones ring.
    private void StartTransfer(PlacedCall call, TransferMode mode, TestPhone target)
    {
        Harness.Handler.TransferStarted(call.CallId, call.InteractionId, mode);
        Harness.Handler.TransferOffered(call.CallId, call.InteractionId, Target, [target.Extension]);
    }

    // The customer's line hangs up; the phone talking to her gets BYE.
    private static async Task CustomerHangsUpAsync(TestPhone trunk, PlacedCall call, TestPhone phone)
    {
        await trunk.ByeAsync(call.TrunkInvite);
        await trunk.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
    }
}
