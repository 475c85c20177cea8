using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// Calls between agents over real UDP: bruno (1002) calls ana (1001) from the team list. His phone is rung first
/// with auto-answer hints, then hers; answering bridges them; either side hanging up, a refusal or the API ends it.
/// </summary>
public sealed class TeammateCallTests : CallTestBase
{
    private const string Callee = "ana";

    [Fact]
    public async Task BothAnswer_BridgedBothWays_CalleeHangsUpAndTheCallerGetsBye()
    {
        using var caller = Register(new TestPhone("1002"));
        using var callee = Register(new TestPhone("1001"));

        var placed = Harness.Handler.CallAgent(Agent, ["1002"], Callee, ["1001"]);
        var callerInvite = await AnswerPhoneAsync(caller);
        var calleeInvite = await callee.ReceiveRequestAsync("INVITE");
        await callee.RespondAsync(calleeInvite, 180, "Ringing");
        await callee.RespondAsync(calleeInvite, 200, "OK", callee.PcmuAnswer);
        await callee.ReceiveRequestAsync("ACK");
        await RelayAsync(caller.Rtp, MediaPort(callerInvite.Body.Span), callee.Rtp, ssrc: 0x11111111, fill: 0x55);
        await RelayAsync(callee.Rtp, MediaPort(calleeInvite.Body.Span), caller.Rtp, ssrc: 0x22222222, fill: 0x66);
        await callee.ByeAsync(calleeInvite);
        var bye = await caller.ReceiveRequestAsync("BYE");
        await caller.RespondAsync(bye, 200, "OK");

        Assert.Equal(AgentCallState.CallingCaller, placed.State);
        Assert.Contains("answer-after=0", callerInvite.GetHeader("Call-Info"), StringComparison.Ordinal);
        Assert.Equal("1001", callerInvite.From.Uri.User);
        Assert.Equal("1002", calleeInvite.From.Uri.User);
        Assert.Null(calleeInvite.GetHeader("Call-Info"));
        Assert.Equal(callerInvite.CallId, bye.CallId);
        await Until(() => States().Contains(AgentCallState.Ended));
        Assert.Equal([AgentCallState.CallingCaller, AgentCallState.RingingCallee, AgentCallState.Connected, AgentCallState.Ended], States());
        Assert.All(Harness.Inbox.AgentCallChanges, c => Assert.Equal((placed.CallId, Agent, Callee), (c.Call.CallId, c.Call.CallerAgentId, c.Call.CalleeAgentId)));
        Assert.Empty(Harness.Inbox.Opened); // Not an interaction.
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task CalleeBusy_CallerGetsByeAndTheEndCarries486()
    {
        using var caller = Register(new TestPhone("1002"));
        using var callee = Register(new TestPhone("1001"));

        Harness.Handler.CallAgent(Agent, ["1002"], Callee, ["1001"]);
        await AnswerPhoneAsync(caller);
        var calleeInvite = await callee.ReceiveRequestAsync("INVITE");
        await callee.RespondAsync(calleeInvite, 486, "Busy Here");
        await callee.ReceiveRequestAsync("ACK");
        await caller.RespondAsync(await caller.ReceiveRequestAsync("BYE"), 200, "OK");

        await Until(() => States().Contains(AgentCallState.Ended));
        var end = Harness.Inbox.AgentCallChanges.Last();
        Assert.Equal((486, "ana's phone is busy"), (end.SipStatus, end.Detail));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task HungUpFromTheApiWhileTheCalleeRings_CalleeCancelledAndCallerGetsBye()
    {
        using var caller = Register(new TestPhone("1002"));
        using var callee = Register(new TestPhone("1001"));

        var placed = Harness.Handler.CallAgent(Agent, ["1002"], Callee, ["1001"]);
        await AnswerPhoneAsync(caller);
        var calleeInvite = await callee.ReceiveRequestAsync("INVITE");
        await callee.RespondAsync(calleeInvite, 180, "Ringing");
        var listed = Harness.Handler.ListAgentCalls(Callee);
        var ended = await Harness.Handler.HangUpAgentCallAsync(placed.CallId, Agent);
        await caller.RespondAsync(await caller.ReceiveRequestAsync("BYE"), 200, "OK");
        await callee.RespondAsync(await callee.ReceiveRequestAsync("CANCEL"), 200, "OK");
        await callee.RespondAsync(calleeInvite, 487, "Request Terminated");
        await callee.ReceiveRequestAsync("ACK");

        Assert.Equal((placed.CallId, AgentCallState.RingingCallee), (Assert.Single(listed).CallId, listed[0].State));
        Assert.Equal(AgentCallState.Ended, ended.State);
        Assert.Empty(Harness.Handler.ListAgentCalls(Agent));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task RefusedUpFront_HerselfOrACalleeWithoutPhone_FailedPreconditionAndNothingRings()
    {
        using var caller = Register(new TestPhone("1002"));

        var herself = Assert.Throws<InboxException>(() => Harness.Handler.CallAgent(Agent, ["1002"], Agent, ["1002"]));
        var noPhone = Assert.Throws<InboxException>(() => Harness.Handler.CallAgent(Agent, ["1002"], Callee, ["1001"]));
        var someoneElses = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.HangUpAgentCallAsync("no-such-call", Agent));

        Assert.Equal(InboxError.FailedPrecondition, herself.Error);
        Assert.Equal((InboxError.FailedPrecondition, "Agent 'ana' has no registered phone."), (noPhone.Error, noPhone.Message));
        Assert.Equal(InboxError.NotFound, someoneElses.Error);
        await AssertNothingLeftAsync();
    }

    private List<AgentCallState> States() => [.. Harness.Inbox.AgentCallChanges.Select(c => c.Call.State).Distinct()];
}
