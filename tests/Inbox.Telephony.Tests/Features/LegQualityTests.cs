using System.Net.Sockets;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Events;
using Inbox.Interactions.Interactions;
using Inbox.Telephony.Tests.Legs;

namespace Inbox.Telephony.Tests.Features;

/// <summary>
/// Legs beyond the customer's and her agent's are scored too (every second here): a conference participant, an attended
/// transfer's target while consulting, both phones of a call between agents. Their views show the MOS, and nothing
/// stays watched once the call is over.
/// </summary>
public sealed class LegQualityTests : CallTestBase
{
    private static readonly TimeSpan s_talk = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task ConferenceParticipant_Talks_ViewAndPushShowHerMos_SummaryFilesHerAsParticipant()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var ana = Register(new TestPhone("1001"));
        var call = await ConnectAsync(caller, phone);
        await Harness.Handler.AddAgentAsync(call.CallId, "ana", [ana.Extension]);
        var invite = await AnswerPhoneAsync(ana);

        await TalkAsync((caller.Rtp, call.CallerLegPort), (phone.Rtp, call.AgentLegPort), (ana.Rtp, MediaPort(invite.Body.Span)));
        var view = await Harness.Handler.GetCallAsync(call.CallId);
        var pushed = Harness.Inbox.Published.Select(e => e.Event).OfType<CallChanged>().Last(e => e.Change == CallChange.Quality);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await ana.RespondAsync(await ana.ReceiveRequestAsync("BYE"), 200, "OK");
        await Until(() => !Harness.Inbox.QualitySummaries.IsEmpty);

        Assert.Equal(3, view.Participants.Length);
        Assert.All(view.Participants, p => AssertGood(p.Quality));
        AssertGood(pushed.Call.Participants.Single(p => p.AgentId == "ana").Quality);
        var (_, summary) = Assert.Single(Harness.Inbox.QualitySummaries);
        Assert.Equal(
            [(CallLegRole.Customer, null), (CallLegRole.Agent, null), (CallLegRole.Participant, "ana")],
            summary.Legs.Select(l => (l.Role, l.Party)));
        Assert.All(summary.Legs, leg => Assert.True(leg.Windows >= 1, $"{leg.Role}: {leg.Windows} windows"));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task AttendedTransfer_TargetConsults_HerLegShowsMosWhileConsulting()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        using var target = Register(new TestPhone("1001"));
        var call = await ConnectAsync(caller, phone);
        Harness.Handler.TransferStarted(call.CallId, call.InteractionId, TransferMode.Attended);
        Harness.Handler.TransferOffered(call.CallId, call.InteractionId, "ana", [target.Extension]);
        var invite = await AnswerPhoneAsync(target);
        await Until(() => Harness.Inbox.Consulting.Contains(("ana", call.InteractionId)));

        await TalkAsync((phone.Rtp, call.AgentLegPort), (target.Rtp, MediaPort(invite.Body.Span)));
        var consulting = await Harness.Handler.GetCallAsync(call.CallId);
        var watchedWhileConsulting = Harness.Quality.Watched;
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        await target.RespondAsync(await target.ReceiveRequestAsync("BYE"), 200, "OK");

        Assert.Equal(CallState.Consulting, consulting.State);
        AssertGood(consulting.Legs.Single(l => l.Role == CallLegRole.TransferTarget).Quality);
        Assert.Equal(3, watchedWhileConsulting);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task CallBetweenAgents_BothTalk_BothPhonesScoredAndPushedWhileConnected()
    {
        using var caller = Register(new TestPhone("1002"));
        using var callee = Register(new TestPhone("1001"));
        var placed = Harness.Handler.CallAgent(Agent, ["1002"], "ana", ["1001"]);
        var callerInvite = await AnswerPhoneAsync(caller);
        var calleeInvite = await AnswerPhoneAsync(callee);

        await TalkAsync((caller.Rtp, MediaPort(callerInvite.Body.Span)), (callee.Rtp, MediaPort(calleeInvite.Body.Span)));
        var listed = Assert.Single(Harness.Handler.ListAgentCalls("ana"));
        var pushed = Harness.Inbox.AgentCallChanges.LastOrDefault(c => c.Call.State == AgentCallState.Connected && c.Call.CalleeQuality is not null);
        await Harness.Handler.HangUpAgentCallAsync(placed.CallId, Agent);
        await caller.RespondAsync(await caller.ReceiveRequestAsync("BYE"), 200, "OK");
        await callee.RespondAsync(await callee.ReceiveRequestAsync("BYE"), 200, "OK");

        AssertGood(listed.CallerQuality);
        AssertGood(listed.CalleeQuality);
        Assert.NotNull(pushed);
        AssertGood(pushed.Call.CallerQuality);
        Assert.Null(pushed.Detail);
        Assert.Empty(Harness.Inbox.QualitySummaries); // Not an interaction: nothing to file on.
        await AssertNothingLeftAsync();
    }

    private static void AssertGood(LegQuality? quality)
    {
        Assert.NotNull(quality);
        Assert.True(quality.Mos > 4.0, $"MOS {quality.Mos}");
        Assert.Equal(QualityBand.Green, quality.Band);
    }

    // Each party streams to its leg's server port for a few windows, and reads (and drops) what reaches it meanwhile.
    private static Task<List<byte[]>[]> TalkAsync(params (Socket Socket, int ServerPort)[] parties) =>
        Task.WhenAll(parties.Select((party, i) => SendAndCollectAsync(party.Socket, party.ServerPort, party.Socket, fill: (byte)(0x51 + i), s_talk)));
}
