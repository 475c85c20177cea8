using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;

namespace Inbox.Telephony.Tests.Routing;

/// <summary>Campaigns for the tests: "support" takes inbound calls (recorded when asked), "mail" only e-mail.</summary>
internal static class TelephonyTestDirectory
{
    public static AgentDirectoryOptions Create(string? holdMusic = null, bool recording = false) => new()
    {
        Campaigns =
        [
            new CampaignOptions
            {
                Id = "support", Name = "Support", HoldMusic = holdMusic, Recording = recording, Channels = [new CampaignChannelOptions { Kind = ChannelKind.Telephony }],
            },
            new CampaignOptions { Id = "mail", Name = "Mail", Channels = [new CampaignChannelOptions { Kind = ChannelKind.Email }] },
        ],
    };
}
