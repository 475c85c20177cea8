using Grpc.Core;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Engine;
using Inbox.MediaServer.Grpc.Auth;
using Inbox.MediaServer.Grpc.Mapping;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Services;

/// <summary>The campaigns the caller works in, with channels, timeouts, dispositions, form and templates; and how they stand now.</summary>
internal sealed class CampaignsGrpcService(InboxEngine engine, ChannelRegistry channels) : V1.CampaignsService.CampaignsServiceBase
{
    public override Task<V1.ListCampaignsResponse> ListCampaigns(V1.ListCampaignsRequest request, ServerCallContext context)
    {
        var response = new V1.ListCampaignsResponse();
        response.Campaigns.Add(engine.ListCampaigns(context.Caller().Agent).Select(c => c.ToProto(channels)));
        return Task.FromResult(response);
    }

    public override async Task<V1.GetCampaignStatsResponse> GetCampaignStats(V1.GetCampaignStatsRequest request, ServerCallContext context)
    {
        var stats = await engine.CampaignStatsAsync(context.Caller().Agent, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.GetCampaignStatsResponse();
        response.Campaigns.Add(stats.Select(CampaignMapper.ToProto));
        return response;
    }
}
