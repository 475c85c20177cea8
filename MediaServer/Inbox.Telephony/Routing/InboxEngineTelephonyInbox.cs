using System.Collections.Immutable;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Engine;
using Inbox.Interactions.Events;
using Inbox.Interactions.Interactions;

namespace Inbox.Telephony.Routing;

/// <summary>Calls reach the inbox through the engine's channel-side methods, as any other channel's contacts do.</summary>
internal sealed class InboxEngineTelephonyInbox(InboxEngine engine) : ITelephonyInbox
{
    /// <summary>The end reason of a call whose caller left before an agent took it.</summary>
    public const string AbandonedReason = "abandoned";

    /// <summary>The end reason of a call whose caller hung up while talking to an agent.</summary>
    public const string HungUpReason = "customer hung up";

    public async Task<string> OpenCallAsync(
        string campaignId, string callerNumber, string? callerName, ImmutableDictionary<string, string> clientInfo, CancellationToken cancellationToken)
    {
        var interaction = await engine.OpenInboundAsync(ChannelKind.Telephony, campaignId, callerNumber, callerName, clientInfo, cancellationToken)
            .ConfigureAwait(false);
        return interaction.Id;
    }

    public Task AbandonAsync(string interactionId, CancellationToken cancellationToken) =>
        engine.EndByCustomerAsync(interactionId, AbandonedReason, cancellationToken);

    public Task CustomerHungUpAsync(string interactionId, CancellationToken cancellationToken) =>
        engine.EndByCustomerAsync(interactionId, HungUpReason, cancellationToken);

    public Task EndCallAsync(string interactionId, string reason, CancellationToken cancellationToken) =>
        engine.EndByCustomerAsync(interactionId, reason, cancellationToken);

    public Task AcceptAsync(string agentId, string interactionId, CancellationToken cancellationToken) =>
        engine.AcceptOfferAsync(AgentOf(agentId), interactionId, cancellationToken);

    public Task RejectAsync(string agentId, string interactionId, CancellationToken cancellationToken) =>
        engine.RejectOfferAsync(AgentOf(agentId), interactionId, cancellationToken);

    public Task FinalizeAsync(string agentId, string interactionId, CancellationToken cancellationToken) =>
        engine.FinalizeAsync(AgentOf(agentId), interactionId, cancellationToken);

    public Task TransferAsync(
        string agentId, string interactionId, TransferMode mode, TransferTargetKind targetKind, string targetId, CancellationToken cancellationToken) =>
        engine.TransferAsync(AgentOf(agentId), interactionId, targetKind, targetId, mode, cancellationToken);

    public Task TransferAnsweredAsync(string agentId, string interactionId, CancellationToken cancellationToken) =>
        engine.TransferAnsweredAsync(AgentOf(agentId), interactionId, cancellationToken);

    public Task CompleteTransferAsync(string agentId, string interactionId, CancellationToken cancellationToken) =>
        engine.CompleteTransferAsync(AgentOf(agentId), interactionId, cancellationToken);

    public Task TransferConnectedAsync(string agentId, string interactionId, string targetId, CancellationToken cancellationToken) =>
        engine.TransferConnectedAsync(AgentOf(agentId), interactionId, targetId, cancellationToken);

    public Task PublishMonitorAsync(MonitorChanged change, CancellationToken cancellationToken) =>
        engine.PublishMonitorAsync(change, cancellationToken);

    public Task PublishAgentCallAsync(AgentCallChanged change, CancellationToken cancellationToken) =>
        engine.PublishAgentCallAsync(change, cancellationToken);

    public Task ExternalTransferAnsweredAsync(string interactionId, bool consult, CancellationToken cancellationToken) =>
        engine.ExternalTransferAnsweredAsync(interactionId, consult, cancellationToken);

    public Task ExternalTransferFailedAsync(string interactionId, CancellationToken cancellationToken) =>
        engine.ExternalTransferFailedAsync(interactionId, cancellationToken);

    public Task CancelTransferAsync(string agentId, string interactionId, CancellationToken cancellationToken) =>
        engine.CancelTransferAsync(AgentOf(agentId), interactionId, cancellationToken);

    public IReadOnlyList<string> OutboundCampaignsOf(string agentId)
    {
        var directory = engine.Directory;
        if (directory.Agent(agentId) is not { } agent)
        {
            return [];
        }

        return [.. agent.Campaigns.Where(id => directory.Campaign(id)?.Channel(ChannelKind.Telephony) is { Outbound: true }).Order(StringComparer.Ordinal)];
    }

    public async Task<string> StartCallAsync(string agentId, string campaignId, string number, string callId, CancellationToken cancellationToken)
    {
        var request = new StartRequest(ChannelKind.Telephony, campaignId, number, CustomerName: null, FirstMessage: null)
        {
            ClientInfo = ImmutableDictionary<string, string>.Empty.Add(TelephonyChannel.CallIdKey, callId),
        };
        var (interaction, _) = await engine.StartAsync(AgentOf(agentId), request, cancellationToken).ConfigureAwait(false);
        return interaction.Id;
    }

    public string? AgentByExtension(string extension)
    {
        foreach (var agent in engine.Directory.Agents.Values)
        {
            if (agent.Extensions.Contains(extension))
            {
                return agent.Id;
            }
        }

        return null;
    }

    public Task PublishAsync(string interactionId, InboxEvent callEvent, CancellationToken cancellationToken) =>
        engine.PublishCallEventAsync(interactionId, callEvent, cancellationToken);

    public Task PublishToCampaignAsync(string interactionId, InboxEvent callEvent, CancellationToken cancellationToken) =>
        engine.PublishCallEventAsync(interactionId, callEvent, cancellationToken, campaignWide: true);

    public Task TakeOverAsync(string agentId, string interactionId, CancellationToken cancellationToken) =>
        engine.TakeOverCallAsync(AgentOf(agentId), interactionId, cancellationToken);

    public IReadOnlyList<string> ExtensionsOf(string agentId) => engine.Directory.Agent(agentId)?.Extensions ?? [];

    public Task RecordingStartedAsync(string interactionId, string path, CancellationToken cancellationToken) =>
        engine.SetRecordingPathAsync(interactionId, path, cancellationToken);

    public Task CallQualityAsync(string interactionId, CallQualitySummary summary, CancellationToken cancellationToken) =>
        engine.SetCallQualityAsync(interactionId, summary, cancellationToken);

    private Agent AgentOf(string agentId) =>
        engine.Directory.Agent(agentId) ?? throw new InvalidOperationException($"Agent '{agentId}' is no longer in the directory.");
}
