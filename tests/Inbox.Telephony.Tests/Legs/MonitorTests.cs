using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Events;
using Inbox.Sip.Messages;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// A supervisor listening in, over real UDP: carla's phone is rung with the auto-answer hint and, once it answers,
/// hears the caller and bruno mixed while neither hears anything of her (nor of her phone ringing); she hangs up or
/// stops and the call goes on, bruno leaving the call lets her phone go, whispering lets bruno alone hear her, and
/// barging in makes the three a conference.
/// </summary>
public sealed class MonitorTests : CallTestBase
{
    private const string Supervisor = "carla";
    private const int CustomerTone = 500;
    private const int AgentTone = 1100;
    private const int SupervisorTone = 1700;

    [Fact]
    public async Task Monitor_HerPhoneAnswers_SheHearsBothSidesNeitherHearsHerAndStoppingLeavesTheCallAsItWas()
    {
        using var parties = await ConnectCallerToBrunoAsync();
        var (caller, phone, carla, call) = parties;

        var invite = await ListenInAsync(call, carla, Supervisor);
        var heard = await AllThreeTalkAsync(parties, MediaPort(invite.Body.Span));
        var whileListening = await Harness.Handler.GetCallAsync(call.CallId);
        await Harness.Handler.StopMonitoringAsync(call.CallId, Supervisor);
        await carla.RespondAsync(await carla.ReceiveRequestAsync("BYE"), 200, "OK");
        var afterwards = await BothTalkAsync(parties);
        await HangUpAsync(caller, phone);

        Assert.Contains("answer-after=0", invite.GetHeader("Call-Info"), StringComparison.Ordinal);
        Assert.DoesNotContain(Harness.Inbox.Published, p => p.Event is CallChanged { Change: CallChange.Progress } progress && progress.Detail!.Contains("ringing", StringComparison.Ordinal));
        Assert.Contains("Listening to bruno", invite.GetHeader(SipHeaderId.From), StringComparison.Ordinal);
        AssertLouder(heard[2], [CustomerTone, AgentTone], SupervisorTone);
        AssertLouder(heard[0], [AgentTone], SupervisorTone);
        AssertLouder(heard[1], [CustomerTone], SupervisorTone);
        Assert.Equal(2, whileListening.Legs.Length);
        await Until(() => Harness.Inbox.MonitorChanges.Count == 3);
        Assert.Equal(
            [(Supervisor, MonitorState.Ringing), (Supervisor, MonitorState.Listening), (Supervisor, MonitorState.Ended)],
            Harness.Inbox.MonitorChanges.Select(c => (c.SupervisorId, c.State)));
        Assert.All(Harness.Inbox.MonitorChanges, c => Assert.Equal(call.InteractionId, c.InteractionId));
        AssertLouder(afterwards[0], [AgentTone], CustomerTone);
        AssertLouder(afterwards[1], [CustomerTone], AgentTone);
    }

    [Fact]
    public async Task Monitor_HerPhoneHangsUp_TheCallGoesOnAndSheMayListenAgain()
    {
        using var parties = await ConnectCallerToBrunoAsync();
        var (caller, phone, carla, call) = parties;
        var invite = await ListenInAsync(call, carla, Supervisor);

        await carla.ByeAsync(invite, cseq: 1);
        var byeAnswer = Assert.IsType<SipResponse>(await carla.ReceiveAsync());
        await Until(() => Harness.Calls.TryGet(call.CallId, out var live) && live.Monitor is null);
        await BothWaysAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, call.AgentLegPort, 0x5A, 0x6A);
        var again = await ListenInAsync(call, carla, Supervisor);
        await HangUpAsync(caller, phone, carla);

        Assert.Equal(200, byeAnswer.StatusCode);
        Assert.NotEqual(invite.CallId, again.CallId);
    }

    [Fact]
    public async Task Monitor_BrunoHangsUp_HerPhoneIsHungUpWithTheCall()
    {
        using var parties = await ConnectCallerToBrunoAsync();
        var (caller, phone, carla, call) = parties;
        var invite = await ListenInAsync(call, carla, Supervisor);

        await phone.ByeAsync(call.PhoneInvite, cseq: 2);
        await phone.ReceiveAsync();
        var carlaBye = await carla.ReceiveRequestAsync("BYE");
        await carla.RespondAsync(carlaBye, 200, "OK");
        await caller.ReceiveRequestAndOkAsync();

        Assert.Equal(invite.CallId, carlaBye.CallId);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Monitor_HerPhoneDeclines_NobodyListensAndTheCallGoesOn()
    {
        using var parties = await ConnectCallerToBrunoAsync();
        var (caller, phone, carla, call) = parties;

        await Harness.Handler.MonitorAsync(call.CallId, Supervisor, [carla.Extension]);
        var invite = await carla.ReceiveRequestAsync("INVITE");
        await carla.RespondAsync(invite, 486, "Busy Here");
        await carla.ReceiveRequestAsync("ACK");
        await Until(() => Harness.Calls.TryGet(call.CallId, out var live) && live.Monitor is null);
        await BothWaysAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, call.AgentLegPort, 0x5B, 0x6B);
        await HangUpAsync(caller, phone);
    }

    [Fact]
    public async Task BargeIn_WhileListening_AllThreeHearEachOtherAndHerHangingUpLeavesTheTwoTalking()
    {
        using var parties = await ConnectCallerToBrunoAsync();
        var (caller, phone, carla, call) = parties;
        var invite = await ListenInAsync(call, carla, Supervisor);
        var carlaPort = MediaPort(invite.Body.Span);

        var barged = await Harness.Handler.BargeInAsync(call.CallId, Supervisor);
        var heard = await AllThreeTalkAsync(parties, carlaPort);
        await carla.ByeAsync(invite, cseq: 1);
        var byeAnswer = Assert.IsType<SipResponse>(await carla.ReceiveAsync());
        var twoLeft = await BothTalkAsync(parties);
        await HangUpAsync(caller, phone);

        Assert.Equal(["caller", Agent, Supervisor], barged.Participants.Select(p => p.AgentId ?? "caller"));
        AssertLouder(heard[0], [AgentTone, SupervisorTone], CustomerTone);
        AssertLouder(heard[1], [CustomerTone, SupervisorTone], AgentTone);
        AssertLouder(heard[2], [CustomerTone, AgentTone], SupervisorTone);
        Assert.Equal(200, byeAnswer.StatusCode);
        AssertLouder(twoLeft[0], [AgentTone], CustomerTone);
        AssertLouder(twoLeft[1], [CustomerTone], AgentTone);
    }

    [Fact]
    public async Task Whisper_WhileListening_OnlyBrunoHearsHerUntilSheBargesIn()
    {
        using var parties = await ConnectCallerToBrunoAsync();
        var (caller, phone, carla, call) = parties;
        var invite = await ListenInAsync(call, carla, Supervisor);
        var carlaPort = MediaPort(invite.Body.Span);

        var whispering = await Harness.Handler.WhisperAsync(call.CallId, Supervisor);
        var coached = await AllThreeTalkAsync(parties, carlaPort);
        await Harness.Handler.BargeInAsync(call.CallId, Supervisor);
        var joined = await AllThreeTalkAsync(parties, carlaPort);
        await HangUpAsync(caller, phone, carla);

        Assert.Equal(3, whispering.Participants.Length);
        Assert.Equal(
            [MonitorState.Ringing, MonitorState.Listening, MonitorState.Whispering, MonitorState.Joined, MonitorState.Ended],
            Harness.Inbox.MonitorChanges.Select(c => c.State));
        AssertLouder(coached[0], [AgentTone], SupervisorTone);
        AssertLouder(coached[1], [CustomerTone, SupervisorTone], AgentTone);
        AssertLouder(coached[2], [CustomerTone, AgentTone], SupervisorTone);
        AssertLouder(joined[0], [AgentTone, SupervisorTone], CustomerTone);
    }

    [Fact]
    public async Task Monitor_WhileWhispering_SheListensAgainUnheardAndTheCallIsPlainAgain()
    {
        using var parties = await ConnectCallerToBrunoAsync();
        var (caller, phone, carla, call) = parties;
        var invite = await ListenInAsync(call, carla, Supervisor);
        var carlaPort = MediaPort(invite.Body.Span);
        await Harness.Handler.WhisperAsync(call.CallId, Supervisor);

        var secondSupervisor = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.MonitorAsync(call.CallId, "dora", [carla.Extension]));
        var listening = await Harness.Handler.MonitorAsync(call.CallId, Supervisor, [carla.Extension]);
        var heard = await AllThreeTalkAsync(parties, carlaPort);
        var held = await Harness.Handler.SetHoldAsync(call.CallId, onHold: true);
        await Harness.Handler.SetHoldAsync(call.CallId, onHold: false);
        await Harness.Handler.StopMonitoringAsync(call.CallId, Supervisor);
        await carla.RespondAsync(await carla.ReceiveRequestAsync("BYE"), 200, "OK");
        await HangUpAsync(caller, phone);

        Assert.Contains("carla is listening", secondSupervisor.Message, StringComparison.Ordinal);
        Assert.Empty(listening.Participants);
        AssertLouder(heard[2], [CustomerTone, AgentTone], SupervisorTone);
        AssertLouder(heard[0], [AgentTone], SupervisorTone);
        AssertLouder(heard[1], [CustomerTone], SupervisorTone);
        Assert.Equal(CallState.OnHold, held.State);
        Assert.Equal(
            [MonitorState.Ringing, MonitorState.Listening, MonitorState.Whispering, MonitorState.Listening, MonitorState.Ended],
            Harness.Inbox.MonitorChanges.Select(c => c.State));
    }

    [Fact]
    public async Task Whisper_AfterBargingIn_OnlyBrunoHearsHerAndStoppingHangsUpHerPhone()
    {
        using var parties = await ConnectCallerToBrunoAsync();
        var (caller, phone, carla, call) = parties;
        var invite = await ListenInAsync(call, carla, Supervisor);
        var carlaPort = MediaPort(invite.Body.Span);
        await Harness.Handler.BargeInAsync(call.CallId, Supervisor);
        await Harness.Handler.BargeInAsync(call.CallId, Supervisor);

        await Harness.Handler.WhisperAsync(call.CallId, Supervisor);
        var coached = await AllThreeTalkAsync(parties, carlaPort);
        var stopped = await Harness.Handler.StopMonitoringAsync(call.CallId, Supervisor);
        var carlaBye = await carla.ReceiveRequestAsync("BYE");
        await carla.RespondAsync(carlaBye, 200, "OK");
        var afterwards = await BothTalkAsync(parties);
        await HangUpAsync(caller, phone);

        AssertLouder(coached[0], [AgentTone], SupervisorTone);
        AssertLouder(coached[1], [CustomerTone, SupervisorTone], AgentTone);
        Assert.Equal(invite.CallId, carlaBye.CallId);
        Assert.Empty(stopped.Participants);
        AssertLouder(afterwards[0], [AgentTone], CustomerTone);
        Assert.Equal(
            [MonitorState.Ringing, MonitorState.Listening, MonitorState.Joined, MonitorState.Whispering, MonitorState.Ended],
            Harness.Inbox.MonitorChanges.Select(c => c.State));
        Assert.Equal("he stopped listening", Harness.Inbox.MonitorChanges.Last().Detail);
    }

    [Fact]
    public async Task Whisper_BrunoLeavesTheConference_SheIsToldTheCustomerHearsHerAndHerHangingUpEndsIt()
    {
        using var parties = await ConnectCallerToBrunoAsync();
        var (caller, phone, carla, call) = parties;
        var invite = await ListenInAsync(call, carla, Supervisor);
        await Harness.Handler.WhisperAsync(call.CallId, Supervisor);

        await Harness.Handler.LeaveConferenceAsync(call.CallId, Agent, call.InteractionId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        var whisperAgain = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.WhisperAsync(call.CallId, Supervisor));
        await carla.ByeAsync(invite, cseq: 1);
        await carla.ReceiveAsync();
        await caller.ReceiveRequestAndOkAsync();

        Assert.Equal(InboxError.FailedPrecondition, whisperAgain.Error);
        await Until(() => Harness.Inbox.MonitorChanges.Count == 5);
        Assert.Equal(
            [(MonitorState.Joined, "the agent left: the customer hears you"), (MonitorState.Ended, "his phone hung up")],
            Harness.Inbox.MonitorChanges.Skip(3).Select(c => (c.State, c.Detail)));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Monitor_NotPossible_FailedPreconditionAndTheCallGoesOn()
    {
        using var parties = await ConnectCallerToBrunoAsync();
        var (caller, phone, carla, call) = parties;

        var own = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.MonitorAsync(call.CallId, Agent, [phone.Extension]));
        var noPhone = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.MonitorAsync(call.CallId, Supervisor, ["1999"]));
        await ListenInAsync(call, carla, Supervisor);
        var second = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.MonitorAsync(call.CallId, "dora", [carla.Extension]));
        var notListening = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.StopMonitoringAsync(call.CallId, "dora"));
        var notBarging = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.BargeInAsync(call.CallId, "dora"));
        await HangUpAsync(caller, phone, carla);

        Assert.Equal(
            [InboxError.FailedPrecondition, InboxError.FailedPrecondition, InboxError.FailedPrecondition, InboxError.NotFound, InboxError.FailedPrecondition],
            new[] { own, noPhone, second, notListening, notBarging }.Select(e => e.Error));
        Assert.Contains("carla is listening", second.Message, StringComparison.Ordinal);
    }

    // The caller connected to bruno, and carla's phone registered as 1005.
    private async Task<Parties> ConnectCallerToBrunoAsync()
    {
        var caller = new TestCaller(Harness.SipEndPoint);
        var phone = Register(new TestPhone("1002"));
        var carla = Register(new TestPhone("1005"));
        try
        {
            return new Parties(caller, phone, carla, await ConnectAsync(caller, phone));
        }
        catch
        {
            caller.Dispose();
            phone.Dispose();
            carla.Dispose();
            throw;
        }
    }

    // The three send their tones at once: what each heard, caller first.
    private static Task<HeardAudio[]> AllThreeTalkAsync(Parties parties, int carlasServerPort) => ToneExchange.RunAsync(
        (parties.Caller.Rtp, parties.Call.CallerLegPort, CustomerTone), (parties.Phone.Rtp, parties.Call.AgentLegPort, AgentTone), (parties.Carla.Rtp, carlasServerPort, SupervisorTone));

    private static Task<HeardAudio[]> BothTalkAsync(Parties parties) =>
        ToneExchange.RunAsync((parties.Caller.Rtp, parties.Call.CallerLegPort, CustomerTone), (parties.Phone.Rtp, parties.Call.AgentLegPort, AgentTone));

    // The caller hangs up: bruno's phone and, when she still listens, carla's get BYE.
    private async Task HangUpAsync(TestCaller caller, TestPhone phone, TestPhone? carla = null)
    {
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        if (carla is not null)
        {
            await carla.RespondAsync(await carla.ReceiveRequestAsync("BYE"), 200, "OK");
        }

        await AssertNothingLeftAsync();
    }

    // Each of the tones is at least 20 times (13 dB) louder than the one that must not be heard.
    private static void AssertLouder(HeardAudio heard, int[] tones, int than)
    {
        foreach (var tone in tones)
        {
            Assert.True(heard.Power(tone) > 20 * heard.Power(than), $"{tone} Hz: {heard.Power(tone):E2} against {than} Hz: {heard.Power(than):E2}");
        }
    }

    private sealed record Parties(TestCaller Caller, TestPhone Phone, TestPhone Carla, BridgedCall Call) : IDisposable
    {
        public void Dispose()
        {
            Caller.Dispose();
            Phone.Dispose();
            Carla.Dispose();
        }
    }
}
