using System.Net;

namespace Inbox.Sip.Transport;

/// <summary>A transport address: the protocol and the IP end point a message came from or goes to.</summary>
internal readonly record struct SipEndPoint(SipTransportProtocol Protocol, IPEndPoint Address)
{
    public bool IsReliable => Protocol != SipTransportProtocol.Udp;

    public override string ToString() => $"{Protocol.ToString().ToUpperInvariant()}:{Address}";
}
