using Inbox.Interactions.Directory;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Channels;

/// <summary>
/// An optional capability of a channel (detected with <c>is</c>) whose offers are more than a line in the agent's
/// UI: telephony rings the agent's phone while an interaction is offered to her. The engine calls it after the change
/// is stored and outside its gate, once per change of <see cref="Interaction.OfferedTo"/>; implementations must not
/// block (telephony posts the work to the call's SIP executor) and must not throw.
/// </summary>
internal interface IOfferingChannel
{
    /// <summary><paramref name="interaction"/> is now offered to <paramref name="agent"/>.</summary>
    void Offered(Interaction interaction, Agent agent);

    /// <summary>
    /// The offer to <paramref name="agentId"/> is over: accepted, rejected, expired, withdrawn, or the customer left.
    /// <paramref name="interaction"/> is the version after the change.
    /// </summary>
    void OfferEnded(Interaction interaction, string agentId);

    /// <summary>
    /// <paramref name="agent"/> took <paramref name="interaction"/> from the queue without an offer, or started it
    /// ("New", <see cref="InteractionDirection.Outbound"/>): it is hers and active already, and the channel connects her
    /// (telephony rings her phone and bridges when she answers; for a new one it then dials the customer).
    /// </summary>
    void Taken(Interaction interaction, Agent agent);
}
