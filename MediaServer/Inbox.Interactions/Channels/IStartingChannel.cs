using Inbox.Interactions.Directory;

namespace Inbox.Interactions.Channels;

/// <summary>
/// An optional capability of a channel (detected with <c>is</c>) that must check an agent's "New" before it is stored
/// and connect it itself afterwards: telephony refuses a number no trunk dials, or an agent without a registered
/// phone, and names the call it will place. After the commit the channel hears of the new interaction through
/// <see cref="IOfferingChannel.Taken"/>.
/// </summary>
internal interface IStartingChannel
{
    /// <summary>
    /// Runs inside the engine's command, before the new interaction is stored, so it must be quick and must not block.
    /// Returns the address (e.g. the number in international form) and client info the interaction is filed with;
    /// throws <see cref="Errors.InboxException"/> to refuse.
    /// </summary>
    /// <param name="customerAddress">The address as the engine normalised it.</param>
    ChannelStart Starting(Campaign campaign, Agent agent, string customerAddress);
}
