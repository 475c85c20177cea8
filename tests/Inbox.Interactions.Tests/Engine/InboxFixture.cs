using System.Collections.Immutable;
using Inbox.Interactions.Agents;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Engine;
using Inbox.Interactions.Events;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;
using Inbox.Interactions.Outbox;
using Inbox.Interactions.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>
/// An inbox on a real SQLite file in a temporary folder, a fake clock, and recording channels. Campaign "support"
/// (ana, bruno; e-mail, WhatsApp, WebChat, telephony) and "sales" (carla, ana; SMS, WhatsApp); dora supervises.
/// </summary>
internal sealed class InboxFixture : IAsyncDisposable
{
    public static readonly TimeSpan WrapUp = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan OfferTimeout = TimeSpan.FromSeconds(20);
    public static readonly TimeSpan TransferTimeout = TimeSpan.FromSeconds(45);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "inbox-tests-" + Guid.NewGuid().ToString("N"));

    private readonly AgentDirectoryOptions _directory;

    private InboxFixture(OutboxPolicy outbox, AgentDirectoryOptions directory)
    {
        Outbox = outbox;
        _directory = directory;
        foreach (var channel in Channels.Values)
        {
            channel.Clock = Time;
        }

        System.IO.Directory.CreateDirectory(_folder);
        Store = new SqliteInboxStore(Path.Combine(_folder, "inbox.db"));
        Commits = new FailingCommitStore(Store);
        Engine = CreateEngine();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public SqliteInboxStore Store { get; }

    /// <summary>The store as the engine sees it; set <see cref="FailingCommitStore.FailCommits"/> to make writes fail.</summary>
    public FailingCommitStore Commits { get; }

    public InboxEngine Engine { get; private set; }

    public AgentSessions Sessions { get; private set; } = null!;

    public Dictionary<ChannelKind, RecordingChannel> Channels { get; } = new()
    {
        [ChannelKind.Telephony] = new RecordingChannel(ChannelKind.Telephony),
        [ChannelKind.Email] = new RecordingChannel(ChannelKind.Email),
        [ChannelKind.WhatsApp] = new RecordingChannel(ChannelKind.WhatsApp),
        [ChannelKind.Sms] = new RecordingChannel(ChannelKind.Sms),
        [ChannelKind.WebChat] = new RecordingChannel(ChannelKind.WebChat),
    };

    public Agent Ana => Engine.Directory.Agent("ana")!;

    public Agent Bruno => Engine.Directory.Agent("bruno")!;

    public Agent Carla => Engine.Directory.Agent("carla")!;

    public Agent Dora => Engine.Directory.Agent("dora")!;

    /// <summary>How the engine retries sends; default <see cref="OutboxPolicy.Default"/>.</summary>
    public OutboxPolicy Outbox { get; }

    /// <param name="outbox">How sends are retried; default <see cref="OutboxPolicy.Default"/>.</param>
    /// <param name="configure">Changes to the <see cref="Options"/> directory, e.g. a campaign's overflow.</param>
    public static async Task<InboxFixture> StartAsync(OutboxPolicy? outbox = null, Action<AgentDirectoryOptions>? configure = null)
    {
        var directory = Options();
        configure?.Invoke(directory);
        var fixture = new InboxFixture(outbox ?? OutboxPolicy.Default, directory);
        await fixture.Engine.StartAsync(CancellationToken.None);
        return fixture;
    }

    public static AgentDirectoryOptions Options() => new()
    {
        Campaigns =
        [
            new CampaignOptions
            {
                Id = "support",
                Name = "Support",
                OfferTimeout = OfferTimeout,
                TransferTimeout = TransferTimeout,
                Channels =
                [
                    new() { Kind = ChannelKind.Telephony, WrapUp = WrapUp },
                    new() { Kind = ChannelKind.Email, WrapUp = WrapUp },
                    new() { Kind = ChannelKind.WhatsApp, WrapUp = WrapUp, MaxPerAgent = 2 },
                    new() { Kind = ChannelKind.WebChat, WrapUp = WrapUp, Outbound = false },
                ],
                Dispositions = [new() { Code = "solved", Name = "Solved", Children = [new() { Code = "first-contact", Name = "First contact" }] }],
                Templates =
                [
                    new() { Id = "hello", Channel = ChannelKind.WhatsApp, Name = "hello", Body = "Hello {{1}}!", Approved = true },
                    new() { Id = "draft", Channel = ChannelKind.WhatsApp, Name = "draft", Body = "Not approved", Approved = false },
                ],
                Form = new FormOptions { Kind = FormKind.ExternalUrl, Url = "https://crm.example/c?a={customer.address}&i={interaction.id}" },
            },
            new CampaignOptions
            {
                Id = "sales",
                Name = "Sales",
                OfferTimeout = OfferTimeout,
                TransferTimeout = TransferTimeout,
                Channels = [new() { Kind = ChannelKind.Sms, WrapUp = WrapUp }, new() { Kind = ChannelKind.WhatsApp, WrapUp = WrapUp }],
            },
        ],
        Dispositions = [new() { Code = "spam", Name = "Spam" }],
        Agents =
        [
            new AgentOptions { Id = "ana", Name = "Ana", Campaigns = ["support", "sales"], ApiKey = "key-ana" },
            new AgentOptions { Id = "bruno", Name = "Bruno", Campaigns = ["support"], ApiKey = "key-bruno" },
            new AgentOptions { Id = "carla", Name = "Carla", Campaigns = ["sales"], ApiKeyHash = ApiKeyHash.Create("key-carla", iterations: 1000) },
            new AgentOptions { Id = "dora", Name = "Dora", Campaigns = [], Role = AgentRole.Supervisor, ApiKey = "key-dora" },
        ],
    };

    /// <summary>Signs the agent in and makes her available.</summary>
    public async Task<AgentSession> ReadyAsync(Agent agent)
    {
        var session = await Engine.SignInAsync(Sessions, agent.Id, "key-" + agent.Id, CancellationToken.None);
        await Engine.SetPresenceAsync(agent, AgentPresence.Available, null, CancellationToken.None);
        return session;
    }

    /// <summary>A customer writes on a channel; returns the interaction it was filed in.</summary>
    public async Task<Interaction> CustomerWritesAsync(ChannelKind channel, string address, string text = "Hi", string? campaignId = null)
    {
        var message = await Engine.ReceiveMessageAsync(
            new InboundMessage(channel, campaignId, address, "Customer", text, Guid.NewGuid().ToString("N"), []), CancellationToken.None);
        return await Engine.GetAsync(Dora, message.InteractionId, CancellationToken.None);
    }

    public Task<Interaction> GetAsync(string interactionId) => Engine.GetAsync(Dora, interactionId, CancellationToken.None);

    /// <summary>Moves the clock and applies what fell due, as the deadline timer would.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await Engine.SweepDeadlinesAsync();
    }

    /// <summary>Stops this engine and starts another on the same database, as a restart would.</summary>
    public async Task RestartAsync()
    {
        await Engine.DisposeAsync();
        Engine = CreateEngine();
        await Engine.StartAsync(CancellationToken.None);
    }

    /// <summary>The stored message once it meets the condition; fails after 20 s.</summary>
    public async Task<Message> EventuallyAsync(string messageId, Func<Message, bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var message = await Store.FindMessageAsync(messageId, CancellationToken.None);
            if (message is not null && condition(message))
            {
                return message;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Message {messageId} did not reach the expected state; it is {message?.Status} after {message?.Attempts} attempt(s).");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    public static MessageDraft Text(string text) => new(text, ImmutableArray<AttachmentUpload>.Empty);

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    private InboxEngine CreateEngine()
    {
        Sessions = new AgentSessions(Time);
        return new InboxEngine(
            InboxDirectory.From(_directory),
            Commits,
            new EventHub(Time),
            new ChannelRegistry(Channels.Values),
            new AttachmentStore(_folder, new AttachmentLimits()),
            Outbox,
            Time,
            NullLogger<InboxEngine>.Instance);
    }
}
