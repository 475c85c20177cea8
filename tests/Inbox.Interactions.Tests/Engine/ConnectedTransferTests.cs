using System.Collections.Immutable;
using Inbox.Interactions.Agents;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>
/// Attended transfers an agent's phone completed by itself (REFER with Replaces): the interaction is the target's at
/// once, the telephony channel is told nothing (it connected her already), and the rules of an offered transfer hold.
/// </summary>
public sealed class ConnectedTransferTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task TransferConnected_TargetReady_HersAtOnceAndTheAgentIsFree()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await CallWithBrunoAsync(inbox);
        await inbox.ReadyAsync(inbox.Ana);
        var notices = inbox.Channels[ChannelKind.Telephony].Offers;
        notices.Clear();

        var connected = await inbox.Engine.TransferConnectedAsync(inbox.Bruno, call.Id, "ana", s_none);

        Assert.Equal((InteractionState.Active, "ana", null), (connected.State, connected.AgentId, connected.Transfer));
        Assert.Empty(notices);
        Assert.Equal(AgentActivity.Idle, (await inbox.Engine.GetAgentAsync(inbox.Bruno, s_none)).Activity);
        Assert.Equal("ana", (await inbox.GetAsync(call.Id)).AgentId);
    }

    [Fact]
    public async Task TransferConnected_TargetNotReady_FailedPreconditionAndStillHis()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await CallWithBrunoAsync(inbox);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.TransferConnectedAsync(inbox.Bruno, call.Id, "ana", s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
        Assert.Equal((InteractionState.Active, "bruno"), ((await inbox.GetAsync(call.Id)).State, (await inbox.GetAsync(call.Id)).AgentId));
    }

    [Fact]
    public async Task TransferConnected_ATransferIsUnderWay_FailedPrecondition()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await CallWithBrunoAsync(inbox);
        await inbox.ReadyAsync(inbox.Ana);
        await inbox.Engine.TransferAsync(inbox.Bruno, call.Id, TransferTargetKind.Agent, "ana", TransferMode.Attended, s_none);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.TransferConnectedAsync(inbox.Bruno, call.Id, "ana", s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
    }

    [Fact]
    public async Task TransferConnected_ToHerself_InvalidArgument()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await CallWithBrunoAsync(inbox);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.TransferConnectedAsync(inbox.Bruno, call.Id, "bruno", s_none));

        Assert.Equal(InboxError.InvalidArgument, refused.Error);
    }

    private static async Task<Interaction> CallWithBrunoAsync(InboxFixture inbox)
    {
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+15550100", null, ImmutableDictionary<string, string>.Empty, s_none);
        return await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);
    }
}
