namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// On a fake clock: a supervisor's phone that ignores the auto-answer hint and only rings is given up after
/// <c>Telephony:DialTimeout</c>, so that another supervisor may listen in; one that never ACKs the answer to its own
/// re-INVITE ends only its listening. The call goes on meanwhile.
/// </summary>
public sealed class MonitorRingTimeoutTests : TimedLegTestBase
{
    private protected override Task<TelephonyHarness> StartHarnessAsync() =>
        TelephonyHarness.StartAsync(62000 + (2 * Random.Shared.Next(0, 1000)), Time, settings => settings.DialTimeout = TimeSpan.FromSeconds(10));

    [Fact]
    public async Task Monitor_HerPhoneOnlyRings_GivenUpAfterTheDialTimeoutSoAnotherMayListen()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var carla = Register(new TestPhone("1005"));
        using var dora = Register(new TestPhone("1006"));
        var call = await ConnectAsync(caller, phone);

        await Harness.Handler.MonitorAsync(call.CallId, "carla", [carla.Extension]);
        var invite = await carla.ReceiveRequestAsync("INVITE");
        await carla.RespondAsync(invite, 180, "Ringing");

        // Once the 180 is in, moving the clock on resends no INVITE.
        await Until(() => Harness.Calls.TryGet(call.CallId, out var live) && live.Monitor?.Phone.Forks.TrueForAll(f => f.Proceeding) == true);
        Time.Advance(TimeSpan.FromSeconds(11));
        await AnswerCancelAsync(carla, invite);
        await Until(() => Harness.Calls.TryGet(call.CallId, out var live) && live.Monitor is null);
        await Harness.Handler.MonitorAsync(call.CallId, "dora", [dora.Extension]);
        var dorasInvite = await dora.ReceiveRequestAsync("INVITE");
        await dora.RespondAsync(dorasInvite, 180, "Ringing");
        await Harness.Handler.StopMonitoringAsync(call.CallId, "dora");
        await AnswerCancelAsync(dora, dorasInvite);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");

        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Monitor_HerPhoneNeverAcksItsReinvite_OnlyHerListeningEnds()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var carla = Register(new TestPhone("1005"));
        var call = await ConnectAsync(caller, phone);
        var invite = await ListenInAsync(call, carla, "carla");

        await carla.ReinviteAsync(invite, 2, carla.PcmuAnswer);
        Assert.Equal(200, Assert.IsType<Sip.Messages.SipResponse>(await carla.ReceiveAsync()).StatusCode);
        await AdvanceUntil(Time, TimeSpan.FromSeconds(40), () => Harness.Calls.TryGet(call.CallId, out var live) && live.Monitor is null);
        var stillTalking = await Harness.Handler.GetCallAsync(call.CallId);
        await carla.RespondAsync(await NextByeAsync(carla), 200, "OK");
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.Equal(Interactions.Calls.CallState.Connected, stillTalking.State);
        await AssertNothingLeftAsync();
    }

    // Past the 200 OK the server resent while it waited for her ACK.
    private static async Task<Sip.Messages.SipRequest> NextByeAsync(TestPhone phone)
    {
        while (true)
        {
            if (await phone.ReceiveAsync() is Sip.Messages.SipRequest { MethodName: "BYE" } bye)
            {
                return bye;
            }
        }
    }
}
