using System.Collections.Immutable;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>
/// Whom a conference call adds when the agent names a campaign: a free member as its routing would pick, never the
/// call's own agent; the interaction stays hers.
/// </summary>
public sealed class ConferenceMemberTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task PickConferenceMember_FreeMember_ThatMemberAndTheCallStaysTheAgents()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await CallWithBrunoAsync(inbox);
        await inbox.ReadyAsync(inbox.Ana);

        var member = await inbox.Engine.PickConferenceMemberAsync(inbox.Bruno, call.Id, "support", s_none);

        var after = await inbox.GetAsync(call.Id);
        Assert.Equal("ana", member.Id);
        Assert.Equal((InteractionState.Active, "bruno"), (after.State, after.AgentId));
    }

    [Fact]
    public async Task PickConferenceMember_OnlyTheAgentIsFree_FailedPrecondition()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await CallWithBrunoAsync(inbox);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.PickConferenceMemberAsync(inbox.Bruno, call.Id, "support", s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
    }

    [Fact]
    public async Task PickConferenceMember_UnknownCampaign_NotFound()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await CallWithBrunoAsync(inbox);

        var refused = await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.PickConferenceMemberAsync(inbox.Bruno, call.Id, "nowhere", s_none));

        Assert.Equal(InboxError.NotFound, refused.Error);
    }

    private static async Task<Interaction> CallWithBrunoAsync(InboxFixture inbox)
    {
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+15550100", null, ImmutableDictionary<string, string>.Empty, s_none);
        return await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);
    }
}
