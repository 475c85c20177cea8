using Inbox.Interactions.Calls;
using Inbox.Interactions.Interactions;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>Transfers to a number outside: dialled through a trunk (a scripted far end), handed over, consulted, or returned.</summary>
public sealed partial class TransferTests
{
    private const string Number = "+34600123456";

    [Fact]
    public async Task External_BlindNumberAnswers_CustomerAndNumberTalkUntilTheNumberHangsUp()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var call = await ConnectAsync(caller, phone);

        TransferOut(call, TransferMode.Blind, trunk);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        var trunkInvite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(trunkInvite, 180, "Ringing");
        var ringing = await Harness.Handler.GetCallAsync(call.CallId);
        await trunk.RespondAsync(trunkInvite, 200, "OK", trunk.PcmuAnswer);
        await trunk.ReceiveRequestAsync("ACK");
        await Until(() => !Harness.Inbox.ExternalAnswered.IsEmpty);
        await BothWaysAsync(caller.Rtp, call.CallerLegPort, trunk.Rtp, MediaPort(trunkInvite.Body.Span), 0x55, 0x77);
        var connected = await Harness.Handler.GetCallAsync(call.CallId);
        await trunk.ByeAsync(trunkInvite);
        var callerBye = await caller.ReceiveRequestAndOkAsync();
        await trunk.ReceiveAsync(); // 200 for its BYE

        Assert.Equal("sip:0034600123456@127.0.0.1:" + trunk.SipEndPoint.Port, trunkInvite.RequestUriText);
        Assert.Equal(CallState.Transferring, ringing.State);
        Assert.Equal((CallLegRole.TransferTarget, Number), (ringing.Legs[^1].Role, ringing.Legs[^1].Address));
        Assert.Equal((call.InteractionId, false), Assert.Single(Harness.Inbox.ExternalAnswered));
        Assert.Equal(CallState.Connected, connected.State);
        Assert.Equal([CallLegRole.Customer, CallLegRole.TransferTarget], connected.Legs.Select(l => l.Role));
        Assert.Equal("BYE", callerBye.MethodName);
        Assert.Empty(Harness.Inbox.HungUp); // The interaction was handed over; the call outlived it.
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task External_AttendedNumberAnswers_AgentConsultsThenCompleteJoinsCustomerAndNumber()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var call = await ConnectAsync(caller, phone);

        TransferOut(call, TransferMode.Attended, trunk);
        var trunkInvite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(trunkInvite, 200, "OK", trunk.PcmuAnswer);
        await trunk.ReceiveRequestAsync("ACK");
        var trunkLegPort = MediaPort(trunkInvite.Body.Span);
        await Until(() => !Harness.Inbox.ExternalAnswered.IsEmpty);
        await BothWaysAsync(phone.Rtp, call.AgentLegPort, trunk.Rtp, trunkLegPort, 0x66, 0x77);
        var consulting = await Harness.Handler.GetCallAsync(call.CallId);
        var completed = await Harness.Handler.CompleteTransferAsync(call.CallId, Agent, call.InteractionId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await BothWaysAsync(caller.Rtp, call.CallerLegPort, trunk.Rtp, trunkLegPort, 0x56, 0x78);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await trunk.RespondAsync(await trunk.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.Equal((call.InteractionId, true), Assert.Single(Harness.Inbox.ExternalAnswered));
        Assert.Equal(CallState.Consulting, consulting.State);
        Assert.Equal((Agent, call.InteractionId), Assert.Single(Harness.Inbox.Completed));
        Assert.Equal(CallState.Connected, completed.State);
        Assert.Equal([CallLegRole.Customer, CallLegRole.TransferTarget], completed.Legs.Select(l => l.Role));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task External_NumberBusy_TransferFailsAndTheCustomerIsBackWithTheAgent()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var trunk = new TestPhone("carrier");
        var call = await ConnectAsync(caller, phone);

        TransferOut(call, TransferMode.Attended, trunk);
        var trunkInvite = await trunk.ReceiveRequestAsync("INVITE");
        var onHold = await caller.ReceiveRtpAsync(TimeSpan.FromMilliseconds(300));
        await trunk.RespondAsync(trunkInvite, 486, "Busy Here");
        await trunk.ReceiveRequestAsync("ACK");
        await Until(() => Harness.Inbox.ExternalFailed.Contains(call.InteractionId));

        // As the inbox does when the transfer fails: it is the agent's again.
        Harness.Handler.TransferReturned(call.CallId, call.InteractionId, Agent, [phone.Extension]);
        await BothWaysAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, call.AgentLegPort, 0x57, 0x68);
        var back = await Harness.Handler.GetCallAsync(call.CallId);
        await HangUpAsync(caller, phone);

        Assert.NotEmpty(onHold);
        Assert.Empty(Harness.Inbox.ExternalAnswered);
        Assert.Equal(CallState.Connected, back.State);
        Assert.Equal([CallLegRole.Customer, CallLegRole.Agent], back.Legs.Select(l => l.Role));
        await AssertNothingLeftAsync();
    }

    // As the inbox's notice does for a transfer to a number: the customer is held, and the number dialled.
    private void TransferOut(BridgedCall call, TransferMode mode, TestPhone trunk)
    {
        Harness.Handler.TransferStarted(call.CallId, call.InteractionId, mode);
        Harness.Handler.DialTransferTarget(call.CallId, call.InteractionId, Number, RouteThrough(trunk, Number));
    }
}
