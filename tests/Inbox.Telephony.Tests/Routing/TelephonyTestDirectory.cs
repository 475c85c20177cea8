using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;

namespace Inbox.Telephony.Tests.Routing;

/// <summary>Campaigns for the tests: "support" takes inbound calls, "mail" only e-mail.</summary>
internal static class TelephonyTestDirectory
{
    public static AgentDirectoryOptions Create(string? holdMusic = null) => new()
    {
        Campaigns =
        [
            new CampaignOptions { Id = "support", Name = "Support", HoldMusic = holdMusic, Channels = [new CampaignChannelOptions { Kind = ChannelKind.Telephony }] },
            new CampaignOptions { Id = "mail", Name = "Mail", Channels = [new CampaignChannelOptions { Kind = ChannelKind.Email }] },
        ],
    };
}
