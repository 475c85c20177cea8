using System.Net;
using System.Net.Sockets;
using Inbox.Sip.Messages;
using Inbox.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Sip.Tests.Transport;

/// <summary>How the transport binds its sockets: one port for UDP and TCP; a configured port in use stops the start.</summary>
public sealed class SipTransportBindTests
{
    [Fact]
    public async Task AnyPort_UdpAndTcpListenOnTheSamePort()
    {
        await using var transport = Transport(port: 0, udp: true);

        transport.Start(new IgnoringSink());

        var ports = transport.LocalEndPoints.Select(e => (e.Protocol, e.Address.Port)).ToList();
        Assert.Equal([SipTransportProtocol.Udp, SipTransportProtocol.Tcp], ports.Select(p => p.Protocol));
        Assert.Single(ports.Select(p => p.Port).Distinct());
    }

    [Fact]
    public async Task ConfiguredPortInUse_StartFailsWithAddressInUse()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        holder.Listen();
        await using var transport = Transport(port: ((IPEndPoint)holder.LocalEndPoint!).Port, udp: false);

        var failure = Assert.Throws<SocketException>(() => transport.Start(new IgnoringSink()));

        Assert.Equal(SocketError.AddressAlreadyInUse, failure.SocketErrorCode);
    }

    private static SipTransportLayer Transport(int port, bool udp) => new(
        Options.Create(new SipTransportOptions { ListenAddresses = ["127.0.0.1"], Port = port, EnableUdp = udp }),
        new SipTransportCounters(), TimeProvider.System, NullLogger<SipTransportLayer>.Instance);

    private sealed class IgnoringSink : ISipMessageSink
    {
        public void OnMessage(SipMessage message, SipEndPoint source)
        {
        }

        public void OnRejectedRequest(SipMessage? message, SipEndPoint source, int statusCode, string reason)
        {
        }
    }
}
