using Inbox.Interactions.Calls;
using Inbox.Interactions.Events;
using Inbox.Interactions.Interactions;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// A leg that times out ends its call as its own hang-up would: the caller gone is her hanging up; the agent's phone
/// gone while talking ends the call as failed on her side, with neither party counted as hanging up; gone during a
/// consult it hands the customer to the target; and an outbound call whose phone is gone before the line answered has
/// failed (nobody talked, so the customer did not hang up).
/// </summary>
public sealed class LegTimeoutEndingTests : TimedLegTestBase
{
    private const string Target = "ana";

    private protected override Task<TelephonyHarness> StartHarnessAsync() =>
        TelephonyHarness.StartAsync(54000 + (2 * Random.Shared.Next(0, 1500)), Time, settings => settings.DialTimeout = TimeSpan.FromMinutes(5));

    [Fact]
    public async Task Consult_AgentsPhoneRtpStops_ItGetsByeAndTheCallIsHandedToTheTarget()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var target = Register(new TestPhone("1001"));
        var call = await ConnectAsync(caller, phone);
        Harness.Handler.TransferStarted(call.CallId, call.InteractionId, TransferMode.Attended);
        Harness.Handler.TransferOffered(call.CallId, call.InteractionId, Target, [target.Extension]);
        var targetInvite = await AnswerPhoneAsync(target);
        var targetPort = MediaPort(targetInvite.Body.Span);
        await Until(() => Harness.Inbox.Consulting.Contains((Target, call.InteractionId)));

        // The caller hears hold music and sends nothing the test waits for; she and the target keep talking.
        await SilenceAsync((caller.Rtp, call.CallerLegPort, ReceivedOn(call.CallerLegPort)), (target.Rtp, targetPort, ReceivedOn(targetPort)));
        var bye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(bye, 200, "OK");
        await Until(() => Harness.Inbox.Accepted.Contains((Target, call.InteractionId)));

        Assert.Equal(call.PhoneInvite.CallId, bye.CallId);
        Assert.Empty(Harness.Inbox.HungUp);
        Assert.Equal(1, Harness.Calls.Count);
    }

    [Fact]
    public async Task Inbound_CallersRtpStops_ByeBothSidesAndTheCustomerHungUp()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        await SilenceAsync((phone.Rtp, call.AgentLegPort, ReceivedOn(call.AgentLegPort)));
        var callerBye = await caller.ReceiveRequestAndOkAsync();
        var phoneBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(phoneBye, 200, "OK");
        await Until(() => !Harness.Inbox.HungUp.IsEmpty);

        Assert.Equal((caller.CallId, "BYE"), (callerBye.CallId, callerBye.MethodName));
        Assert.Equal([call.InteractionId], Harness.Inbox.HungUp);
        Assert.Empty(Harness.Inbox.Ended);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Inbound_AgentsPhoneRtpStops_ByeBothSidesAndTheInteractionEndsNamingHerPhone()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        await SilenceAsync((caller.Rtp, call.CallerLegPort, ReceivedOn(call.CallerLegPort)));
        var phoneBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(phoneBye, 200, "OK");
        var callerBye = await caller.ReceiveRequestAndOkAsync();
        await Until(() => !Harness.Inbox.Ended.IsEmpty);

        Assert.Equal(call.PhoneInvite.CallId, phoneBye.CallId);
        Assert.Equal((caller.CallId, "BYE"), (callerBye.CallId, callerBye.MethodName));
        Assert.Equal((call.InteractionId, "bruno's phone is gone: no RTP for 60 s"), Assert.Single(Harness.Inbox.Ended));
        Assert.Empty(Harness.Inbox.HungUp);
        Assert.Empty(Harness.Inbox.Finalized);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Outbound_AgentsPhoneRtpStopsOnceTalking_ByeBothSidesAndTheInteractionEndsNamingHerPhone()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var call = await ConnectOutboundAsync(phone, trunk);
        var trunkPort = MediaPort(call.TrunkInvite.Body.Span);

        await SilenceAsync((trunk.Rtp, trunkPort, ReceivedOn(trunkPort)));
        var phoneBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(phoneBye, 200, "OK");
        var trunkBye = await trunk.ReceiveRequestAsync("BYE");
        await trunk.RespondAsync(trunkBye, 200, "OK");
        await Until(() => !Harness.Inbox.Ended.IsEmpty);

        Assert.Equal((call.CallId, call.TrunkInvite.CallId), (phoneBye.CallId, trunkBye.CallId));
        Assert.Equal((OutboundInteraction, "bruno's phone is gone: no RTP for 60 s"), Assert.Single(Harness.Inbox.Ended));
        Assert.Empty(Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Outbound_AgentsPhoneRtpStopsWhileTheLineRings_TheCallFailsAndTheLineIsCancelled()
    {
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var callId = Guid.NewGuid().ToString("N");
        Harness.Handler.Dial(callId, OutboundInteraction, Agent, [phone.Extension], "support", RouteTo(trunk));
        await AnswerPhoneAsync(phone);
        var trunkInvite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(trunkInvite, 180, "Ringing");

        // Once the 180 is in, the INVITE is not resent when the clock moves on.
        await Until(() => Harness.Inbox.Published.Any(p => p.Event is CallChanged { Change: CallChange.Progress, SipStatus: 180 }));
        await SilenceAsync();
        var cancel = await trunk.ReceiveRequestAsync("CANCEL");
        await trunk.RespondAsync(cancel, 200, "OK");
        await trunk.RespondAsync(trunkInvite, 487, "Request Terminated");
        var bye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(bye, 200, "OK");
        await Until(() => !Harness.Inbox.Ended.IsEmpty);

        var (id, reason) = Assert.Single(Harness.Inbox.Ended);
        Assert.Equal(OutboundInteraction, id);
        Assert.StartsWith("failed: no RTP", reason, StringComparison.Ordinal);
        Assert.Empty(Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }
}
