using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Events;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>Parking a call, retrieving it from another agent's phone, a full lot, and the ring-back after the timeout.</summary>
public sealed class ParkTests : CallTestBase
{
    [Fact]
    public async Task Park_AfterTheCallOverflowedToSales_FiledUnderSales()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        Harness.Handler.WorkedIn(call.CallId, "sales");
        await Harness.Handler.ParkAsync(call.CallId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        var lot = Harness.Handler.ListParked();
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();

        Assert.Equal((call.InteractionId, "sales"), (Assert.Single(lot).InteractionId, lot[0].CampaignId));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Park_ThenAnotherAgentRetrieves_HerPhoneRingsAndIsBridged()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var anasPhone = Register(new TestPhone("1001"));
        var call = await ConnectAsync(caller, phone);

        var parked = await Harness.Handler.ParkAsync(call.CallId);
        var bye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(bye, 200, "OK");
        var heardParked = await SendAndCollectAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, fill: 0x55, TimeSpan.FromMilliseconds(400));
        var callerHeard = await caller.ReceiveRtpAsync(TimeSpan.FromMilliseconds(300));
        var lot = Harness.Handler.ListParked();
        var retrieved = await Harness.Handler.RetrieveAsync(call.CallId, "ana", ["1001"]);
        var invite = await anasPhone.ReceiveRequestAsync("INVITE");
        await anasPhone.RespondAsync(invite, 200, "OK", anasPhone.PcmuAnswer);
        await anasPhone.ReceiveRequestAsync("ACK");
        await RelayAsync(caller.Rtp, call.CallerLegPort, anasPhone.Rtp, ssrc: 0x44444444, fill: 0x77);
        var connected = await Harness.Handler.GetCallAsync(call.CallId);

        Assert.Equal((CallState.Parked, 701), (parked.State, parked.ParkSlot));
        Assert.Equal(call.PhoneInvite.CallId, bye.CallId);
        Assert.Empty(heardParked);
        Assert.NotEmpty(callerHeard);
        Assert.Equal((701, call.InteractionId, Agent), (Assert.Single(lot).Slot, lot[0].InteractionId, lot[0].ParkedBy));
        Assert.Null(retrieved.ParkSlot);
        Assert.Equal(("ana", call.InteractionId), Assert.Single(Harness.Inbox.TakenOver));
        Assert.Equal(CallState.Connected, connected.State);
        Assert.Equal("ana", connected.Legs[1].AgentId);
        Assert.Empty(Harness.Handler.ListParked());
        Assert.Contains(Harness.Inbox.PublishedToCampaign, e => e.Event is CallChanged { Call.State: CallState.Parked });

        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await anasPhone.RespondAsync(await anasPhone.ReceiveRequestAsync("BYE"), 200, "OK");
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Park_LotFull_RefusedAndTheCallStaysConnected()
    {
        using var first = new TestCaller(Harness.SipEndPoint);
        using var second = new TestCaller(Harness.SipEndPoint);
        using var third = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        foreach (var caller in (TestCaller[])[first, second])
        {
            var parked = await ConnectAsync(caller, phone);
            await Harness.Handler.ParkAsync(parked.CallId);
            await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        }

        var call = await ConnectAsync(third, phone);
        var refused = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.ParkAsync(call.CallId));
        var stillTalking = await SendAndCollectAsync(third.Rtp, call.CallerLegPort, phone.Rtp, fill: 0x55, TimeSpan.FromMilliseconds(300));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
        Assert.Contains("full", refused.Message, StringComparison.Ordinal);
        Assert.Contains(stillTalking, p => p[0] == 0x55);
        Assert.Equal(CallState.Connected, (await Harness.Handler.GetCallAsync(call.CallId)).State);
        Assert.Equal(2, Harness.Handler.ListParked().Count);
    }

    [Fact]
    public async Task Park_TimeoutPasses_RingsBackTheParkerAndParksAgainWhenSheDoesNotAnswer()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);
        await Harness.Handler.ParkAsync(call.CallId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");

        var ringBack = await phone.ReceiveRequestAsync("INVITE");
        var whileRinging = Harness.Handler.ListParked();
        await phone.RespondAsync(ringBack, 486, "Busy Here");
        await phone.ReceiveRequestAsync("ACK");
        await Until(() => Harness.Handler.ListParked().Count == 1);
        var secondRingBack = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(secondRingBack, 200, "OK", phone.PcmuAnswer);
        await phone.ReceiveRequestAsync("ACK");
        await RelayAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, ssrc: 0x44444444, fill: 0x77);

        Assert.NotEqual(call.PhoneInvite.CallId, ringBack.CallId);
        Assert.Empty(whileRinging);
        Assert.Equal(CallState.Connected, (await Harness.Handler.GetCallAsync(call.CallId)).State);
        Assert.Empty(Harness.Inbox.TakenOver);
        Assert.Empty(Harness.Handler.ListParked());

        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Retrieve_InboxRefuses_TheCallStaysParked()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);
        await Harness.Handler.ParkAsync(call.CallId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        Harness.Inbox.RefuseTakeOver = InboxException.Denied("You are not a member of campaign 'support'.");

        var refused = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.RetrieveAsync(call.CallId, "carla", ["1003"]));
        var view = await Harness.Handler.GetCallAsync(call.CallId);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();

        Assert.Equal(InboxError.PermissionDenied, refused.Error);
        Assert.Equal((CallState.Parked, 701), (view.State, view.ParkSlot));
        Assert.Equal([call.InteractionId], Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
        Assert.Empty(Harness.Handler.ListParked());
    }
}
