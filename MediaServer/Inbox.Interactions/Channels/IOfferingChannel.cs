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

    /// <summary>
    /// <paramref name="interaction"/>'s agent asked for a transfer (its <see cref="Interaction.Transfer"/> is set): a
    /// call's customer goes on hold, and a blind transfer lets the agent go.
    /// </summary>
    void TransferStarted(Interaction interaction);

    /// <summary>The transfer of <paramref name="interaction"/> is now offered to <paramref name="agent"/> (telephony rings her).</summary>
    void TransferOffered(Interaction interaction, Agent agent);

    /// <summary>
    /// The transfer is no longer offered to <paramref name="agentId"/>, who did not take it: declined, withdrawn,
    /// timed out, cancelled, or the customer left.
    /// </summary>
    void TransferOfferEnded(Interaction interaction, string agentId);

    /// <summary><paramref name="agent"/> accepted the transfer (or it was completed to her): the interaction is hers.</summary>
    void TransferAccepted(Interaction interaction, Agent agent);

    /// <summary>
    /// Nobody took the transfer (timeout, cancel, an agent target declined): it is <paramref name="agent"/>'s again,
    /// the agent who asked for it; after a blind transfer telephony rings her phone again.
    /// </summary>
    void TransferReturned(Interaction interaction, Agent agent);
}
