using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Interactions;
using Inbox.Telephony.Legs;
using Microsoft.Extensions.DependencyInjection;

namespace Inbox.Telephony.Routing;

/// <summary>
/// Telephony as the inbox sees it: no text to send, but offers that ring the agent's phone. Maps the engine's
/// notices to the call (its Call-ID is in the interaction's client info) and returns at once; the call handler posts
/// the work to the call's SIP executor.
/// </summary>
/// <remarks>
/// The handler is resolved on first use: it depends on the inbox (through <see cref="ITelephonyInbox"/>), whose engine
/// depends on the channels, so taking it in the constructor would be a dependency cycle.
/// </remarks>
internal sealed class TelephonyChannel(IServiceProvider services) : IInteractionChannel, IOfferingChannel
{
    /// <summary>The client-info key under which a call's interaction keeps the caller's Call-ID.</summary>
    public const string CallIdKey = "sip.callId";

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
            Handler.Offered(callId, interaction.Id, agent.Id, agent.Extensions);
        }
    }

    public void OfferEnded(Interaction interaction, string agentId)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.ClientInfo.TryGetValue(CallIdKey, out var callId))
        {
            Handler.OfferEnded(callId, agentId);
        }
    }

    public void Taken(Interaction interaction, Agent agent)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        ArgumentNullException.ThrowIfNull(agent);
        if (interaction.ClientInfo.TryGetValue(CallIdKey, out var callId))
        {
            Handler.Taken(callId, interaction.Id, agent.Id, agent.Extensions);
        }
    }
}
