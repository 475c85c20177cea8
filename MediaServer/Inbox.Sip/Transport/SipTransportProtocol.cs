namespace Inbox.Sip.Transport;

internal enum SipTransportProtocol : byte
{
    Udp,
    Tcp,
}
