namespace Inbox.Interactions.Channels;

/// <summary>The ways a contact centre talks to its customers; telephony is a channel like the others.</summary>
internal enum ChannelKind
{
    Telephony,
    Email,
    WhatsApp,
    Sms,
    WebChat,
    Instagram,
    Messenger,
}
