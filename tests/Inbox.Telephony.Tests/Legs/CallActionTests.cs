using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Events;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>What the agent does on a bridged call from her UI: hold, mute, hang up; and taking a call from the queue.</summary>
public sealed class CallActionTests : CallTestBase
{
    private static readonly TimeSpan s_listen = TimeSpan.FromMilliseconds(600);

    [Fact]
    public async Task Hold_CallerHearsHoldMusicNotTheAgent_ResumeReconnects()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        var held = await Harness.Handler.SetHoldAsync(call.CallId, onHold: true);
        var heardOnHold = await SendAndCollectAsync(phone.Rtp, call.AgentLegPort, caller.Rtp, fill: 0x66, s_listen);
        var phoneHeardOnHold = await SendAndCollectAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, fill: 0x55, s_listen);
        var resumed = await Harness.Handler.SetHoldAsync(call.CallId, onHold: false);
        var heardAfter = await SendAndCollectAsync(phone.Rtp, call.AgentLegPort, caller.Rtp, fill: 0x66, s_listen);

        Assert.Equal((CallState.OnHold, true), (held.State, held.OnHold));
        Assert.True(heardOnHold.Count >= 10, $"hold music: {heardOnHold.Count} packets");
        Assert.DoesNotContain(heardOnHold, p => p[0] == 0x66);
        Assert.Contains(heardOnHold, p => !IsSilence(p));
        Assert.Empty(phoneHeardOnHold);
        Assert.Equal((CallState.Connected, false), (resumed.State, resumed.OnHold));
        Assert.Contains(heardAfter, p => p[0] == 0x66);
        Assert.Contains(Harness.Inbox.Published, e => e.Event is CallChanged { Call.State: CallState.OnHold });
    }

    [Fact]
    public async Task Mute_CallerHearsSilence_AgentStillHearsCaller()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        var muted = await Harness.Handler.SetMuteAsync(call.CallId, muted: true);
        var callerHeard = await SendAndCollectAsync(phone.Rtp, call.AgentLegPort, caller.Rtp, fill: 0x66, s_listen);
        var phoneHeard = await SendAndCollectAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, fill: 0x55, s_listen);
        await Harness.Handler.SetMuteAsync(call.CallId, muted: false);
        var callerHeardAfter = await SendAndCollectAsync(phone.Rtp, call.AgentLegPort, caller.Rtp, fill: 0x66, s_listen);

        Assert.True(muted.Muted);
        Assert.True(callerHeard.Count >= 10, $"silence: {callerHeard.Count} packets");
        Assert.All(callerHeard, p => Assert.True(IsSilence(p)));
        Assert.Contains(phoneHeard, p => p[0] == 0x55);
        Assert.Contains(callerHeardAfter, p => p[0] == 0x66);
    }

    [Fact]
    public async Task Mute_BeforeThePhoneAnswers_RefusedAsPrecondition()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        await QueueAsync(caller);

        var refused = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.SetMuteAsync(caller.CallId, muted: true));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
    }

    [Fact]
    public async Task PauseRecording_CampaignDoesNotRecord_RefusedAsPrecondition()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        var refused = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.SetRecordingPausedAsync(call.CallId, paused: true, Agent));
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
        Assert.Contains("not being recorded", refused.Message, StringComparison.Ordinal);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task HangUp_ByesBothSidesAndFinalizesAsTheAgent()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        var ended = await Harness.Handler.HangUpAsync(call.CallId, Agent, call.InteractionId);
        var phoneBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(phoneBye, 200, "OK");
        var callerBye = await caller.ReceiveRequestAndOkAsync();
        var afterwards = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.GetCallAsync(call.CallId));

        Assert.Equal((CallState.Ended, call.InteractionId), (ended.State, ended.InteractionId));
        Assert.Equal(call.PhoneInvite.CallId, phoneBye.CallId);
        Assert.Equal(("BYE", caller.CallId), (callerBye.MethodName, callerBye.CallId));
        Assert.Equal((Agent, call.InteractionId), Assert.Single(Harness.Inbox.Finalized));
        Assert.Equal(InboxError.NotFound, afterwards.Error);
        Assert.Contains(Harness.Inbox.Published, e => e.Event is CallChanged { Call.State: CallState.Ended });
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Taken_PhoneAnswers_BridgedWithoutAnOffer()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, callerLegPort) = await QueueAsync(caller);

        Harness.Handler.Taken(caller.CallId, id, Agent, ["1002"]);
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 200, "OK", phone.PcmuAnswer);
        await phone.ReceiveRequestAsync("ACK");
        await RelayAsync(caller.Rtp, callerLegPort, phone.Rtp, ssrc: 0x11111111, fill: 0x55);
        var view = await Harness.Handler.GetCallAsync(caller.CallId);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        var bye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(bye, 200, "OK");

        Assert.Empty(Harness.Inbox.Accepted);
        Assert.Equal(CallState.Connected, view.State);
        Assert.Equal([CallLegRole.Customer, CallLegRole.Agent], view.Legs.Select(l => l.Role));
        Assert.Equal([id], Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Taken_NoPhone_CallerStaysQueuedAndAgentIsTold()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        var (id, _) = await QueueAsync(caller);

        Harness.Handler.Taken(caller.CallId, id, Agent, ["1999"]);
        await Until(() => !Harness.Inbox.Published.IsEmpty);
        var stillQueued = await caller.ReceiveRtpAsync(TimeSpan.FromMilliseconds(300));
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();

        var progress = Assert.IsType<CallChanged>(Harness.Inbox.Published.First().Event);
        Assert.Equal((CallChange.Progress, 480), (progress.Change, progress.SipStatus));
        Assert.Empty(Harness.Inbox.Rejected);
        Assert.NotEmpty(stillQueued);
        await AssertNothingLeftAsync();
    }

    // µ-law silence is 0xFF (positive zero) or 0x7F (negative zero).
    private static bool IsSilence(byte[] payload) => payload.All(b => b is 0xFF or 0x7F);
}
