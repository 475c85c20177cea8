using Inbox.Interactions.Calls;
using Inbox.Interactions.Events;
using Inbox.Sip.Messages;
using Inbox.Telephony.Legs;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// <c>Telephony:RtpTimeout</c> (60 s, on a fake clock) on the legs beyond an inbound call's two: an outbound call's
/// number, an agent call's phones, a conference participant; a leg on hold by SDP is not timed out.
/// </summary>
public sealed class LegRtpTimeoutTests : TimedLegTestBase
{
    private protected override Task<TelephonyHarness> StartHarnessAsync() => TelephonyHarness.StartAsync(52000 + (2 * Random.Shared.Next(0, 1500)), Time);

    [Fact]
    public async Task Outbound_TrunkRtpStops_BothLegsByeAndInteractionEndsAsTheCustomerHangingUp()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var call = await ConnectOutboundAsync(phone, trunk);
        var agentPort = MediaPort(call.AgentInvite.Body.Span);

        await SilenceAsync((phone.Rtp, agentPort, ReceivedOn(agentPort)));
        var trunkBye = await trunk.ReceiveRequestAsync("BYE");
        await trunk.RespondAsync(trunkBye, 200, "OK");
        var phoneBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(phoneBye, 200, "OK");

        Assert.Equal(call.TrunkInvite.CallId, trunkBye.CallId);
        Assert.Equal(call.CallId, phoneBye.CallId);
        await Until(() => !Harness.Inbox.HungUp.IsEmpty);
        Assert.Equal([OutboundInteraction], Harness.Inbox.HungUp);
        Assert.Empty(Harness.Inbox.Ended);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Outbound_TrunkHoldsWithSendonly_SilentHeldLegNotTimedOut()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var call = await ConnectOutboundAsync(phone, trunk);
        var agentPort = MediaPort(call.AgentInvite.Body.Span);
        var agentReceived = ReceivedOn(agentPort);

        await trunk.ReinviteAsync(call.TrunkInvite, 2, trunk.PcmuAnswer + "a=sendonly\r\n");
        var held = Assert.IsType<SipResponse>(await trunk.ReceiveAsync());
        await trunk.AckAsync(call.TrunkInvite, 2);
        await Until(() => Harness.Calls.TryGet(call.CallId, out var placed) && ((OutboundCall)placed).Customer!.Session!.Incoming!.Done);
        for (var i = 0; i < 4; i++)
        {
            // The agent keeps talking; the held number sends nothing for two minutes.
            await SendOneAsync(phone.Rtp, agentPort, agentReceived);
            Time.Advance(TimeSpan.FromSeconds(30));
        }

        var stillUp = Harness.Calls.Count;
        await Harness.Handler.HangUpAsync(call.CallId, Agent, OutboundInteraction);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await trunk.RespondAsync(await trunk.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.Equal(200, held.StatusCode);
        Assert.Equal(1, stillUp);
        Assert.Empty(Harness.Inbox.HungUp);
        Assert.Equal((Agent, OutboundInteraction), Assert.Single(Harness.Inbox.Finalized));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task AgentCall_CalleeRtpStops_BothPhonesByeAndTheCallEnds()
    {
        using var caller = Register(new TestPhone("1002"));
        using var callee = Register(new TestPhone("1001"));
        var (placed, callerInvite, calleeInvite) = await ConnectAgentCallAsync(caller, callee);
        var callerPort = MediaPort(callerInvite.Body.Span);

        await SilenceAsync((caller.Rtp, callerPort, ReceivedOn(callerPort)));
        var calleeBye = await callee.ReceiveRequestAsync("BYE");
        await callee.RespondAsync(calleeBye, 200, "OK");
        var callerBye = await caller.ReceiveRequestAsync("BYE");
        await caller.RespondAsync(callerBye, 200, "OK");

        Assert.Equal(calleeInvite.CallId, calleeBye.CallId);
        Assert.Equal(callerInvite.CallId, callerBye.CallId);
        await Until(() => Harness.Inbox.AgentCallChanges.Any(c => c.Call.State == AgentCallState.Ended));
        var ended = Harness.Inbox.AgentCallChanges.Last();
        Assert.Equal((placed.CallId, AgentCallState.Ended), (ended.Call.CallId, ended.Call.State));
        Assert.StartsWith("ana's phone is gone: no RTP", ended.Detail, StringComparison.Ordinal);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Conference_ParticipantRtpStops_OnlySheIsRemovedAndTheOtherTwoTalkOn()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var ana = Register(new TestPhone("1001"));
        var call = await ConnectAsync(caller, phone);
        await Harness.Handler.AddAgentAsync(call.CallId, "ana", [ana.Extension]);
        var invite = await AnswerPhoneAsync(ana);
        await Until(() => Harness.Inbox.Published.Any(e => e.Event is CallChanged { Detail: "ana joined the call" }));

        await SilenceAsync((caller.Rtp, call.CallerLegPort, ReceivedOn(call.CallerLegPort)), (phone.Rtp, call.AgentLegPort, ReceivedOn(call.AgentLegPort)));
        var bye = await ana.ReceiveRequestAsync("BYE");
        await ana.RespondAsync(bye, 200, "OK");
        var left = await Harness.Handler.GetCallAsync(call.CallId);
        await caller.ByeAsync("5000");
        Assert.Equal(200, (await caller.ReceiveAsync()).StatusCode);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.Equal(invite.CallId, bye.CallId);
        Assert.Equal((CallState.Connected, 2), (left.State, left.Legs.Length));
        Assert.Empty(left.Participants);
        Assert.Contains(Harness.Inbox.Published, e => e.Event is CallChanged { Detail: { } detail } && detail.StartsWith("agent ana left the call: no RTP", StringComparison.Ordinal));
        Assert.Equal([call.InteractionId], Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }
}
