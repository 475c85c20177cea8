using Inbox.Interactions.Channels;
using Inbox.Interactions.Chats;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;
using Inbox.Interactions.Storage;

namespace Inbox.Interactions.Tests.Storage;

/// <summary>
/// What every <see cref="IInboxStore"/> must do, run against each engine by a subclass that owns one fresh database
/// per test. Records are compared field by field: record equality compares immutable collections by reference.
/// </summary>
public abstract partial class InboxStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset s_t0 = new(2025, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly List<IInboxStore> _opened = [];
    private IInboxStore? _store;

    /// <summary>The store every test starts with, migrated.</summary>
    private protected IInboxStore Store => _store ?? throw new InvalidOperationException("InitializeAsync has not run.");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync() => _store = await OpenMigratedStoreAsync();

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var store in _opened)
        {
            if (store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>A new store instance on this test's database (file or PostgreSQL database), not yet migrated.</summary>
    private protected abstract IInboxStore CreateStore();

    /// <summary>Runs SQL on this test's database, outside any store.</summary>
    private protected abstract Task ExecuteSqlAsync(string sql);

    /// <summary>The first column of the first row of a query on this test's database, as a number.</summary>
    private protected abstract Task<long> ScalarAsync(string sql);

    private protected IInboxStore OpenStore()
    {
        var store = CreateStore();
        _opened.Add(store);
        return store;
    }

    private protected async Task<IInboxStore> OpenMigratedStoreAsync()
    {
        var store = OpenStore();
        await store.MigrateAsync(Ct);
        return store;
    }

    private Task CommitAsync(
        IEnumerable<Interaction>? interactions = null,
        IEnumerable<Message>? messages = null,
        IEnumerable<Chat>? chats = null,
        IEnumerable<ChatMessage>? chatMessages = null) =>
        Store.CommitAsync(Changes(interactions, messages, chats, chatMessages), Ct);

    private static InboxChanges Changes(
        IEnumerable<Interaction>? interactions = null,
        IEnumerable<Message>? messages = null,
        IEnumerable<Chat>? chats = null,
        IEnumerable<ChatMessage>? chatMessages = null)
    {
        var changes = new InboxChanges();
        changes.Interactions.AddRange(interactions ?? []);
        changes.Messages.AddRange(messages ?? []);
        changes.Chats.AddRange(chats ?? []);
        changes.ChatMessages.AddRange(chatMessages ?? []);
        return changes;
    }

    private static DateTimeOffset At(int minutes) => s_t0.AddMinutes(minutes);

    private static Interaction NewInteraction(
        string id,
        DateTimeOffset createdAt,
        ChannelKind channel = ChannelKind.WhatsApp,
        string campaignId = "sales",
        string customerAddress = "+34600000001",
        InteractionState state = InteractionState.Active,
        string? agentId = "ana") => new()
        {
            Id = id,
            Channel = channel,
            CampaignId = campaignId,
            Direction = InteractionDirection.Inbound,
            CustomerAddress = customerAddress,
            State = state,
            AgentId = agentId,
            CreatedAt = createdAt,
        };

    private static Message NewMessage(
        string id, string interactionId, DateTimeOffset createdAt, MessageDirection direction = MessageDirection.Inbound, string? providerMessageId = null) => new()
        {
            Id = id,
            InteractionId = interactionId,
            Direction = direction,
            Text = $"text of {id}",
            Status = direction == MessageDirection.Inbound ? MessageStatus.Received : MessageStatus.Sent,
            ProviderMessageId = providerMessageId,
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };

    private static ChatMessage NewChatMessage(string id, string chatId, DateTimeOffset createdAt) =>
        new(id, chatId, "ana", $"text of {id}", [], createdAt);

    private static string[] Ids(IEnumerable<Interaction> interactions) => [.. interactions.Select(x => x.Id)];

    private static void AssertEqual(Interaction expected, Interaction? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.ClientInfo.OrderBy(x => x.Key, StringComparer.Ordinal), actual.ClientInfo.OrderBy(x => x.Key, StringComparer.Ordinal));
        Assert.Equal(expected.DeclinedBy.Order(StringComparer.Ordinal), actual.DeclinedBy.Order(StringComparer.Ordinal));
        Assert.Equal(expected.CallQuality?.Legs.ToArray(), actual.CallQuality?.Legs.ToArray());
        Assert.Equal(expected with { ClientInfo = actual.ClientInfo, DeclinedBy = actual.DeclinedBy, CallQuality = actual.CallQuality }, actual);
        // DateTimeOffset equality compares instants only; the offset and every tick are kept too.
        Assert.Equal((expected.CreatedAt.Ticks, expected.CreatedAt.Offset), (actual.CreatedAt.Ticks, actual.CreatedAt.Offset));
    }

    private static void AssertEqual(Message expected, Message? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Attachments.ToArray(), actual.Attachments.ToArray());
        Assert.Equal(expected.TemplateParameters.ToArray(), actual.TemplateParameters.ToArray());
        var email = expected.Email;
        if (email is not null)
        {
            Assert.NotNull(actual.Email);
            Assert.Equal(email.To.ToArray(), actual.Email.To.ToArray());
            Assert.Equal(email.Cc.ToArray(), actual.Email.Cc.ToArray());
            Assert.Equal(email.Bcc.ToArray(), actual.Email.Bcc.ToArray());
            email = email with { To = actual.Email.To, Cc = actual.Email.Cc, Bcc = actual.Email.Bcc };
        }

        Assert.Equal(
            expected with { Attachments = actual.Attachments, TemplateParameters = actual.TemplateParameters, Email = email },
            actual);
        Assert.Equal((expected.CreatedAt.Ticks, expected.CreatedAt.Offset), (actual.CreatedAt.Ticks, actual.CreatedAt.Offset));
    }

    private static void AssertEqual(Chat expected, Chat? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Participants.ToArray(), actual.Participants.ToArray());
        Assert.Equal(expected with { Participants = actual.Participants }, actual);
    }

    private static void AssertEqual(ChatMessage expected, ChatMessage? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Attachments.ToArray(), actual.Attachments.ToArray());
        Assert.Equal(expected with { Attachments = actual.Attachments }, actual);
    }
}
