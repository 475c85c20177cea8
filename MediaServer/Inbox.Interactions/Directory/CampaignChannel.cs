using Inbox.Interactions.Channels;

namespace Inbox.Interactions.Directory;

/// <summary>A channel as a campaign works it.</summary>
internal sealed record CampaignChannel(ChannelKind Kind, bool Inbound, bool Outbound, TimeSpan WrapUp, int MaxPerAgent)
{
    public static CampaignChannel From(CampaignChannelOptions options) => new(
        options.Kind,
        options.Inbound,
        options.Outbound,
        options.WrapUp,
        options.MaxPerAgent ?? (options.Kind == ChannelKind.Telephony ? 1 : 3));
}
