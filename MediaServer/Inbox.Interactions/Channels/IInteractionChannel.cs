namespace Inbox.Interactions.Channels;

/// <summary>
/// The narrow way the inbox reaches a channel (a text plugin, or telephony): send what agents write. Inbound
/// traffic comes the other way, through <see cref="Engine.InboxEngine"/>'s receive methods.
/// </summary>
internal interface IInteractionChannel
{
    ChannelKind Kind { get; }

    ChannelCapabilities Capabilities { get; }

    /// <summary>Delivers one message to the provider; failures are returned, not thrown.</summary>
    Task<ChannelSendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken);
}
