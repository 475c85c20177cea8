using System.Collections.Immutable;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;
using Inbox.Telephony.Legs;
using Inbox.Telephony.Trunks;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Telephony.Routing;

/// <summary>
/// Telephony as the inbox sees it: no text to send, but offers that ring the agent's phone, and "New" that places a
/// call through the campaign's trunk. Maps the engine's notices to the call (its Call-ID is in the interaction's
/// client info) and returns at once; the call handler posts the work to the call's SIP executor.
/// </summary>
/// <remarks>
/// The handler is resolved on first use: it depends on the inbox (through <see cref="ITelephonyInbox"/>), whose engine
/// depends on the channels, so taking it in the constructor would be a dependency cycle.
/// </remarks>
internal sealed class TelephonyChannel(IServiceProvider services, TrunkRouter trunks, IAgentPhoneLocator phones)
    : IInteractionChannel, IOfferingChannel, IStartingChannel
{
    /// <summary>The client-info key under which a call's interaction keeps the Call-ID that owns the call.</summary>
    public const string CallIdKey = "sip.callId";

    /// <summary>The client-info keys of an outbound call: the trunk and the number as its Request-URI carries it.</summary>
    public const string TrunkKey = "sip.trunk";

    public const string DialledKey = "sip.dialled";

    private CallHandler? _handler;

    public ChannelKind Kind => ChannelKind.Telephony;

    public ChannelCapabilities Capabilities { get; } = ChannelCapabilities.DefaultFor(ChannelKind.Telephony);

    private CallHandler Handler => _handler ??= services.GetRequiredService<CallHandler>();

    public Task<ChannelSendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken) =>
        Task.FromResult(ChannelSendResult.Failed("not_supported", "a call carries no text messages"));

    public void Offered(Interaction interaction, Agent agent)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(agent);
        if (interaction.ClientInfo.TryGetValue(CallIdKey, out var callId))
        {
            Handler.WorkedIn(callId, interaction.CampaignId);
            Handler.Offered(callId, interaction.Id, agent.Id, agent.Extensions);
        }
    }

    public void OfferEnded(Interaction interaction, string agentId)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.ClientInfo.TryGetValue(CallIdKey, out var callId))
        {
            // Accepted from her UI while her phone rings: it goes on ringing, and answering connects her.
            var accepted = interaction is { State: InteractionState.Active } && interaction.AgentId == agentId;
            Handler.OfferEnded(callId, agentId, accepted);
        }
    }

    public void Taken(Interaction interaction, Agent agent)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(agent);
        if (!interaction.ClientInfo.TryGetValue(CallIdKey, out var callId))
        {
            return;
        }

        if (interaction.Direction != InteractionDirection.Outbound)
        {
            Handler.WorkedIn(callId, interaction.CampaignId);
            Handler.Taken(callId, interaction.Id, agent.Id, agent.Extensions);
        }
        else if (interaction.ClientInfo.TryGetValue(TrunkKey, out var trunkId) && interaction.ClientInfo.TryGetValue(DialledKey, out var dialled)
            && trunks.Find(trunkId, interaction.CustomerAddress, dialled) is { } route)
        {
            Handler.Dial(callId, interaction.Id, agent.Id, agent.Extensions, interaction.CampaignId, route);
        }
    }

    public void TransferStarted(Interaction interaction) => OnCall(interaction, interaction.Transfer, (callId, transfer) =>
    {
        Handler.TransferStarted(callId, interaction.Id, transfer!.Mode);
        if (transfer.TargetKind == TransferTargetKind.External)
        {
            // The Calls API checked the route before the inbox stored the transfer; null only if the trunks changed since.
            Handler.DialTransferTarget(callId, interaction.Id, transfer.TargetId, trunks.TryRoute(interaction.CampaignId, transfer.TargetId));
        }
    });

    public void TransferOffered(Interaction interaction, Agent agent) =>
        OnCall(interaction, agent, (callId, a) => Handler.TransferOffered(callId, interaction.Id, a.Id, a.Extensions));

    public void TransferOfferEnded(Interaction interaction, string agentId) =>
        OnCall(interaction, agentId, (callId, id) => Handler.TransferOfferEnded(callId, id));

    public void TransferAccepted(Interaction interaction, Agent agent) => OnCall(interaction, agent, (callId, a) =>
    {
        Handler.WorkedIn(callId, interaction.CampaignId);
        Handler.TransferAccepted(callId, a.Id);
    });

    public void TransferReturned(Interaction interaction, Agent agent) =>
        OnCall(interaction, agent, (callId, a) => Handler.TransferReturned(callId, interaction.Id, a.Id, a.Extensions));

    /// <summary>
    /// An agent's "New": refused unless a trunk of the campaign dials the number and one of her phones is registered
    /// (it rings first). The interaction is filed with the number as the dial rules write it and the call's Call-ID.
    /// </summary>
    public ChannelStart Starting(Campaign campaign, Agent agent, string customerAddress)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(agent);
        var route = trunks.Route(campaign.Id, customerAddress);
        if (phones.Find(agent.Extensions).Count == 0)
        {
            throw InboxException.Precondition(
                $"No phone is registered for your extension(s) {string.Join(", ", agent.Extensions)}: your phone rings first, so register it to place calls.");
        }

        return new ChannelStart(route.Number, ImmutableDictionary<string, string>.Empty
            .Add(CallIdKey, Guid.NewGuid().ToString("N"))
            .Add(TrunkKey, route.Trunk.Id)
            .Add(DialledKey, route.Dialled));
    }

    // A transfer's notices name the call by the Call-ID the interaction keeps; one without a call has nothing to ring.
    private static void OnCall<T>(Interaction interaction, T argument, Action<string, T> notice)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(argument);
        if (interaction.ClientInfo.TryGetValue(CallIdKey, out var callId))
        {
            notice(callId, argument);
        }
    }
}
