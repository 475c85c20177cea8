using Inbox.Interactions.Calls;
using Inbox.Interactions.Events;
using Inbox.Interactions.Interactions;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// A leg that times out ends its call as its own hang-up would: the agent's phone gone during a consult hands the
/// customer to the target, and an outbound call whose phone is gone before the line answered has failed (nobody
/// talked, so the customer did not hang up).
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
