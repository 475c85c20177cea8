using Grpc.Core;
using Grpc.Net.Client;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests;

/// <summary>One agent's UI as a gRPC client: the generated clients, her session token and her event streams.</summary>
internal sealed class AgentApi(GrpcChannel channel, string agentId)
{
    public string AgentId { get; } = agentId;

    public V1.AgentsService.AgentsServiceClient Agents { get; } = new(channel);

    public V1.InteractionsService.InteractionsServiceClient Interactions { get; } = new(channel);

    public V1.ChatsService.ChatsServiceClient Chats { get; } = new(channel);

    public V1.CampaignsService.CampaignsServiceClient Campaigns { get; } = new(channel);

    public V1.EventsService.EventsServiceClient Events { get; } = new(channel);

    public V1.CallsService.CallsServiceClient Calls { get; } = new(channel);

    public V1.SignInResponse SignedIn { get; private set; } = null!;

    /// <summary>The bearer token, as every call but SignIn sends it, and the test's cancellation.</summary>
    public CallOptions Auth => new(new Metadata { { "authorization", "Bearer " + SignedIn.SessionToken } }, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>No token at all.</summary>
    public static CallOptions Anonymous => new(cancellationToken: TestContext.Current.CancellationToken);

    public async Task<AgentApi> SignInAsync(string? apiKey = null)
    {
        SignedIn = await Agents.SignInAsync(new V1.SignInRequest { RequestId = Guid.NewGuid().ToString("N"), AgentId = AgentId, ApiKey = apiKey ?? "key-" + AgentId }, Anonymous);
        return this;
    }

    public async Task<V1.TeamMember> SetPresenceAsync(V1.AgentPresence presence, string reason = "") =>
        (await Agents.SetPresenceAsync(new V1.SetPresenceRequest { RequestId = Guid.NewGuid().ToString("N"), Presence = presence, PauseReason = reason }, Auth)).Agent;

    /// <summary>Opens her event stream from where sign-in left it, so nothing after sign-in is missed.</summary>
    public EventRecorder Watch() => Watch(SignedIn.EventEpoch, SignedIn.EventSequence);

    public EventRecorder Watch(string epoch, ulong afterSequence) =>
        new(Events.WatchEvents(new V1.WatchEventsRequest { Epoch = epoch, AfterSequence = afterSequence }, Auth));
}
