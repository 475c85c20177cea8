using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>
/// Whatever the server acknowledged survives a SIGKILL in the middle of traffic: interactions, their messages,
/// dispositions and closes, and internal chat messages.
/// </summary>
[Trait("Category", "E2E")]
[Collection(EndToEndGroup.Name)]
public sealed class InboxDurabilityEndToEndTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("inbox-e2e-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Kill_MidTraffic_EveryAcknowledgedRecordIntactAfterRestart(string provider)
    {
        await using var database = provider == "PostgreSql" ? await ScratchPostgresDatabase.CreateAsync() : null;
        var apiPort = InboxServerProcess.FindFreePort();
        var sipPort = InboxServerProcess.FindFreePort();
        void Configure(System.Text.Json.Nodes.JsonNode settings)
        {
            settings["Api"]!["Port"] = apiPort;
            settings["Storage"] = new System.Text.Json.Nodes.JsonObject { ["Provider"] = provider, ["ConnectionString"] = database?.ConnectionString };
        }

        var acknowledged = new Acknowledged();

        // Disposed on every path, so a failing test leaves no server behind.
        await using (var server = await InboxServerProcess.StartAsync(_work, sipPort, Configure))
        using (var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{apiPort}"))
        {
            var session = await SignInAsync(channel, "ana", "demo-ana");
            var chat = await new ChatsService.ChatsServiceClient(channel)
                .OpenChatAsync(new OpenChatRequest { RequestId = NewId(), AgentId = "bruno" }, session, cancellationToken: TestContext.Current.CancellationToken);
            using var traffic = new CancellationTokenSource();
            var load = Task.Run(() => DriveTrafficAsync(channel, session, chat.Chat.Id, acknowledged, traffic.Token), TestContext.Current.CancellationToken);

            await WaitForAsync(() => acknowledged.Closed.Count >= 25 && acknowledged.ChatMessages.Count >= 25);
            await server.KillAsync();
            await traffic.CancelAsync();
            await load;
        }

        output.WriteLine(
            $"Acknowledged before the kill: {acknowledged.Started.Count} interactions, {acknowledged.Closed.Count} closed, {acknowledged.ChatMessages.Count} chat messages.");
        await using var restarted = await InboxServerProcess.StartAsync(_work, sipPort, Configure);
        using var again = GrpcChannel.ForAddress($"http://127.0.0.1:{apiPort}");
        var supervisor = await SignInAsync(again, "ana", "demo-ana");
        var interactions = new InteractionsService.InteractionsServiceClient(again);
        foreach (var (id, messageId) in acknowledged.Started)
        {
            var interaction = (await interactions.GetInteractionAsync(new GetInteractionRequest { InteractionId = id }, supervisor, cancellationToken: TestContext.Current.CancellationToken)).Interaction;
            var messages = (await interactions.ListMessagesAsync(new ListMessagesRequest { InteractionId = id }, supervisor, cancellationToken: TestContext.Current.CancellationToken)).Messages;
            Assert.Contains(messages, m => m.Id == messageId);
            if (acknowledged.Closed.TryGetValue(id, out var disposition))
            {
                Assert.Equal(InteractionState.Closed, interaction.State);
                Assert.Equal(disposition, interaction.Disposition);
            }
            else if (acknowledged.Disposed.TryGetValue(id, out var set))
            {
                Assert.Equal(set, interaction.Disposition);
            }
        }

        var chatId = acknowledged.ChatId!;
        var stored = (await new ChatsService.ChatsServiceClient(again)
            .ListChatMessagesAsync(new ListChatMessagesRequest { ChatId = chatId, Limit = 200 }, supervisor, cancellationToken: TestContext.Current.CancellationToken)).Messages.Select(m => m.Id).ToHashSet();
        Assert.Subset(stored, acknowledged.ChatMessages.Keys.ToHashSet());
    }

    /// <summary>Starts, finalizes, disposes and closes interactions and writes chat messages until cancelled or cut off.</summary>
    private static async Task DriveTrafficAsync(GrpcChannel channel, Metadata session, string chatId, Acknowledged acknowledged, CancellationToken stop)
    {
        var interactions = new InteractionsService.InteractionsServiceClient(channel);
        var chats = new ChatsService.ChatsServiceClient(channel);
        acknowledged.ChatId = chatId;
        try
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var started = await interactions.StartInteractionAsync(new StartInteractionRequest
                {
                    RequestId = NewId(),
                    Channel = ChannelKind.Whatsapp,
                    CampaignId = "support",
                    CustomerAddress = $"+55119{i:000000}",
                    CustomerName = $"Cliente {i} ✓",
                    FirstMessage = new OutgoingMessage { Template = new TemplateBody { TemplateId = "followup", Parameters = { $"Cliente {i}" } } },
                }, session, cancellationToken: stop);
                var id = started.Interaction.Id;
                acknowledged.Started[id] = started.FirstMessage.Id;

                var chatMessage = await chats.SendChatMessageAsync(new SendChatMessageRequest { RequestId = NewId(), ChatId = chatId, Text = $"note {i}" }, session, cancellationToken: stop);
                acknowledged.ChatMessages[chatMessage.Message.Id] = true;

                await interactions.SetDispositionAsync(new SetDispositionRequest { RequestId = NewId(), InteractionId = id, Disposition = "resolved" }, session, cancellationToken: stop);
                acknowledged.Disposed[id] = "resolved";
                await interactions.FinalizeAsync(new FinalizeRequest { RequestId = NewId(), InteractionId = id }, session, cancellationToken: stop);
                await interactions.CloseAsync(new CloseRequest { RequestId = NewId(), InteractionId = id }, session, cancellationToken: stop);
                acknowledged.Closed[id] = "resolved";
            }
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Cancelled)
        {
            // The server died under us: what was acknowledged before this point is what must survive.
        }
    }

    private static async Task<Metadata> SignInAsync(GrpcChannel channel, string agentId, string apiKey)
    {
        var response = await new AgentsService.AgentsServiceClient(channel)
            .SignInAsync(new SignInRequest { RequestId = NewId(), AgentId = agentId, ApiKey = apiKey }, cancellationToken: TestContext.Current.CancellationToken);
        return new Metadata { { "authorization", "Bearer " + response.SessionToken } };
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The traffic did not get far enough within 60 s.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private sealed class Acknowledged
    {
        public ConcurrentDictionary<string, string> Started { get; } = new();

        public ConcurrentDictionary<string, string> Disposed { get; } = new();

        public ConcurrentDictionary<string, string> Closed { get; } = new();

        public ConcurrentDictionary<string, bool> ChatMessages { get; } = new();

        public string? ChatId { get; set; }
    }
}
