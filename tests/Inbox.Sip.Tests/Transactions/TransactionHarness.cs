using System.Net;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Sip.Tests.Transactions;

/// <summary>A transaction layer over a fake transport, a recording TU and a fake clock.</summary>
internal sealed class TransactionHarness
{
    public static readonly SipEndPoint Udp = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060));

    public static readonly SipEndPoint Tcp = new(SipTransportProtocol.Tcp, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 40123));

    public TransactionHarness()
    {
        Layer = new SipTransactionLayer(Transport, User, Time, Timers);
    }

    public FakeTimeProvider Time { get; } = new();

    public FakeSipTransport Transport { get; } = new();

    public RecordingTransactionUser User { get; } = new();

    public SipTimerOptions Timers { get; } = new();

    public SipTransactionLayer Layer { get; }

    public void Advance(double milliseconds) => Time.Advance(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Delivers a request from the peer and returns the server transaction the TU got, if any.</summary>
    public SipServerTransaction? Receive(SipRequest request, SipEndPoint source)
    {
        var before = User.Requests.Count;
        Layer.OnMessage(request, source);
        return User.Requests.Count > before ? User.Requests[^1] : null;
    }
}
