using Microsoft.Extensions.Time.Testing;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>After many calls ending every way, nothing is left: ports, calls, agent legs, transactions, clock clients, watches.</summary>
public sealed partial class LeakTests : CallTestBase
{
    private readonly FakeTimeProvider _time = new();

    // Room for a dozen bridged calls at once (two legs each, RTP and RTCP ports).
    private protected override Task<TelephonyHarness> StartHarnessAsync() =>
        TelephonyHarness.StartAsync(26000 + (2 * Random.Shared.Next(0, 1400)), _time, rtpPorts: 80);

    [Fact]
    public async Task ManyCalls_SequentialAndParallelEveryEnding_NothingLeft()
    {
        for (var i = 0; i < 25; i++)
        {
            await CallAsync(i, sequential: true);
        }

        for (var batch = 25; batch < 50; batch += 12)
        {
            await Task.WhenAll(Enumerable.Range(batch, Math.Min(12, 50 - batch)).Select(i => CallAsync(i, sequential: false)));
        }

        await AssertNothingLeftOnceTimersRunOutAsync();
        Assert.Equal(50, Harness.Inbox.Opened.Count);
    }

    private async Task AssertNothingLeftOnceTimersRunOutAsync()
    {
        await AssertNothingLeftAsync();

        // Transactions linger for their timers (J, K, L, M: 64·T1): the fake clock runs them out.
        await AdvanceUntil(_time, TimeSpan.FromSeconds(100), () => Harness.Stack.TransactionCount == 0);
        Assert.Equal(0, Harness.Stack.TransactionCount);
        Assert.Equal(0, Harness.Calls.Count);
        Assert.Equal(0, Harness.Calls.OutgoingLegCount);
        Assert.Equal(Harness.Ports.Capacity, Harness.Ports.Available);
        Assert.Equal(0, Harness.Clock.ClientCount);
        Assert.Equal((0, 0), Harness.Handler.WatchedLegCount);
    }

    // Ends call i one of five ways: queued caller hangs up; bridged, caller hangs up; phone declines; cancelled
    // (by the caller while ringing, or the offer ending while the phone rings); bridged, the agent hangs up.
    private async Task CallAsync(int i, bool sequential)
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("2" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture)));
        if (i % 5 == 3 && sequential)
        {
            await CancelWhileRingingAsync(caller);
            return;
        }

        if (i % 5 is 1 or 4)
        {
            var bridged = await ConnectAsync(caller, phone);
            if (i % 5 == 1)
            {
                await ByeFromCallerAsync(caller, phone);
            }
            else
            {
                await phone.ByeAsync(bridged.PhoneInvite);
                await phone.ReceiveAsync();
                await caller.ReceiveRequestAndOkAsync();
            }

            return;
        }

        var (id, _) = await QueueAsync(caller);
        switch (i % 5)
        {
            case 2:
                Harness.Handler.Offered(caller.CallId, id, "agent" + i, [phone.Extension]);
                var declined = await phone.ReceiveRequestAsync("INVITE");
                await phone.RespondAsync(declined, 486, "Busy Here");
                await phone.ReceiveRequestAsync("ACK");
                await Until(() => Harness.Inbox.Rejected.Any(r => r.Id == id));
                await ByeFromCallerAsync(caller, phone: null);
                break;
            case 3:
                Harness.Handler.Offered(caller.CallId, id, "agent" + i, [phone.Extension]);
                var rung = await phone.ReceiveRequestAsync("INVITE");
                await phone.RespondAsync(rung, 180, "Ringing");
                Harness.Handler.OfferEnded(caller.CallId, "agent" + i, accepted: false);
                var cancel = await phone.ReceiveRequestAsync("CANCEL");
                await phone.RespondAsync(cancel, 200, "OK");
                await phone.RespondAsync(rung, 487, "Request Terminated");
                await phone.ReceiveRequestAsync("ACK");
                await ByeFromCallerAsync(caller, phone: null);
                break;
            default:
                await ByeFromCallerAsync(caller, phone: null);
                break;
        }
    }

    private async Task CancelWhileRingingAsync(TestCaller caller)
    {
        Harness.Inbox.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await caller.InviteAsync("5000", caller.PcmuOffer);
        await caller.ReceiveAsync();
        await caller.CancelAsync("5000");
        await caller.ReceiveAsync();
        Assert.Equal(487, (await caller.ReceiveAsync()).StatusCode);
        var opened = Harness.Inbox.Opened.Count;
        Harness.Inbox.Hold.SetResult();
        Harness.Inbox.Hold = null;
        await Until(() => Harness.Inbox.Opened.Count > opened);
    }

    private static async Task ByeFromCallerAsync(TestCaller caller, TestPhone? phone)
    {
        await caller.ByeAsync("5000");
        Assert.Equal(200, (await caller.ReceiveAsync()).StatusCode);
        if (phone is not null)
        {
            var bye = await phone.ReceiveRequestAsync("BYE");
            await phone.RespondAsync(bye, 200, "OK");
        }
    }
}
