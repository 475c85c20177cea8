using System.Collections.Immutable;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Engine;

namespace Inbox.Telephony.Routing;

/// <summary>Calls reach the inbox through the engine's channel-side methods, as any other channel's contacts do.</summary>
internal sealed class InboxEngineTelephonyInbox(InboxEngine engine) : ITelephonyInbox
{
    /// <summary>The end reason of a call whose caller left before an agent took it.</summary>
    public const string AbandonedReason = "abandoned";

    public async Task<string> OpenCallAsync(
        string campaignId, string callerNumber, string? callerName, ImmutableDictionary<string, string> clientInfo, CancellationToken cancellationToken)
    {
        var interaction = await engine.OpenInboundAsync(ChannelKind.Telephony, campaignId, callerNumber, callerName, clientInfo, cancellationToken)
            .ConfigureAwait(false);
        return interaction.Id;
    }

    public Task AbandonAsync(string interactionId, CancellationToken cancellationToken) =>
        engine.EndByCustomerAsync(interactionId, AbandonedReason, cancellationToken);
}
