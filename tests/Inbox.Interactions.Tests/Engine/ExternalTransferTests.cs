using System.Collections.Immutable;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>
/// Transfers of calls to a number outside, as the engine sees them: nobody is offered them; the number answering
/// hands the call over (the interaction is finalized as transferred out), an attended one after the consult; a
/// number that cannot be reached, or the timeout, returns the call.
/// </summary>
public sealed class ExternalTransferTests
{
    private const string Number = "+34600123456";
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task Blind_NumberAnswers_FinalizedAsTransferredOutWithoutWrapUp()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await TransferredOutAsync(inbox, TransferMode.Blind);
        var pending = await inbox.GetAsync(call.Id);

        var handedOver = await inbox.Engine.ExternalTransferAnsweredAsync(call.Id, consult: false, s_none);

        Assert.Equal((TransferTargetKind.External, Number, null), (pending.Transfer!.TargetKind, pending.Transfer.TargetId, pending.Transfer.OfferedTo));
        Assert.Equal((InteractionState.Finalized, "bruno", "transferred to " + Number), (handedOver.State, handedOver.AgentId, handedOver.EndReason));
        Assert.Null(handedOver.WrapUpUntil);
        Assert.Equal([("t", call.Id)], inbox.Channels[ChannelKind.Telephony].Offers);
    }

    [Fact]
    public async Task Attended_AnsweredThenCompleted_NoTimeoutWhileConsultingThenFinalizedWithWrapUp()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await TransferredOutAsync(inbox, TransferMode.Attended);

        var consulting = await inbox.Engine.ExternalTransferAnsweredAsync(call.Id, consult: true, s_none);
        await inbox.AdvanceAsync(InboxFixture.TransferTimeout * 2);
        var stillPending = await inbox.GetAsync(call.Id);
        var completed = await inbox.Engine.CompleteTransferAsync(inbox.Bruno, call.Id, s_none);

        Assert.NotNull(consulting.Transfer!.AnsweredAt);
        Assert.Equal(InteractionState.TransferPending, stillPending.State);
        Assert.Equal((InteractionState.Finalized, "transferred to " + Number), (completed.State, completed.EndReason));
        Assert.NotNull(completed.WrapUpUntil);
    }

    [Fact]
    public async Task Failed_ReturnedToTheAgentAndChannelTold()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await TransferredOutAsync(inbox, TransferMode.Attended);

        var returned = await inbox.Engine.ExternalTransferFailedAsync(call.Id, s_none);

        Assert.Equal((InteractionState.Active, "bruno", null), (returned.State, returned.AgentId, returned.Transfer));
        Assert.Equal([("t", call.Id), ("t<bruno", call.Id)], inbox.Channels[ChannelKind.Telephony].Offers);
    }

    [Fact]
    public async Task NumberNeverAnswers_TimeoutReturnsTheCall_ThenALateAnswerIsRefused()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await TransferredOutAsync(inbox, TransferMode.Blind);

        await inbox.AdvanceAsync(InboxFixture.TransferTimeout);
        var late = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.ExternalTransferAnsweredAsync(call.Id, consult: false, s_none));

        Assert.Equal(InteractionState.Active, (await inbox.GetAsync(call.Id)).State);
        Assert.Equal(InboxError.FailedPrecondition, late.Error);
    }

    [Fact]
    public async Task TextInteraction_ToANumber_InvalidArgument()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, "+5511999990001", campaignId: "support");
        var chat = await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);

        var refused = await Assert.ThrowsAsync<InboxException>(() =>
            inbox.Engine.TransferAsync(inbox.Bruno, chat.Id, TransferTargetKind.External, Number, TransferMode.Blind, s_none));

        Assert.Equal(InboxError.InvalidArgument, refused.Error);
    }

    // Bruno's call, being transferred to the number; the telephony channel's notices start from the transfer.
    private static async Task<Interaction> TransferredOutAsync(InboxFixture inbox, TransferMode mode)
    {
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+15550100", null, ImmutableDictionary<string, string>.Empty, s_none);
        var call = await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);
        inbox.Channels[ChannelKind.Telephony].Offers.Clear();
        await inbox.Engine.TransferAsync(inbox.Bruno, call.Id, TransferTargetKind.External, Number, mode, s_none);
        return call;
    }
}
