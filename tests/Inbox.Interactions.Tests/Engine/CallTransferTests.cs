using System.Collections.Immutable;
using Inbox.Interactions.Agents;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>
/// Transfers of calls as the engine sees them: blind ones free the agent at once, attended ones stop timing out once
/// the target answers (the consult) and are completed by the agent; telephony learns of each step.
/// </summary>
public sealed class CallTransferTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task Blind_AgentIsFreeAtOnce_NextCallOfferedToHer()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await TransferredToAnaAsync(inbox, TransferMode.Blind);

        var next = await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+15550199", null, ImmutableDictionary<string, string>.Empty, s_none);

        Assert.Equal("bruno", (await inbox.GetAsync(next.Id)).OfferedTo);
        Assert.Equal(AgentActivity.Offered, (await inbox.Engine.GetAgentAsync(inbox.Bruno, s_none)).Activity);
    }

    [Fact]
    public async Task Attended_AgentKeepsTheCall_NextCallWaits()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await TransferredToAnaAsync(inbox, TransferMode.Attended);

        var next = await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+15550199", null, ImmutableDictionary<string, string>.Empty, s_none);

        Assert.Equal(InteractionState.Pending, (await inbox.GetAsync(next.Id)).State);
    }

    [Fact]
    public async Task Blind_NobodyAnswers_ReturnedToTheAgentAndChannelTold()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await TransferredToAnaAsync(inbox, TransferMode.Blind);
        var notices = inbox.Channels[ChannelKind.Telephony].Offers;

        await inbox.AdvanceAsync(InboxFixture.TransferTimeout);

        var returned = await inbox.GetAsync(call.Id);
        Assert.Equal((InteractionState.Active, "bruno"), (returned.State, returned.AgentId));
        Assert.Equal([("t", call.Id), ("t+ana", call.Id), ("t-ana", call.Id), ("t<bruno", call.Id)], notices);
    }

    [Fact]
    public async Task Blind_TargetAccepts_ChannelToldAcceptedOnly()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await TransferredToAnaAsync(inbox, TransferMode.Blind);
        var notices = inbox.Channels[ChannelKind.Telephony].Offers;

        var accepted = await inbox.Engine.AcceptOfferAsync(inbox.Ana, call.Id, s_none);

        Assert.Equal((InteractionState.Active, "ana"), (accepted.State, accepted.AgentId));
        Assert.Equal([("t", call.Id), ("t+ana", call.Id), ("t=ana", call.Id)], notices);
    }

    [Fact]
    public async Task Blind_CustomerLeavesWhileTransferring_FinalizedWithoutWrapUpForTheAgent()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await TransferredToAnaAsync(inbox, TransferMode.Blind);

        var ended = await inbox.Engine.EndByCustomerAsync(call.Id, "customer hung up", s_none);

        Assert.Equal((InteractionState.Finalized, "bruno"), (ended.State, ended.AgentId));
        Assert.Null(ended.WrapUpUntil);
        Assert.Equal(AgentActivity.Idle, (await inbox.Engine.GetAgentAsync(inbox.Bruno, s_none)).Activity);
    }

    [Fact]
    public async Task Attended_AnsweredThenCompleted_TargetHasItAndNoTimeoutApplied()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await TransferredToAnaAsync(inbox, TransferMode.Attended);
        var notices = inbox.Channels[ChannelKind.Telephony].Offers;

        var consulting = await inbox.Engine.TransferAnsweredAsync(inbox.Ana, call.Id, s_none);
        await inbox.AdvanceAsync(InboxFixture.TransferTimeout * 2);
        var stillPending = await inbox.GetAsync(call.Id);
        var completed = await inbox.Engine.CompleteTransferAsync(inbox.Bruno, call.Id, s_none);

        Assert.NotNull(consulting.Transfer!.AnsweredAt);
        Assert.Equal(InteractionState.TransferPending, stillPending.State);
        Assert.Equal((InteractionState.Active, "ana"), (completed.State, completed.AgentId));
        Assert.Equal([("t", call.Id), ("t+ana", call.Id), ("t=ana", call.Id)], notices);
    }

    [Fact]
    public async Task Complete_BeforeTheTargetAnswers_FailedPrecondition()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await TransferredToAnaAsync(inbox, TransferMode.Attended);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.CompleteTransferAsync(inbox.Bruno, call.Id, s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
    }

    [Fact]
    public async Task Answered_NotOfferedToHer_FailedPrecondition()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await TransferredToAnaAsync(inbox, TransferMode.Blind);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.TransferAnsweredAsync(inbox.Ana, call.Id, s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
    }

    [Fact]
    public async Task CampaignTransfer_TargetHangsUpTheConsult_ReturnedRatherThanOfferedOn()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await CallWithBrunoAsync(inbox, ChannelKind.WhatsApp);
        await inbox.ReadyAsync(inbox.Carla);
        await inbox.ReadyAsync(inbox.Ana);
        await inbox.Engine.TransferAsync(inbox.Bruno, call.Id, TransferTargetKind.Campaign, "sales", TransferMode.Attended, s_none);
        var target = (await inbox.GetAsync(call.Id)).Transfer!.OfferedTo!;
        await inbox.Engine.TransferAnsweredAsync(inbox.Engine.Directory.Agent(target)!, call.Id, s_none);

        var returned = await inbox.Engine.RejectOfferAsync(inbox.Engine.Directory.Agent(target)!, call.Id, s_none);

        Assert.Equal((InteractionState.Active, "bruno"), (returned.State, returned.AgentId));
    }

    [Fact]
    public async Task CancelTransfer_WhileOffered_OfferEndedThenReturned()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await TransferredToAnaAsync(inbox, TransferMode.Attended);
        var notices = inbox.Channels[ChannelKind.Telephony].Offers;
        notices.Clear();

        await inbox.Engine.CancelTransferAsync(inbox.Bruno, call.Id, s_none);

        Assert.Equal([("t-ana", call.Id), ("t<bruno", call.Id)], notices);
    }

    // Bruno's call, transferred to ana (ready): the telephony channel's notices start from the transfer.
    private static async Task<Interaction> TransferredToAnaAsync(InboxFixture inbox, TransferMode mode)
    {
        var call = await CallWithBrunoAsync(inbox);
        await inbox.ReadyAsync(inbox.Ana);
        inbox.Channels[ChannelKind.Telephony].Offers.Clear();
        await inbox.Engine.TransferAsync(inbox.Bruno, call.Id, TransferTargetKind.Agent, "ana", mode, s_none);
        return call;
    }

    // A call (or, for campaign transfers to "sales", a WhatsApp conversation) bruno has accepted.
    private static async Task<Interaction> CallWithBrunoAsync(InboxFixture inbox, ChannelKind channel = ChannelKind.Telephony)
    {
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = channel == ChannelKind.Telephony
            ? await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+15550100", null, ImmutableDictionary<string, string>.Empty, s_none)
            : await inbox.CustomerWritesAsync(channel, "+5511999990001", campaignId: "support");
        return await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);
    }
}
