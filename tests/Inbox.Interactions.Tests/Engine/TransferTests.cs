using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Engine;

public sealed class TransferTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task TransferToAgent_Accepted_HerInteractionNow()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);
        await inbox.ReadyAsync(inbox.Ana);

        var pending = await inbox.Engine.TransferAsync(inbox.Bruno, active.Id, TransferTargetKind.Agent, "ana", s_none);
        var accepted = await inbox.Engine.AcceptOfferAsync(inbox.Ana, active.Id, s_none);

        Assert.Equal(InteractionState.TransferPending, pending.State);
        Assert.Equal("ana", pending.Transfer!.OfferedTo);
        Assert.Equal(InteractionState.Active, accepted.State);
        Assert.Equal("ana", accepted.AgentId);
        Assert.Null(accepted.Transfer);
    }

    [Fact]
    public async Task TransferToAgent_Rejected_BackWithTheTransferringAgent()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);
        await inbox.ReadyAsync(inbox.Ana);
        await inbox.Engine.TransferAsync(inbox.Bruno, active.Id, TransferTargetKind.Agent, "ana", s_none);

        var returned = await inbox.Engine.RejectOfferAsync(inbox.Ana, active.Id, s_none);

        Assert.Equal(InteractionState.Active, returned.State);
        Assert.Equal("bruno", returned.AgentId);
    }

    [Fact]
    public async Task TransferToCampaign_NobodyAcceptsWithinTimeout_ReturnsToTransferringAgent()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox, ChannelKind.WhatsApp, "+5511999990001");
        await inbox.ReadyAsync(inbox.Carla);

        var pending = await inbox.Engine.TransferAsync(inbox.Bruno, active.Id, TransferTargetKind.Campaign, "sales", s_none);
        Assert.Equal(InteractionState.TransferPending, pending.State);
        Assert.Equal("carla", (await inbox.GetAsync(active.Id)).Transfer!.OfferedTo);
        await inbox.AdvanceAsync(InboxFixture.TransferTimeout);

        var returned = await inbox.GetAsync(active.Id);
        Assert.Equal(InteractionState.Active, returned.State);
        Assert.Equal("bruno", returned.AgentId);
        Assert.Equal("support", returned.CampaignId);
        Assert.Null(returned.Transfer);
    }

    [Fact]
    public async Task TransferToCampaign_MemberAccepts_MovesToThatCampaign()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox, ChannelKind.WhatsApp, "+5511999990001");
        await inbox.ReadyAsync(inbox.Carla);
        await inbox.Engine.TransferAsync(inbox.Bruno, active.Id, TransferTargetKind.Campaign, "sales", s_none);

        var accepted = await inbox.Engine.AcceptOfferAsync(inbox.Carla, active.Id, s_none);

        Assert.Equal("carla", accepted.AgentId);
        Assert.Equal("sales", accepted.CampaignId);
    }

    [Fact]
    public async Task TransferToCampaign_WithoutTheChannel_FailedPrecondition()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);

        var refused = await Assert.ThrowsAsync<InboxException>(
            () => inbox.Engine.TransferAsync(inbox.Bruno, active.Id, TransferTargetKind.Campaign, "sales", s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
        Assert.Contains("does not work the Email channel", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransferToAgent_TargetNotSignedIn_FailedPrecondition()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);

        var refused = await Assert.ThrowsAsync<InboxException>(
            () => inbox.Engine.TransferAsync(inbox.Bruno, active.Id, TransferTargetKind.Agent, "ana", s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
    }

    [Fact]
    public async Task TransferToAgent_AtHerChannelLimit_ResourceExhaustedNamingHer()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox, ChannelKind.WhatsApp, "+5511999990001");
        await inbox.ReadyAsync(inbox.Ana);
        for (var i = 2; i <= 3; i++)
        {
            var offered = await inbox.CustomerWritesAsync(ChannelKind.WhatsApp, $"+551199999000{i}", campaignId: "support");
            await inbox.Engine.AcceptOfferAsync(inbox.Ana, offered.Id, s_none);
        }

        var refused = await Assert.ThrowsAsync<InboxException>(
            () => inbox.Engine.TransferAsync(inbox.Bruno, active.Id, TransferTargetKind.Agent, "ana", s_none));

        Assert.Equal(InboxError.ResourceExhausted, refused.Error);
        Assert.Contains("Ana already has 2 WhatsApp", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelTransfer_Pending_ActiveAgain()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);
        await inbox.ReadyAsync(inbox.Ana);
        await inbox.Engine.TransferAsync(inbox.Bruno, active.Id, TransferTargetKind.Agent, "ana", s_none);

        var cancelled = await inbox.Engine.CancelTransferAsync(inbox.Bruno, active.Id, s_none);

        Assert.Equal(InteractionState.Active, cancelled.State);
        await Assert.ThrowsAsync<InboxException>(() => inbox.Engine.AcceptOfferAsync(inbox.Ana, active.Id, s_none));
    }

    [Fact]
    public async Task TransferToCampaign_OfferedMemberSignsOut_OfferedToAnotherMember()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox, ChannelKind.WhatsApp, "+5511999990001");
        var carla = await inbox.ReadyAsync(inbox.Carla);
        await inbox.Engine.TransferAsync(inbox.Bruno, active.Id, TransferTargetKind.Campaign, "sales", s_none);
        await inbox.ReadyAsync(inbox.Ana);

        await inbox.Engine.SignOutAsync(inbox.Sessions, carla, s_none);

        var moved = await inbox.GetAsync(active.Id);
        Assert.Equal(InteractionState.TransferPending, moved.State);
        Assert.Equal("ana", moved.Transfer!.OfferedTo);
    }

    [Fact]
    public async Task TransferToAgent_TargetSignsOut_BackWithTheTransferringAgent()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var active = await ActiveWithBrunoAsync(inbox);
        var ana = await inbox.ReadyAsync(inbox.Ana);
        await inbox.Engine.TransferAsync(inbox.Bruno, active.Id, TransferTargetKind.Agent, "ana", s_none);

        await inbox.Engine.SignOutAsync(inbox.Sessions, ana, s_none);

        var returned = await inbox.GetAsync(active.Id);
        Assert.Equal(InteractionState.Active, returned.State);
        Assert.Equal("bruno", returned.AgentId);
        Assert.Null(returned.Transfer);
    }

    private static async Task<Interaction> ActiveWithBrunoAsync(InboxFixture inbox, ChannelKind channel = ChannelKind.Email, string address = "client@example.com")
    {
        await inbox.ReadyAsync(inbox.Bruno);
        var offered = await inbox.CustomerWritesAsync(channel, address, campaignId: "support");
        return await inbox.Engine.AcceptOfferAsync(inbox.Bruno, offered.Id, s_none);
    }
}
