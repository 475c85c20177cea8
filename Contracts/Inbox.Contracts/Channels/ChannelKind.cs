namespace Inbox.Contracts.Channels;

/// <summary>The text channels a plugin can provide (telephony is built into the server).</summary>
public enum ChannelKind
{
    Email,
    WhatsApp,
    Sms,
    WebChat,
    Instagram,
    Messenger,
}
