using System.Collections.Immutable;
using System.Data.Common;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Tests.Storage;

/// <summary>Writing: every field survives, an upsert replaces, a commit is all or nothing.</summary>
public abstract partial class InboxStoreContractTests
{
    // Text from customers: several scripts, an emoji sequence, JSON's special characters and a NUL character
    // (which PostgreSQL's jsonb would refuse).
    private const string AwkwardText = "Hola 👋🏽 Zoë — 你好 — مرحبا — \"quoted\" \\ back\tslash\r\nnul:\0 end";

    [Fact]
    public async Task CommitAsync_InteractionWithEveryField_RoundTrips()
    {
        var plus2 = TimeSpan.FromHours(2);
        var interaction = new Interaction
        {
            Id = "int-1",
            Channel = ChannelKind.Email,
            CampaignId = "soporte",
            Direction = InteractionDirection.Outbound,
            CustomerAddress = "zoë@example.com",
            CustomerName = "Zoë 👩‍💻 Ångström",
            ClientInfo = ImmutableDictionary<string, string>.Empty.Add("email", "zoe@example.com").Add("teléfono", "+34 600 000 001"),
            Subject = AwkwardText,
            State = InteractionState.TransferPending,
            AgentId = "ana",
            OfferedTo = "bob",
            OfferExpiresAt = new DateTimeOffset(2025, 3, 1, 10, 1, 0, plus2),
            DeclinedBy = ["carla", "dan"],
            Transfer = new PendingTransfer("ana", TransferTargetKind.Campaign, "ventas", new DateTimeOffset(2025, 3, 1, 10, 2, 0, plus2), "bob"),
            Disposition = "sale/upsell",
            EndReason = "abandoned",
            RecordingPath = "recordings/2025/03/01/int-1.wav",
            CallQuality = new CallQualitySummary(
            [
                new LegQualitySummary(CallLegRole.Customer, 4.21, 3.55, QualityBand.Red, 7),
                new LegQualitySummary(CallLegRole.Agent, 4.4, 4.4, QualityBand.Green, 7),
                new LegQualitySummary(CallLegRole.Participant, 3.9, 3.1, QualityBand.Orange, 3) { Party = "+34600123456" },
            ]),
            // Sub-millisecond ticks and a non-UTC offset.
            CreatedAt = new DateTimeOffset(2025, 3, 1, 10, 0, 0, plus2).AddTicks(1_234_567),
            AcceptedAt = new DateTimeOffset(2025, 3, 1, 10, 0, 5, plus2),
            FinalizedAt = new DateTimeOffset(2025, 3, 1, 10, 20, 0, plus2),
            ClosedAt = new DateTimeOffset(2025, 3, 1, 10, 25, 0, plus2),
            LastInboundAt = new DateTimeOffset(2025, 3, 1, 10, 10, 0, plus2),
            WrapUpUntil = new DateTimeOffset(2025, 3, 1, 10, 21, 0, plus2),
            Version = 7,
        };

        await CommitAsync(interactions: [interaction]);

        AssertEqual(interaction, await Store.FindInteractionAsync("int-1", Ct));
    }

    [Fact]
    public async Task CommitAsync_InteractionWithOnlyRequiredFields_RoundTripsNullsAndEmptyCollections()
    {
        var interaction = NewInteraction("int-1", At(0), state: InteractionState.Pending, agentId: null);

        await CommitAsync(interactions: [interaction]);

        var found = await Store.FindInteractionAsync("int-1", Ct);
        AssertEqual(interaction, found);
        Assert.Null(found!.Transfer);
        Assert.Empty(found.ClientInfo);
        Assert.Empty(found.DeclinedBy);
    }

    [Fact]
    public async Task CommitAsync_MessageWithEveryField_RoundTrips()
    {
        var message = new Message
        {
            Id = "msg-1",
            InteractionId = "int-1",
            Direction = MessageDirection.Outbound,
            AgentId = "ana",
            Text = AwkwardText,
            Attachments =
            [
                new StoredAttachment("factura ñ 📄.pdf", "application/pdf", AttachmentKind.Document, 12_345, "attachments/msg-1/0.pdf", false),
                new StoredAttachment("nota.ogg", "audio/ogg; codecs=opus", AttachmentKind.Audio, 4_000_000_000, "attachments/msg-1/1.ogg", true),
            ],
            TemplateId = "welcome",
            TemplateParameters = ["Zoë", "42", ""],
            Email = new EmailFields("Asunto ✉️", "<p>Hola <b>Zoë</b> &amp; co</p>", ["zoe@example.com"], ["cc1@example.com", "cc2@example.com"], ["audit@example.com"]),
            Status = MessageStatus.Failed,
            FailureCode = "131047",
            FailureReason = "Re-engagement message",
            ProviderMessageId = "wamid.HBgMMzQ2MDAwMDAwMDEVAgARGBI=",
            CreatedAt = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(-5)).AddTicks(9_999),
            UpdatedAt = new DateTimeOffset(2025, 3, 1, 10, 0, 1, TimeSpan.FromHours(-5)),
        };

        await CommitAsync(interactions: [NewInteraction("int-1", At(0))], messages: [message]);

        AssertEqual(message, await Store.FindMessageAsync("msg-1", Ct));
    }

    [Fact]
    public async Task CommitAsync_MessageWithOnlyRequiredFields_RoundTripsNullsAndEmptyCollections()
    {
        var message = new Message
        {
            Id = "msg-1",
            InteractionId = "int-1",
            Direction = MessageDirection.Inbound,
            Status = MessageStatus.Received,
            CreatedAt = At(1),
            UpdatedAt = At(1),
        };

        await CommitAsync(interactions: [NewInteraction("int-1", At(0))], messages: [message]);

        var found = await Store.FindMessageAsync("msg-1", Ct);
        AssertEqual(message, found);
        Assert.Equal(string.Empty, found!.Text);
        Assert.Null(found.Email);
        Assert.Empty(found.Attachments);
        Assert.Empty(found.TemplateParameters);
    }

    [Fact]
    public async Task CommitAsync_ChatsAndChatMessages_RoundTrip()
    {
        var agents = new Chat(Chat.AgentChatId("bob", "ana"), ChatKind.AgentToAgent, ["ana", "bob"], null, At(0));
        var campaign = new Chat(Chat.CampaignChatId("ventas"), ChatKind.AgentToCampaign, [], "ventas", At(1));
        var message = new ChatMessage(
            "cm-1", agents.Id, "ana", AwkwardText,
            [new StoredAttachment("captura.png", "image/png", AttachmentKind.Image, 2048, "chats/cm-1/0.png", false)],
            new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(9)).AddTicks(42));

        await CommitAsync(chats: [agents, campaign], chatMessages: [message]);

        var chats = await Store.ListChatsAsync(Ct);
        Assert.Equal(2, chats.Count);
        AssertEqual(agents, chats[0]);
        AssertEqual(campaign, chats[1]);
        var messages = await Store.ListChatMessagesAsync(agents.Id, null, 10, Ct);
        AssertEqual(message, Assert.Single(messages));
        Assert.Equal(message.CreatedAt.Offset, messages[0].CreatedAt.Offset);
    }

    [Fact]
    public async Task CommitAsync_EveryEnumValue_RoundTrips()
    {
        var states = Enum.GetValues<InteractionState>();
        var channels = Enum.GetValues<ChannelKind>();
        var interactions = Enumerable.Range(0, Math.Max(states.Length, channels.Length)).Select(i => NewInteraction(
            $"int-{i}", At(i), channels[i % channels.Length], state: states[i % states.Length]) with
        {
            Direction = i % 2 == 0 ? InteractionDirection.Inbound : InteractionDirection.Outbound,
            Transfer = new PendingTransfer("ana", i % 2 == 0 ? TransferTargetKind.Agent : TransferTargetKind.Campaign, "x", At(i), null),
        }).ToList();
        var kinds = Enum.GetValues<AttachmentKind>();
        var messages = Enum.GetValues<MessageStatus>().Select((status, i) => NewMessage(
            $"msg-{i}", "int-0", At(i), i % 2 == 0 ? MessageDirection.Inbound : MessageDirection.Outbound) with
        {
            Status = status,
            Attachments = [new StoredAttachment("f", "application/octet-stream", kinds[i % kinds.Length], i, "p", false)],
        }).ToList();
        var chats = Enum.GetValues<ChatKind>().Select((kind, i) => new Chat($"chat-{i}", kind, [], null, At(i))).ToList();

        await CommitAsync(interactions, messages, chats);

        foreach (var interaction in interactions)
        {
            AssertEqual(interaction, await Store.FindInteractionAsync(interaction.Id, Ct));
        }

        foreach (var message in messages)
        {
            AssertEqual(message, await Store.FindMessageAsync(message.Id, Ct));
        }

        Assert.Equal(chats.Select(x => x.Kind), (await Store.ListChatsAsync(Ct)).Select(x => x.Kind));
    }

    [Fact]
    public async Task CommitAsync_SameIds_ReplacesRecordsAndTheirQueryColumns()
    {
        await CommitAsync(
            interactions: [NewInteraction("int-1", At(0), agentId: "ana")],
            messages: [NewMessage("msg-1", "int-1", At(1), MessageDirection.Outbound) with { Status = MessageStatus.Sending }]);
        var closed = NewInteraction("int-1", At(0), state: InteractionState.Closed, agentId: "bob") with { Version = 2, Disposition = "sale" };
        var read = NewMessage("msg-1", "int-1", At(1), MessageDirection.Outbound, providerMessageId: "wamid.1") with { Status = MessageStatus.Read };

        await CommitAsync(interactions: [closed], messages: [read]);

        AssertEqual(closed, await Store.FindInteractionAsync("int-1", Ct));
        Assert.Empty(await Store.LoadOpenInteractionsAsync(Ct));
        Assert.Empty(await Store.ListInteractionsAsync(new(AgentId: "ana"), Ct));
        Assert.Equal(["int-1"], Ids(await Store.ListInteractionsAsync(new(AgentId: "bob"), Ct)));
        AssertEqual(read, Assert.Single(await Store.ListMessagesAsync("int-1", Ct)));
        AssertEqual(read, await Store.FindMessageByProviderIdAsync(ChannelKind.WhatsApp, "wamid.1", Ct));
    }

    [Fact]
    public async Task CommitAsync_SameIdTwiceInOneChangeSet_KeepsTheLast()
    {
        var first = NewInteraction("int-1", At(0)) with { Version = 1 };
        var second = first with { Version = 2, State = InteractionState.Finalized };

        await CommitAsync(interactions: [first, second]);

        AssertEqual(second, await Store.FindInteractionAsync("int-1", Ct));
    }

    [Fact]
    public async Task CommitAsync_SecondRecordViolatesTheSchema_WritesNothing()
    {
        await CommitAsync(interactions: [NewInteraction("int-0", At(0))]);
        var valid = NewInteraction("int-1", At(1));
        // A required column left null: the database refuses the row after the first one was written.
        var invalid = NewInteraction("int-2", At(2)) with { CustomerAddress = null! };
        var changes = Changes(interactions: [valid, invalid], messages: [NewMessage("msg-1", "int-1", At(1))]);

        await Assert.ThrowsAnyAsync<DbException>(() => Store.CommitAsync(changes, Ct));

        Assert.Null(await Store.FindInteractionAsync("int-1", Ct));
        Assert.Null(await Store.FindMessageAsync("msg-1", Ct));
        Assert.Equal(["int-0"], Ids(await Store.ListInteractionsAsync(new(), Ct)));
        await CommitAsync(interactions: [valid]);
        Assert.NotNull(await Store.FindInteractionAsync("int-1", Ct));
    }

    [Fact]
    public async Task CommitAsync_CancelledToken_WritesNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.CommitAsync(Changes(interactions: [NewInteraction("int-1", At(0))]), cancelled.Token));

        Assert.Null(await Store.FindInteractionAsync("int-1", Ct));
    }

    [Fact]
    public async Task CommitAsync_ConcurrentCommitsFromTwoInstances_AllLand()
    {
        var other = await OpenMigratedStoreAsync();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(
            () => (i % 2 == 0 ? Store : other).CommitAsync(
                Changes(interactions: [NewInteraction($"int-{i}", At(i))], messages: [NewMessage($"msg-{i}", $"int-{i}", At(i))]), Ct),
            Ct)));

        Assert.Equal(20, (await Store.ListInteractionsAsync(new(Limit: 100), Ct)).Count);
        Assert.Equal(20, await ScalarAsync("SELECT COUNT(*) FROM messages"));
    }
}
