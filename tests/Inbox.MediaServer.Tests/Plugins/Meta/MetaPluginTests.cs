using System.Net;
using System.Text.Json.Nodes;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Plugins.Meta;

/// <summary>A test class with its own server running one Meta plugin, started before each test and stopped after it.</summary>
public abstract class MetaPluginTests : IAsyncLifetime
{
    private MetaPluginServer? _channel;

    /// <summary>The server, the plugin's stub Graph API and the server's clock.</summary>
    internal MetaPluginServer Channel => _channel!;

    /// <summary>The server's time, for the timestamps of the events the test posts.</summary>
    protected DateTimeOffset Now => Channel.Clock.GetUtcNow();

    public async ValueTask InitializeAsync() => _channel = await StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    internal abstract Task<MetaPluginServer> StartAsync();

    /// <summary>The customer's first message arrives by <paramref name="webhook"/>; the agent takes the interaction it opened.</summary>
    internal async Task<(AgentApi Agent, string InteractionId)> CustomerWritesThenTakenByAsync(string agentId, JsonObject webhook)
    {
        var agent = await Channel.Server.Agent(agentId).SignInAsync();
        Assert.Equal(HttpStatusCode.OK, await Channel.PostAsync(webhook));
        var pending = Assert.Single((await agent.Interactions.ListPendingAsync(new V1.ListPendingRequest(), agent.Auth)).Interactions);
        await agent.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "take", InteractionId = pending.Id }, agent.Auth);
        return (agent, pending.Id);
    }
}
