using System.Text.Json.Nodes;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Grpc;

/// <summary>Reads: the queue, history pages, campaigns, the team, and internal chats.</summary>
public sealed class QueryTests
{
    [Fact]
    public async Task History_PagesNewestFirst_WithTheNextPageStartWhileFull()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await server.CustomerWritesAsync($"+55119999900{50 + i}", "Hello " + i));
        }

        var first = await ana.Interactions.HistoryAsync(new V1.HistoryRequest { Limit = 2 }, ana.Auth);
        var second = await ana.Interactions.HistoryAsync(new V1.HistoryRequest { Limit = 2, CreatedBefore = first.NextCreatedBefore }, ana.Auth);
        var defaults = await ana.Interactions.HistoryAsync(new V1.HistoryRequest(), ana.Auth);
        var filtered = await ana.Interactions.HistoryAsync(new V1.HistoryRequest { CustomerAddress = "+5511999990051" }, ana.Auth);

        Assert.Equal([ids[2], ids[1]], first.Interactions.Select(i => i.Id));
        Assert.Equal(first.Interactions[1].CreatedAt, first.NextCreatedBefore);
        Assert.Equal([ids[0]], second.Interactions.Select(i => i.Id));
        Assert.Null(second.NextCreatedBefore);
        Assert.Equal(3, defaults.Interactions.Count);
        Assert.Null(defaults.NextCreatedBefore);
        Assert.Equal([ids[1]], filtered.Interactions.Select(i => i.Id));
    }

    [Fact]
    public async Task ListPending_FiltersByCampaignAndChannel()
    {
        await using var server = await ApiServer.StartAsync();
        var sara = await server.Agent("sara").SignInAsync();
        var id = await server.CustomerWritesAsync("+5511999990061", "Hello");

        var whatsApp = await sara.Interactions.ListPendingAsync(new V1.ListPendingRequest { Channel = V1.ChannelKind.Whatsapp }, sara.Auth);
        var webChat = await sara.Interactions.ListPendingAsync(new V1.ListPendingRequest { Channel = V1.ChannelKind.Webchat }, sara.Auth);
        var sales = await sara.Interactions.ListPendingAsync(new V1.ListPendingRequest { CampaignId = "sales" }, sara.Auth);

        var interaction = Assert.Single(whatsApp.Interactions);
        Assert.Equal(id, interaction.Id);
        Assert.Equal(V1.ChannelKind.Whatsapp, interaction.Channel);
        Assert.Equal("+5511999990061", interaction.CustomerAddress);
        Assert.Equal(V1.InteractionDirection.Inbound, interaction.Direction);
        Assert.NotNull(interaction.LastInboundAt);
        Assert.Empty(webChat.Interactions);
        Assert.Empty(sales.Interactions);
    }

    [Fact]
    public async Task ListCampaigns_AgentSeesHers_SupervisorSeesAll_WithChannelsAndDispositions()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var sara = await server.Agent("sara").SignInAsync();

        var hers = await ana.Campaigns.ListCampaignsAsync(new V1.ListCampaignsRequest(), ana.Auth);
        var all = await sara.Campaigns.ListCampaignsAsync(new V1.ListCampaignsRequest(), sara.Auth);

        var support = Assert.Single(hers.Campaigns);
        Assert.Equal(["Sales", "Support"], all.Campaigns.Select(c => c.Name));
        Assert.Equal([V1.ChannelKind.Whatsapp, V1.ChannelKind.Webchat], support.Channels.Select(c => c.Kind));
        var whatsApp = support.Channels[0];
        Assert.Equal(3, whatsApp.MaxPerAgent);
        Assert.Equal(Duration.FromTimeSpan(TimeSpan.FromHours(24)), whatsApp.Capabilities.MessagingWindow);
        Assert.Equal(Duration.FromTimeSpan(ApiServer.TransferTimeout), support.TransferTimeout);
        Assert.Equal(["spam", "solved"], support.Dispositions.Select(d => d.Code));
        Assert.Equal("first-contact", Assert.Single(support.Dispositions[1].Children).Code);
        Assert.Equal(["ana", "bruno"], support.MemberIds);
    }

    [Fact]
    public async Task ListCampaigns_SupportOverflowsToSales_ShownOnSupportOnly()
    {
        await using var server = await ApiServer.StartAsync(settings =>
            settings["Campaigns"]![0]!["Overflow"] = new JsonObject { ["After"] = "00:03:00", ["CampaignId"] = "sales", ["WhenNobodyIsSignedIn"] = true });
        var sara = await server.Agent("sara").SignInAsync();

        var all = await sara.Campaigns.ListCampaignsAsync(new V1.ListCampaignsRequest(), sara.Auth);

        var (sales, support) = (all.Campaigns[0], all.Campaigns[1]);
        Assert.Equal(("sales", Duration.FromTimeSpan(TimeSpan.FromMinutes(3)), true), (support.OverflowCampaignId, support.OverflowAfter, support.OverflowWhenNobodySignedIn));
        Assert.Equal((string.Empty, null, false), (sales.OverflowCampaignId, sales.OverflowAfter, sales.OverflowWhenNobodySignedIn));
    }

    [Fact]
    public async Task GetCampaignStats_OneWaitingOnWhatsApp_ShownWithSinceWhenAndTheMembers()
    {
        await using var server = await ApiServer.StartAsync();
        var sara = await server.Agent("sara").SignInAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var id = await server.CustomerWritesAsync("+5511999990311", "Anyone there?");
        var waiting = await sara.Interactions.GetInteractionAsync(new V1.GetInteractionRequest { InteractionId = id }, sara.Auth);

        var stats = await sara.Campaigns.GetCampaignStatsAsync(new V1.GetCampaignStatsRequest(), sara.Auth);
        var hers = await ana.Campaigns.GetCampaignStatsAsync(new V1.GetCampaignStatsRequest(), ana.Auth);

        var support = stats.Campaigns.Single(c => c.CampaignId == "support");
        Assert.Equal((1, waiting.Interaction.CreatedAt, 0), (support.Waiting, support.OldestWaitingSince, support.InProgress));
        Assert.Equal([(V1.ChannelKind.Whatsapp, 1), (V1.ChannelKind.Webchat, 0)], support.Queues.Select(q => (q.Channel, q.Waiting)));
        Assert.Equal(
            [(V1.AgentActivity.Offline, 1), (V1.AgentActivity.NotReady, 1)],
            support.Members.Select(m => (m.Activity, m.Agents)));
        Assert.Equal(["support"], hers.Campaigns.Select(c => c.CampaignId));
    }

    [Fact]
    public async Task ListTeamAndGetMe_ShowLiveStates()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var bruno = await server.Agent("bruno").SignInAsync();
        await bruno.SetPresenceAsync(V1.AgentPresence.Paused, "Lunch");

        var team = await ana.Agents.ListTeamAsync(new V1.ListTeamRequest(), ana.Auth);
        var me = await ana.Agents.GetMeAsync(new V1.GetMeRequest(), ana.Auth);

        Assert.Equal(["Bruno", "Sara"], team.Agents.Select(a => a.Name));
        Assert.Equal((V1.AgentPresence.Paused, "Lunch", V1.AgentActivity.NotReady), (team.Agents[0].Presence, team.Agents[0].PauseReason, team.Agents[0].Activity));
        Assert.False(team.Agents[1].SignedIn);
        Assert.Equal(V1.AgentActivity.Offline, team.Agents[1].Activity);
        Assert.Equal(("ana", V1.AgentPresence.Unavailable), (me.Agent.AgentId, me.Agent.Presence));
        Assert.Equal(["support"], me.Agent.CampaignIds);
    }

    [Fact]
    public async Task Chats_AgentToAgent_MessageReachesTheOtherStream()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var bruno = await server.Agent("bruno").SignInAsync();
        await using var brunoEvents = bruno.Watch();

        var opened = await ana.Chats.OpenChatAsync(new V1.OpenChatRequest { RequestId = "o1", AgentId = "bruno" }, ana.Auth);
        var again = await bruno.Chats.OpenChatAsync(new V1.OpenChatRequest { AgentId = "ana" }, bruno.Auth);
        var sent = await ana.Chats.SendChatMessageAsync(new V1.SendChatMessageRequest { RequestId = "s1", ChatId = opened.Chat.Id, Text = "Can you take the next one?" }, ana.Auth);
        var added = await brunoEvents.NextAsync(e => e.ChatMessageAdded is not null, "the chat message");
        var listed = await bruno.Chats.ListChatMessagesAsync(new V1.ListChatMessagesRequest { ChatId = opened.Chat.Id }, bruno.Auth);
        var rooms = await bruno.Chats.ListChatsAsync(new V1.ListChatsRequest(), bruno.Auth);

        Assert.Equal(V1.ChatKind.AgentToAgent, opened.Chat.Kind);
        Assert.Equal(["ana", "bruno"], opened.Chat.Participants);
        Assert.Equal(opened.Chat.Id, again.Chat.Id);
        Assert.Equal(sent.Message.Id, added.ChatMessageAdded.Message.Id);
        Assert.Equal(opened.Chat.Id, added.ChatMessageAdded.Chat.Id);
        Assert.Equal("Can you take the next one?", Assert.Single(listed.Messages).Text);
        Assert.Equal(opened.Chat.Id, Assert.Single(rooms.Chats).Id);
    }

    [Fact]
    public async Task Chats_CampaignRoom_OpensForMembers()
    {
        await using var server = await ApiServer.StartAsync();
        var ana = await server.Agent("ana").SignInAsync();
        var carla = await server.Agent("carla").SignInAsync();

        var room = await ana.Chats.OpenChatAsync(new V1.OpenChatRequest { CampaignId = "support" }, ana.Auth);
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await carla.Chats.OpenChatAsync(new V1.OpenChatRequest { CampaignId = "support" }, carla.Auth));
        var neither = await Assert.ThrowsAsync<RpcException>(async () =>
            await carla.Chats.OpenChatAsync(new V1.OpenChatRequest(), carla.Auth));

        Assert.Equal(V1.ChatKind.AgentToCampaign, room.Chat.Kind);
        Assert.Equal("support", room.Chat.CampaignId);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, neither.StatusCode);
    }
}
