using System.Collections.Immutable;

namespace Inbox.Telephony.Routing;

/// <summary>
/// The narrow view call control has of the inbox: a call opens a pending interaction and the caller leaving ends it.
/// The host's implementation is <see cref="InboxEngineTelephonyInbox"/>; tests use a recording fake.
/// </summary>
internal interface ITelephonyInbox
{
    /// <summary>Queues a new inbound call in <paramref name="campaignId"/>; returns the interaction id.</summary>
    Task<string> OpenCallAsync(
        string campaignId, string callerNumber, string? callerName, ImmutableDictionary<string, string> clientInfo, CancellationToken cancellationToken);

    /// <summary>The caller hung up or cancelled before an agent took the call.</summary>
    Task AbandonAsync(string interactionId, CancellationToken cancellationToken);
}
