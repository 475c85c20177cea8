using Inbox.Interactions.Channels;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;
using Inbox.Interactions.Storage;

namespace Inbox.Interactions.Tests.Storage;

/// <summary>Reading: every filter, the orders and the paging.</summary>
public abstract partial class InboxStoreContractTests
{
    [Fact]
    public async Task LoadOpenInteractionsAsync_MixedStates_ReturnsAllButClosed()
    {
        var states = Enum.GetValues<InteractionState>();
        await CommitAsync(interactions: states.Select((state, i) => NewInteraction($"int-{state}", At(i), state: state)));

        var open = await Store.LoadOpenInteractionsAsync(Ct);

        Assert.Equal(
            states.Where(x => x != InteractionState.Closed).Select(x => $"int-{x}").Order(StringComparer.Ordinal),
            open.Select(x => x.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FindAsync_UnknownIds_ReturnNull()
    {
        await SeedInteractionsAsync();

        Assert.Null(await Store.FindInteractionAsync("nope", Ct));
        Assert.Null(await Store.FindMessageAsync("nope", Ct));
        Assert.Null(await Store.FindMessageByProviderIdAsync(ChannelKind.WhatsApp, "nope", Ct));
    }

    [Fact]
    public async Task ListInteractionsAsync_NoFilter_ReturnsNewestFirst()
    {
        await SeedInteractionsAsync();

        var found = await Store.ListInteractionsAsync(new(), Ct);

        Assert.Equal(["a5", "a4", "a3", "a2", "a1"], Ids(found));
    }

    [Fact]
    public async Task ListInteractionsAsync_ByAgent_ReturnsHers()
    {
        await SeedInteractionsAsync();

        Assert.Equal(["a3", "a1"], Ids(await Store.ListInteractionsAsync(new(AgentId: "ana"), Ct)));
        Assert.Empty(await Store.ListInteractionsAsync(new(AgentId: "zed"), Ct));
    }

    [Fact]
    public async Task ListInteractionsAsync_ByCampaigns_ReturnsThoseCampaigns()
    {
        await SeedInteractionsAsync();

        Assert.Equal(["a3", "a2"], Ids(await Store.ListInteractionsAsync(new(CampaignIds: ["support"]), Ct)));
        Assert.Equal(["a5", "a4", "a3", "a2", "a1"], Ids(await Store.ListInteractionsAsync(new(CampaignIds: ["sales", "support", "other"]), Ct)));
        Assert.Empty(await Store.ListInteractionsAsync(new(CampaignIds: []), Ct));
    }

    [Fact]
    public async Task ListInteractionsAsync_ByChannel_ReturnsThatChannel()
    {
        await SeedInteractionsAsync();

        Assert.Equal(["a5", "a4", "a1"], Ids(await Store.ListInteractionsAsync(new(Channel: ChannelKind.WhatsApp), Ct)));
        Assert.Equal(["a2"], Ids(await Store.ListInteractionsAsync(new(Channel: ChannelKind.Email), Ct)));
    }

    [Fact]
    public async Task ListInteractionsAsync_ByCustomerAddress_ReturnsEveryChannelOfIt()
    {
        await SeedInteractionsAsync();

        Assert.Equal(["a5", "a3", "a1"], Ids(await Store.ListInteractionsAsync(new(CustomerAddress: "+1"), Ct)));
    }

    [Fact]
    public async Task ListInteractionsAsync_ByState_ReturnsThatState()
    {
        await SeedInteractionsAsync();

        Assert.Equal(["a3", "a2"], Ids(await Store.ListInteractionsAsync(new(State: InteractionState.Closed), Ct)));
        Assert.Empty(await Store.ListInteractionsAsync(new(State: InteractionState.Offered), Ct));
    }

    [Fact]
    public async Task ListInteractionsAsync_EveryFilter_ReturnsWhatMatchesThemAll()
    {
        await SeedInteractionsAsync();
        var query = new InteractionQuery(
            AgentId: "bob", CampaignIds: ["sales"], Channel: ChannelKind.WhatsApp, CustomerAddress: "+1",
            State: InteractionState.Finalized, CreatedBefore: At(6), Limit: 10);

        var found = await Store.ListInteractionsAsync(query, Ct);

        Assert.Equal(["a5"], Ids(found));
        Assert.Empty(await Store.ListInteractionsAsync(query with { CreatedBefore = At(5) }, Ct));
    }

    [Fact]
    public async Task ListInteractionsAsync_CreatedBeforeAndLimit_PageThroughEverythingOnce()
    {
        await SeedInteractionsAsync();

        var first = await Store.ListInteractionsAsync(new(Limit: 2), Ct);
        var second = await Store.ListInteractionsAsync(new(CreatedBefore: first[^1].CreatedAt, Limit: 2), Ct);
        var third = await Store.ListInteractionsAsync(new(CreatedBefore: second[^1].CreatedAt, Limit: 2), Ct);
        var past = await Store.ListInteractionsAsync(new(CreatedBefore: third[^1].CreatedAt, Limit: 2), Ct);

        Assert.Equal(["a5", "a4"], Ids(first));
        Assert.Equal(["a3", "a2"], Ids(second));
        Assert.Equal(["a1"], Ids(third));
        Assert.Empty(past);
    }

    [Fact]
    public async Task ListInteractionsAsync_SameCreatedAt_OrdersByIdDescending()
    {
        await CommitAsync(interactions: [NewInteraction("b", At(0)), NewInteraction("c", At(0)), NewInteraction("a", At(0)), NewInteraction("B", At(0))]);

        var found = await Store.ListInteractionsAsync(new(), Ct);

        // Byte order in both engines, whatever the database's locale.
        Assert.Equal(["c", "b", "a", "B"], Ids(found));
    }

    [Fact]
    public async Task ListMessagesAsync_CommittedOutOfOrder_ReturnsOldestFirstOfThatInteraction()
    {
        await CommitAsync(
            interactions: [NewInteraction("int-1", At(0)), NewInteraction("int-2", At(0))],
            messages:
            [
                NewMessage("m3", "int-1", At(3)),
                NewMessage("m1", "int-1", At(1), MessageDirection.Outbound),
                NewMessage("m2b", "int-1", At(2)),
                NewMessage("m2a", "int-1", At(2)),
                NewMessage("other", "int-2", At(0)),
            ]);

        var messages = await Store.ListMessagesAsync("int-1", Ct);

        Assert.Equal(["m1", "m2a", "m2b", "m3"], messages.Select(x => x.Id));
        Assert.Empty(await Store.ListMessagesAsync("nope", Ct));
    }

    [Fact]
    public async Task FindMessageByProviderIdAsync_SameIdOnTwoChannels_FindsTheOneOfTheChannel()
    {
        await CommitAsync(
            interactions: [NewInteraction("wa", At(0), ChannelKind.WhatsApp), NewInteraction("sms", At(0), ChannelKind.Sms)],
            messages: [NewMessage("m-wa", "wa", At(1), providerMessageId: "P1"), NewMessage("m-sms", "sms", At(1), providerMessageId: "P1")]);

        Assert.Equal("m-wa", (await Store.FindMessageByProviderIdAsync(ChannelKind.WhatsApp, "P1", Ct))?.Id);
        Assert.Equal("m-sms", (await Store.FindMessageByProviderIdAsync(ChannelKind.Sms, "P1", Ct))?.Id);
        Assert.Null(await Store.FindMessageByProviderIdAsync(ChannelKind.Email, "P1", Ct));
    }

    [Fact]
    public async Task LastInboundAtAsync_SeveralInteractions_ReturnsNewestInboundOfThatChannelAndCustomer()
    {
        await SeedInteractionsAsync();
        var newest = At(20).AddTicks(1230);
        await CommitAsync(messages:
        [
            NewMessage("a1-in", "a1", At(10)),
            NewMessage("a5-in", "a5", newest),
            NewMessage("a5-out", "a5", At(30), MessageDirection.Outbound),
            NewMessage("a3-in-sms", "a3", At(40)),
            NewMessage("a4-in-other-customer", "a4", At(50)),
        ]);

        var last = await Store.LastInboundAtAsync(ChannelKind.WhatsApp, "+1", Ct);

        Assert.Equal(newest, last);
        Assert.Equal(At(40), await Store.LastInboundAtAsync(ChannelKind.Sms, "+1", Ct));
        Assert.Null(await Store.LastInboundAtAsync(ChannelKind.Email, "+1", Ct));
        Assert.Null(await Store.LastInboundAtAsync(ChannelKind.WhatsApp, "+999", Ct));
    }

    [Fact]
    public async Task LastInboundAtAsync_OnlyOutbound_ReturnsNull()
    {
        await CommitAsync(
            interactions: [NewInteraction("int-1", At(0))],
            messages: [NewMessage("out", "int-1", At(1), MessageDirection.Outbound)]);

        Assert.Null(await Store.LastInboundAtAsync(ChannelKind.WhatsApp, "+34600000001", Ct));
    }

    [Fact]
    public async Task ListChatsAsync_SeveralChats_ReturnsOldestFirst()
    {
        await CommitAsync(chats:
        [
            new Chat("chat-2", ChatKind.AgentToCampaign, [], "sales", At(2)),
            new Chat("chat-1", ChatKind.AgentToAgent, ["ana", "bob"], null, At(1)),
        ]);

        Assert.Equal(["chat-1", "chat-2"], (await Store.ListChatsAsync(Ct)).Select(x => x.Id));
    }

    [Fact]
    public async Task ListChatMessagesAsync_NoCursor_ReturnsTheLatestOldestFirst()
    {
        await SeedChatAsync();

        var latest = await Store.ListChatMessagesAsync("chat", null, 3, Ct);

        Assert.Equal(["cm2", "cm3", "cm4"], latest.Select(x => x.Id));
        Assert.Equal(["cm0", "cm1", "cm2", "cm3", "cm4"], (await Store.ListChatMessagesAsync("chat", null, 50, Ct)).Select(x => x.Id));
    }

    [Fact]
    public async Task ListChatMessagesAsync_Before_PagesBackExclusively()
    {
        await SeedChatAsync();

        var page = await Store.ListChatMessagesAsync("chat", At(2), 3, Ct);
        var earlier = await Store.ListChatMessagesAsync("chat", page[0].CreatedAt, 3, Ct);

        Assert.Equal(["cm0", "cm1"], page.Select(x => x.Id));
        Assert.Empty(earlier);
        Assert.Empty(await Store.ListChatMessagesAsync("nope", null, 3, Ct));
    }

    /// <summary>
    /// a1 ana/sales/WhatsApp/+1/active, a2 bob/support/Email/x@example.com/closed, a3 ana/support/Sms/+1/closed,
    /// a4 nobody/sales/WhatsApp/+2/pending, a5 bob/sales/WhatsApp/+1/finalized; created a minute apart in that order.
    /// </summary>
    private Task SeedInteractionsAsync() => CommitAsync(interactions:
    [
        NewInteraction("a3", At(3), ChannelKind.Sms, "support", "+1", InteractionState.Closed, "ana"),
        NewInteraction("a1", At(1), ChannelKind.WhatsApp, "sales", "+1", InteractionState.Active, "ana"),
        NewInteraction("a5", At(5), ChannelKind.WhatsApp, "sales", "+1", InteractionState.Finalized, "bob"),
        NewInteraction("a2", At(2), ChannelKind.Email, "support", "x@example.com", InteractionState.Closed, "bob"),
        NewInteraction("a4", At(4), ChannelKind.WhatsApp, "sales", "+2", InteractionState.Pending, null),
    ]);

    /// <summary>cm0..cm4 in "chat", a minute apart, and one message in another chat.</summary>
    private Task SeedChatAsync() => CommitAsync(
        chats: [new Chat("chat", ChatKind.AgentToAgent, ["ana", "bob"], null, At(0)), new Chat("other", ChatKind.AgentToCampaign, [], "sales", At(0))],
        chatMessages: [.. Enumerable.Range(0, 5).Reverse().Select(i => NewChatMessage($"cm{i}", "chat", At(i))), NewChatMessage("x", "other", At(1))]);
}
