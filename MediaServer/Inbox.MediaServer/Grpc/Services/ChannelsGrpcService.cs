using Grpc.Core;
using Inbox.MediaServer.Grpc.Mapping;
using Inbox.MediaServer.Plugins;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Services;

/// <summary>The channel plugins and their state; running ones are asked for their health on each call.</summary>
internal sealed class ChannelsGrpcService(ChannelCatalog catalog) : V1.ChannelsService.ChannelsServiceBase
{
    public override async Task<V1.ListChannelsResponse> ListChannels(V1.ListChannelsRequest request, ServerCallContext context)
    {
        var response = new V1.ListChannelsResponse();
        foreach (var channel in catalog.All)
        {
            var status = new V1.ChannelStatus
            {
                Id = channel.Id,
                Kind = channel.Kind is { } kind ? kind.ToDomain().ToProto() : V1.ChannelKind.Unspecified,
                State = channel.State switch
                {
                    ChannelPluginState.Starting => V1.ChannelState.Starting,
                    ChannelPluginState.Running => V1.ChannelState.Running,
                    ChannelPluginState.Unconfigured => V1.ChannelState.Unconfigured,
                    _ => V1.ChannelState.Failed,
                },
                Detail = channel.Failure ?? string.Empty,
            };
            if (channel is { State: ChannelPluginState.Running, Plugin: { } plugin })
            {
                var health = await ChannelHealthCheck.AskAsync(plugin, context.CancellationToken).ConfigureAwait(false);
                (status.Healthy, status.Detail) = (health.IsHealthy, health.Detail ?? string.Empty);
            }

            response.Channels.Add(status);
        }

        return response;
    }
}
