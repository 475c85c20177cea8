using Inbox.Sip.Messages;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>Peers that vanish: no RTP, no ACK, no answer from a phone; and the server shutting down with calls up.</summary>
public sealed class RobustnessTests : CallTestBase
{
    private readonly FakeTimeProvider _time = new();

    private protected override Task<TelephonyHarness> StartHarnessAsync() => TelephonyHarness.StartAsync(30000 + (2 * Random.Shared.Next(0, 1500)), _time);

    [Fact]
    public async Task Rtp_PhoneSilentOnHold_NotTimedOutUntilBackFromHold()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (_, _, invite, callerLegPort, _) = await ConnectAsync(caller, phone);
        Assert.True(Harness.Calls.TryGetInbound(caller.CallId, out var call));
        long CallerPackets() => call.Leg.Session.Counters.Received;

        await phone.ReinviteAsync(invite, 2, phone.PcmuAnswer + "a=sendonly\r\n");
        Assert.Equal(200, Assert.IsType<SipResponse>(await phone.ReceiveAsync()).StatusCode);
        await phone.AckAsync(invite, 2);
        await Until(() => call.Agent!.Session!.Incoming!.Done);
        for (var i = 0; i < 4; i++)
        {
            // The caller keeps talking; the held phone sends nothing for two minutes.
            await SendOneAsync(caller.Rtp, callerLegPort, CallerPackets);
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        await phone.ReinviteAsync(invite, 3, phone.PcmuAnswer);
        var resumed = Assert.IsType<SipResponse>(await phone.ReceiveAsync());
        await phone.AckAsync(invite, 3);
        await Until(() => call.Agent!.Session!.Incoming!.Done);
        await SendOneAsync(caller.Rtp, callerLegPort, CallerPackets);
        _time.Advance(TimeSpan.FromSeconds(61));
        var phoneBye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(phoneBye, 200, "OK");
        await caller.ReceiveRequestAndOkAsync();

        Assert.Equal(200, resumed.StatusCode);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Ok_NeverAcked_CallEndsAfter64T1AndIsAbandoned()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);

        var ok = await AnswerAsync(caller);
        await Until(() => !Harness.Inbox.Opened.IsEmpty);
        await AdvanceUntil(_time, TimeSpan.FromSeconds(40), () => Harness.Calls.Count == 0);

        Assert.Equal(200, ok.StatusCode);
        await Until(() => !Harness.Inbox.Abandoned.IsEmpty);
        Assert.Equal([Harness.Inbox.Opened.Single().Id], Harness.Inbox.Abandoned);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Offer_PhoneNeverAnswers_InviteTimesOutAndOfferIsRejected()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, _) = await QueueAsync(caller);

        Harness.Handler.Offered(caller.CallId, id, Agent, ["1002"]);
        await phone.ReceiveRequestAsync("INVITE");
        await AdvanceUntil(_time, TimeSpan.FromSeconds(40), () => !Harness.Inbox.Rejected.IsEmpty);

        Assert.Equal((Agent, id), Assert.Single(Harness.Inbox.Rejected));
        Assert.Equal(0, Harness.Calls.OutgoingLegCount);
        Assert.Equal(1, Harness.Calls.Count);
        await caller.ByeAsync("5000");
        Assert.Equal(200, (await caller.ReceiveAsync()).StatusCode);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task HangUpAll_LiveCalls_ByeCancelAnd503AndEveryInteractionEnded()
    {
        using var talking = new TestCaller(Harness.SipEndPoint);
        using var waiting = new TestCaller(Harness.SipEndPoint);
        using var ringing = new TestCaller(Harness.SipEndPoint);
        using var answered = Register(new TestPhone("1002"));
        using var rung = Register(new TestPhone("1003"));
        var talkingId = (await ConnectAsync(talking, answered)).InteractionId;
        var (waitingId, _) = await QueueAsync(waiting);
        Harness.Handler.Offered(waiting.CallId, waitingId, "carla", ["1003"]);
        var invite = await rung.ReceiveRequestAsync("INVITE");
        await rung.RespondAsync(invite, 180, "Ringing");
        Harness.Inbox.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await ringing.InviteAsync("5000", ringing.PcmuOffer);
        Assert.Equal(180, (await ringing.ReceiveAsync()).StatusCode);

        var shutdown = Harness.Handler.HangUpAllAsync(CancellationToken.None);
        await talking.ReceiveRequestAndOkAsync();
        var phoneBye = await answered.ReceiveRequestAsync("BYE");
        await answered.RespondAsync(phoneBye, 200, "OK");
        await waiting.ReceiveRequestAndOkAsync();
        var cancel = await rung.ReceiveRequestAsync("CANCEL");
        await rung.RespondAsync(cancel, 200, "OK");
        await rung.RespondAsync(invite, 487, "Request Terminated");
        var refused = await ringing.ReceiveAsync();
        await shutdown;
        Harness.Inbox.Hold.SetResult();
        using var late = new TestCaller(Harness.SipEndPoint);
        await late.InviteAsync("5000", late.PcmuOffer);
        var lateResponse = await late.ReceiveAsync();

        Assert.Equal(503, refused.StatusCode);
        Assert.Equal(503, lateResponse.StatusCode);
        await Until(() => Harness.Inbox.HungUp.Count == 1 && Harness.Inbox.Abandoned.Count == 2);
        Assert.Equal([talkingId], Harness.Inbox.HungUp);
        Assert.Contains(waitingId, Harness.Inbox.Abandoned);
        await AssertNothingLeftAsync();
    }
}
