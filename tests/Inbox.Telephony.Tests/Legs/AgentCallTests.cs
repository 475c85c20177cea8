using System.Text;
using Inbox.Interactions.Calls;
using Inbox.Sip.Messages;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>A queued call offered to an agent rings her phone, is bridged when she answers, and ends from either side.</summary>
public sealed class AgentCallTests : CallTestBase
{
    [Fact]
    public async Task Offer_PhoneAnswers_RtpRelayedBothWaysAndCallerByeHangsUpThePhone()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, callerLegPort) = await QueueAsync(caller);

        Harness.Handler.Offered(caller.CallId, id, Agent, ["1002"]);
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 180, "Ringing");
        await phone.RespondAsync(invite, 200, "OK", phone.PcmuAnswer);
        await phone.ReceiveRequestAsync("ACK");
        await Until(() => !Harness.Inbox.Accepted.IsEmpty);
        var agentLegPort = MediaPort(invite.Body.Span);
        var toPhone = await RelayAsync(caller.Rtp, callerLegPort, phone.Rtp, ssrc: 0x11111111, fill: 0x55);
        var toCaller = await RelayAsync(phone.Rtp, agentLegPort, caller.Rtp, ssrc: 0x22222222, fill: 0x66);
        await caller.ByeAsync("5000");
        var byeOk = await caller.ReceiveAsync();
        var bye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(bye, 200, "OK");

        Assert.Contains("m=audio ", Encoding.UTF8.GetString(invite.Body.Span), StringComparison.Ordinal);
        Assert.Equal((Agent, id), Assert.Single(Harness.Inbox.Accepted));
        Assert.Equal((0, true), (toPhone.PayloadType, toPhone.SsrcRewritten));
        Assert.Equal((0, true), (toCaller.PayloadType, toCaller.SsrcRewritten));
        Assert.Equal(200, byeOk.StatusCode);
        Assert.Equal(invite.CallId, bye.CallId);
        Assert.Equal([id], Harness.Inbox.HungUp);
        Assert.Empty(Harness.Inbox.Abandoned);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Offer_PhoneDeclines_OfferRejectedAndCallerStillQueued()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, _) = await QueueAsync(caller);

        Harness.Handler.Offered(caller.CallId, id, Agent, ["1002"]);
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 486, "Busy Here");
        await phone.ReceiveRequestAsync("ACK");
        await Until(() => !Harness.Inbox.Rejected.IsEmpty);
        var holdMusic = await caller.ReceiveRtpAsync(TimeSpan.FromMilliseconds(300));
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();

        Assert.Equal((Agent, id), Assert.Single(Harness.Inbox.Rejected));
        Assert.NotEmpty(holdMusic);
        Assert.Equal([id], Harness.Inbox.Abandoned);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Offer_NoRegisteredPhone_RejectedAtOnce()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        var (id, _) = await QueueAsync(caller);

        Harness.Handler.Offered(caller.CallId, id, Agent, ["1999"]);
        await Until(() => !Harness.Inbox.Rejected.IsEmpty);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();

        Assert.Equal((Agent, id), Assert.Single(Harness.Inbox.Rejected));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task OfferEnded_WhileRinging_PhoneGetsCancel()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, _) = await QueueAsync(caller);

        Harness.Handler.Offered(caller.CallId, id, Agent, ["1002"]);
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 180, "Ringing");
        Harness.Handler.OfferEnded(caller.CallId, Agent, accepted: false);
        var cancel = await phone.ReceiveRequestAsync("CANCEL");
        await phone.RespondAsync(cancel, 200, "OK");
        await phone.RespondAsync(invite, 487, "Request Terminated");
        await phone.ReceiveRequestAsync("ACK");
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();

        Assert.Equal(invite.CallId, cancel.CallId);
        Assert.Empty(Harness.Inbox.Rejected);
        Assert.Empty(Harness.Inbox.Accepted);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task OfferAcceptedFromTheUi_WhileRinging_PhoneRingsOnAndAnsweringBridges()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, callerPort) = await QueueAsync(caller);

        Harness.Handler.Offered(caller.CallId, id, Agent, ["1002"]);
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 180, "Ringing");
        Harness.Handler.OfferEnded(caller.CallId, Agent, accepted: true);
        await Task.Delay(200, TestContext.Current.CancellationToken); // a CANCEL would come now
        await phone.RespondAsync(invite, 200, "OK", phone.PcmuAnswer);
        await phone.ReceiveRequestAsync("ACK");
        await RelayAsync(caller.Rtp, callerPort, phone.Rtp, ssrc: 0x11111111, fill: 0x55);
        var connected = await Harness.Handler.GetCallAsync(caller.CallId);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.Equal(CallState.Connected, connected.State);
        Assert.Empty(Harness.Inbox.Accepted); // The inbox has it from the UI already.
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task PhoneBye_WhileBridged_CallerGetsByeAndAgentFinalizes()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, _) = await QueueAsync(caller);

        Harness.Handler.Offered(caller.CallId, id, Agent, ["1002"]);
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 200, "OK", phone.PcmuAnswer);
        await phone.ReceiveRequestAsync("ACK");
        await Until(() => !Harness.Inbox.Accepted.IsEmpty);
        await phone.ByeAsync(invite);
        var byeOk = Assert.IsType<SipResponse>(await phone.ReceiveAsync());
        var bye = await caller.ReceiveRequestAndOkAsync();

        Assert.Equal(200, byeOk.StatusCode);
        Assert.Equal("BYE", bye.MethodName);
        Assert.Equal(caller.CallId, bye.CallId);
        await Until(() => !Harness.Inbox.Finalized.IsEmpty);
        Assert.Equal((Agent, id), Assert.Single(Harness.Inbox.Finalized));
        Assert.Empty(Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }
}
