using Inbox.Interactions.Calls;
using Inbox.Interactions.Interactions;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// Calls between agents and attended transfers, whose every answered leg is watched (RTP and quality), leave nothing
/// either once they end.
/// </summary>
public sealed partial class LeakTests
{
    [Fact]
    public async Task ManyAgentCallsAndConsults_EveryEnding_NothingWatchedOrLeft()
    {
        for (var i = 0; i < 8; i++)
        {
            await AgentCallAsync(i);
            await ConsultAsync(i);
        }

        await AssertNothingLeftOnceTimersRunOutAsync();
    }

    // Ends agent call i one of four ways: the callee hangs up; the caller hangs up; either agent hangs up from the API;
    // the callee's phone is busy.
    private async Task AgentCallAsync(int i)
    {
        var number = i.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        using var caller = Register(new TestPhone("5" + number));
        using var callee = Register(new TestPhone("6" + number));
        var placed = Harness.Handler.CallAgent("caller" + number, [caller.Extension], "callee" + number, [callee.Extension]);
        var callerInvite = await AnswerPhoneAsync(caller);
        var calleeInvite = await callee.ReceiveRequestAsync("INVITE");
        if (i % 4 == 3)
        {
            await callee.RespondAsync(calleeInvite, 486, "Busy Here");
            await callee.ReceiveRequestAsync("ACK");
            await caller.RespondAsync(await caller.ReceiveRequestAsync("BYE"), 200, "OK");
            await UntilAgentCallEndedAsync(placed.CallId);
            return;
        }

        await callee.RespondAsync(calleeInvite, 200, "OK", callee.PcmuAnswer);
        await callee.ReceiveRequestAsync("ACK");
        await UntilAgentCallAsync(placed.CallId, AgentCallState.Connected);
        switch (i % 4)
        {
            case 0:
                await callee.ByeAsync(calleeInvite);
                await callee.ReceiveAsync();
                await caller.RespondAsync(await caller.ReceiveRequestAsync("BYE"), 200, "OK");
                break;
            case 1:
                await caller.ByeAsync(callerInvite);
                await caller.ReceiveAsync();
                await callee.RespondAsync(await callee.ReceiveRequestAsync("BYE"), 200, "OK");
                break;
            default:
                await Harness.Handler.HangUpAgentCallAsync(placed.CallId, "callee" + number);
                await caller.RespondAsync(await caller.ReceiveRequestAsync("BYE"), 200, "OK");
                await callee.RespondAsync(await callee.ReceiveRequestAsync("BYE"), 200, "OK");
                break;
        }

        await UntilAgentCallEndedAsync(placed.CallId);
    }

    // An attended transfer whose target answered and consults, ended by the customer hanging up (even i) or by the
    // target hanging up, after which the customer hangs up with her agent.
    private async Task ConsultAsync(int i)
    {
        var number = i.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("7" + number));
        using var target = Register(new TestPhone("8" + number));
        var call = await ConnectAsync(caller, phone);
        Harness.Handler.TransferStarted(call.CallId, call.InteractionId, TransferMode.Attended);
        Harness.Handler.TransferOffered(call.CallId, call.InteractionId, "target" + number, [target.Extension]);
        var invite = await AnswerPhoneAsync(target);
        await Until(() => Harness.Inbox.Consulting.Contains(("target" + number, call.InteractionId)));
        if (i % 2 == 1)
        {
            await target.ByeAsync(invite);
            await target.ReceiveAsync();
        }

        await ByeFromCallerAsync(caller, phone);
        if (i % 2 == 0)
        {
            await target.RespondAsync(await target.ReceiveRequestAsync("BYE"), 200, "OK");
        }
    }

    private Task UntilAgentCallAsync(string callId, AgentCallState state) =>
        Until(() => Harness.Inbox.AgentCallChanges.Any(c => c.Call.CallId == callId && c.Call.State == state));

    private Task UntilAgentCallEndedAsync(string callId) => UntilAgentCallAsync(callId, AgentCallState.Ended);
}
