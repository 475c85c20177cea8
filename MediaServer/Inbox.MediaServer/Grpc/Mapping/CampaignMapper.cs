using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Mapping;

/// <summary>A campaign with everything an agent's UI needs to work it, channels with what they can carry.</summary>
internal static class CampaignMapper
{
    public static V1.Campaign ToProto(this Campaign campaign, ChannelRegistry channels)
    {
        var proto = new V1.Campaign
        {
            Id = campaign.Id,
            Name = campaign.Name,
            TransferTimeout = campaign.TransferTimeout.ToProto(),
            OfferTimeout = campaign.OfferTimeout.ToProto(),
            HoldMusic = campaign.HoldMusic ?? string.Empty,
            Routing = campaign.Routing.ToProto(),
            Form = new V1.CampaignForm { Kind = campaign.Form.Kind.ToProto(), UrlTemplate = campaign.Form.Url ?? string.Empty },
            OverflowCampaignId = campaign.Overflow?.CampaignId ?? string.Empty,
            OverflowAfter = campaign.Overflow?.After?.ToProto(),
            OverflowWhenNobodySignedIn = campaign.Overflow?.WhenNobodyIsSignedIn ?? false,
        };
        foreach (var channel in campaign.Channels.Values.OrderBy(c => c.Kind))
        {
            proto.Channels.Add(channel.ToProto(channels.CapabilitiesOf(channel.Kind)));
        }

        foreach (var disposition in campaign.Dispositions)
        {
            proto.Dispositions.Add(disposition.ToProto());
        }

        foreach (var template in campaign.Templates)
        {
            proto.Templates.Add(template.ToProto());
        }

        proto.MemberIds.Add(campaign.Members);
        return proto;
    }

    public static V1.CampaignStats ToProto(this CampaignStats stats)
    {
        var proto = new V1.CampaignStats
        {
            CampaignId = stats.CampaignId,
            Waiting = stats.Waiting,
            OldestWaitingSince = stats.OldestWaitingSince.ToProto(),
            InProgress = stats.InProgress,
        };
        proto.Queues.Add(stats.Queues.Select(q => new V1.ChannelQueue { Channel = q.Channel.ToProto(), Waiting = q.Waiting, OldestWaitingSince = q.OldestSince.ToProto() }));
        proto.Members.Add(stats.Members.OrderBy(m => m.Key).Select(m => new V1.ActivityCount { Activity = m.Key.ToProto(), Agents = m.Value }));
        return proto;
    }

    private static V1.CampaignChannel ToProto(this CampaignChannel channel, ChannelCapabilities capabilities) => new()
    {
        Kind = channel.Kind.ToProto(),
        Inbound = channel.Inbound,
        Outbound = channel.Outbound,
        WrapUp = channel.WrapUp.ToProto(),
        MaxPerAgent = channel.MaxPerAgent,
        Capabilities = capabilities.ToProto(),
    };

    private static V1.ChannelCapabilities ToProto(this ChannelCapabilities capabilities)
    {
        var proto = new V1.ChannelCapabilities
        {
            IsText = capabilities.IsText,
            VoiceNotes = capabilities.VoiceNotes,
            Templates = capabilities.Templates,
            MessagingWindow = capabilities.MessagingWindow?.ToProto(),
            MaxTextLength = capabilities.MaxTextLength,
            AgentTyping = capabilities.ShowsAgentTyping,
        };
        proto.AttachmentKinds.Add(capabilities.AttachmentKinds.Order().Select(k => k.ToProto()));
        return proto;
    }

    private static V1.Disposition ToProto(this Disposition disposition)
    {
        var proto = new V1.Disposition { Code = disposition.Code, Name = disposition.Name };
        foreach (var child in disposition.Children)
        {
            proto.Children.Add(child.ToProto());
        }

        return proto;
    }

    private static V1.MessageTemplate ToProto(this MessageTemplate template) => new()
    {
        Id = template.Id,
        Channel = template.Channel.ToProto(),
        Name = template.Name,
        Language = template.Language,
        Body = template.Body,
        Approved = template.Approved,
        ParameterCount = template.ParameterCount,
    };
}
