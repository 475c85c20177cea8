using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Tests.Transactions;

/// <summary>Records what would be sent; fails every send while <see cref="Fail"/> is set.</summary>
internal sealed class FakeSipTransport : ISipTransport
{
    public List<(SipMessage Message, SipEndPoint Destination)> Sent { get; } = [];

    public bool Fail { get; set; }

    public IReadOnlyList<SipEndPoint> LocalEndPoints { get; } = [new(SipTransportProtocol.Udp, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 5060))];

    public IEnumerable<SipMessage> Messages => Sent.Select(s => s.Message);

    public ValueTask SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken = default)
    {
        if (Fail)
        {
            return ValueTask.FromException(new SipTransportException("network unreachable"));
        }

        Sent.Add((message, destination));
        return ValueTask.CompletedTask;
    }

    public int CountRequests(SipMethod method) => Messages.OfType<SipRequest>().Count(r => r.Method == method);

    public int CountResponses(int statusCode) => Messages.OfType<SipResponse>().Count(r => r.StatusCode == statusCode);
}
