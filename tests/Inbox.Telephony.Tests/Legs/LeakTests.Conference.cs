using Inbox.Interactions.Calls;
using Inbox.Interactions.Events;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>Conference calls ending every way leave nothing either: mixes off the media clock, legs, ports, transactions.</summary>
public sealed partial class LeakTests
{
    [Fact]
    public async Task ManyConferences_EveryEnding_NothingLeft()
    {
        for (var i = 0; i < 10; i++)
        {
            await ConferenceAsync(i);
        }

        await AssertNothingLeftOnceTimersRunOutAsync();
    }

    // Ends conference i one of five ways: the added agent hangs up; she is removed; her phone is busy; the agent leaves
    // and then the added agent hangs up (the customer, alone, is hung up); the customer hangs up.
    private async Task ConferenceAsync(int i)
    {
        var number = i.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("3" + number));
        using var guest = Register(new TestPhone("4" + number));
        var call = await ConnectAsync(caller, phone);
        await Harness.Handler.AddAgentAsync(call.CallId, "guest" + number, [guest.Extension]);
        var invite = await guest.ReceiveRequestAsync("INVITE");
        if (i % 5 == 2)
        {
            await guest.RespondAsync(invite, 486, "Busy Here");
            await guest.ReceiveRequestAsync("ACK");
            await Until(() => Harness.Inbox.Published.Any(e => e.Id == call.InteractionId && e.Event is CallChanged { SipStatus: 486 }));
            await ByeFromCallerAsync(caller, phone);
            return;
        }

        await guest.RespondAsync(invite, 200, "OK", guest.PcmuAnswer);
        await guest.ReceiveRequestAsync("ACK");
        await Until(() => Harness.Inbox.Published.Any(e => e.Id == call.InteractionId && e.Event is CallChanged { Change: CallChange.Progress, SipStatus: 200 }));
        switch (i % 5)
        {
            case 0:
                await guest.ByeAsync(invite);
                await guest.ReceiveAsync();
                await ByeFromCallerAsync(caller, phone);
                break;
            case 1:
                await Harness.Handler.RemoveParticipantAsync(call.CallId, invite.CallId);
                await guest.RespondAsync(await guest.ReceiveRequestAsync("BYE"), 200, "OK");
                await ByeFromCallerAsync(caller, phone);
                break;
            case 3:
                await Harness.Handler.LeaveConferenceAsync(call.CallId, Agent, call.InteractionId);
                await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
                await guest.ByeAsync(invite);
                await guest.ReceiveAsync();
                await caller.ReceiveRequestAndOkAsync();
                break;
            default:
                await ByeFromCallerAsync(caller, phone);
                await guest.RespondAsync(await guest.ReceiveRequestAsync("BYE"), 200, "OK");
                break;
        }
    }
}
