using Inbox.Interactions.Calls;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// Outbound and agent calls ended by their legs timing out (RTP and session timers) leave nothing behind: calls, legs,
/// watched legs, ports, clock clients, transactions and timers.
/// </summary>
public sealed class TimeoutLeakTests : TimedLegTestBase
{
    private PendingTimerClock? _clock;

    // RTP times out after 120 s, so a leg whose session timer is 90 s (its peer refreshing) expires first.
    private protected override Task<TelephonyHarness> StartHarnessAsync() =>
        TelephonyHarness.StartAsync(58000 + (2 * Random.Shared.Next(0, 1000)), _clock = new PendingTimerClock(Time), o => o.RtpTimeout = TimeSpan.FromSeconds(120), rtpPorts: 40);

    [Fact]
    public async Task ManyCalls_EndedByRtpAndSessionTimeouts_NothingLeft()
    {
        var timersBefore = _clock!.Pending;

        for (var i = 0; i < 20; i++)
        {
            await TimeOutAsync(i);
        }

        await AssertNothingLeftAsync();
        await AdvanceUntil(Time, TimeSpan.FromSeconds(100), () => Harness.Stack.TransactionCount == 0);
        Assert.Equal(0, Harness.Stack.TransactionCount);
        Assert.Equal((0, 0, 0), (Harness.Calls.Count, Harness.Calls.OutgoingLegCount, Harness.Calls.TrunkLegCount));
        Assert.Equal(Harness.Ports.Capacity, Harness.Ports.Available);
        Assert.Equal(0, Harness.Clock.ClientCount);
        Assert.Equal((0, 0), Harness.Handler.WatchedLegCount);
        Assert.Equal(timersBefore, _clock.Pending);
        // Both legs of some outbound calls fall silent: whichever times out first ends the interaction, as the
        // customer hanging up or as the agent's phone gone.
        Assert.Equal(10, Harness.Inbox.HungUp.Count + Harness.Inbox.Ended.Count);
        Assert.Equal(10, Harness.Inbox.AgentCallChanges.Count(c => c.Call.State == AgentCallState.Ended));
    }

    // Call i: an outbound call (even) or an agent call (odd), whose legs fall silent (i % 4 < 2) or whose phone or
    // trunk takes the refresh and never makes it.
    private async Task TimeOutAsync(int i)
    {
        var number = i.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        var sessionExpires = i % 4 >= 2 ? "Session-Expires: 90;refresher=uas\r\n" : string.Empty;
        using var phone = Register(new TestPhone("5" + number));
        using var other = i % 2 == 0 ? new TestPhone("carrier") : Register(new TestPhone("6" + number));
        if (i % 2 == 0)
        {
            await ConnectOutboundAsync(phone, other, sessionExpires, "out" + number);
        }
        else
        {
            var placed = Harness.Handler.CallAgent(Agent, [phone.Extension], "ana", [other.Extension]);
            await AnswerPhoneAsync(phone);
            var invite = await other.ReceiveRequestAsync("INVITE");
            await other.RespondAsync(invite, 200, "OK", other.PcmuAnswer, sessionExpires);
            await other.ReceiveRequestAsync("ACK");
            await Until(() => Harness.Inbox.AgentCallChanges.Any(c => c.Call.CallId == placed.CallId && c.Call.State == AgentCallState.Connected));
        }

        await AdvanceUntil(Time, TimeSpan.FromSeconds(130), () => Harness.Calls.Count == 0);
        await other.RespondAsync(await other.ReceiveRequestAsync("BYE"), 200, "OK");
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
    }
}
