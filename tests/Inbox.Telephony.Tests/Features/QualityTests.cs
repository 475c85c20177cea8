using Inbox.Interactions.Calls;
using Inbox.Interactions.Events;
using Inbox.Telephony.Tests.Legs;

namespace Inbox.Telephony.Tests.Features;

/// <summary>Each leg scored every interval (1 s here) while bridged, pushed to the agent, summarised at the end.</summary>
public sealed class QualityTests : CallTestBase
{
    [Fact]
    public async Task BridgedCall_QualityPushedEachIntervalWithMos_SummaryFiledAndSessionsForgottenAtEnd()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        await Task.WhenAll(
            SendAndCollectAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, fill: 0x55, TimeSpan.FromSeconds(3.5)),
            SendAndCollectAsync(phone.Rtp, call.AgentLegPort, caller.Rtp, fill: 0x66, TimeSpan.FromSeconds(3.5)));
        var view = await Harness.Handler.GetCallAsync(call.CallId);
        var pushed = Harness.Inbox.Published.Select(e => e.Event).OfType<CallChanged>().Where(e => e.Change == CallChange.Quality).ToList();
        await Harness.Handler.HangUpAsync(call.CallId, Agent, call.InteractionId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await caller.ReceiveRequestAndOkAsync();
        await Until(() => !Harness.Inbox.QualitySummaries.IsEmpty);

        Assert.True(pushed.Count >= 2, $"{pushed.Count} quality events in 3.5 s");
        var customer = pushed[^1].Call.Legs[0].Quality;
        Assert.NotNull(customer);
        Assert.True(customer.Mos > 4.0, $"MOS {customer.Mos}");
        Assert.Equal((QualityBand.Green, 0.0), (customer.Band, customer.LossPercent));
        Assert.All(view.Legs, leg => Assert.NotNull(leg.Quality));
        var (id, summary) = Assert.Single(Harness.Inbox.QualitySummaries);
        Assert.Equal(call.InteractionId, id);
        Assert.Equal([CallLegRole.Customer, CallLegRole.Agent], summary.Legs.Select(l => l.Role));
        Assert.All(summary.Legs, leg =>
        {
            Assert.True(leg.Windows >= 2, $"{leg.Role}: {leg.Windows} windows");
            Assert.InRange(leg.MinimumMos, 4.0, leg.AverageMos);
            Assert.Equal(QualityBand.Green, leg.WorstBand);
        });
        await AssertNothingLeftAsync();
    }
}
