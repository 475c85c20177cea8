using System.Net;
using System.Net.Sockets;
using System.Text;
using Inbox.Sip.Messages;
using Inbox.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Sip.Tests.Transport;

public sealed class SipTcpConnectionTests : IAsyncLifetime
{
    private static readonly TimeSpan s_idleTimeout = TimeSpan.FromMinutes(2);

    private readonly FakeTimeProvider _time = new();
    private readonly RecordingSink _sink = new();
    private SipTransportLayer? _transport;

    public ValueTask InitializeAsync()
    {
        _transport = new SipTransportLayer(
            Options.Create(new SipTransportOptions { ListenAddresses = ["127.0.0.1"], Port = 0, EnableUdp = false, TcpIdleTimeout = s_idleTimeout }),
            new SipTransportCounters(), _time, NullLogger<SipTransportLayer>.Instance);
        _transport.Start(_sink);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _transport!.DisposeAsync();

    [Fact]
    public async Task IdleSweep_ConnectionQuietPastTimeout_ClosedByServer()
    {
        using var client = await ConnectAsync();
        await WaitUntilAsync(() => _transport!.OpenConnections == 1);

        _time.Advance(s_idleTimeout + TimeSpan.FromMinutes(1));

        Assert.Equal(0, await ReceiveAsync(client, new byte[16]));
        await WaitUntilAsync(() => _transport!.OpenConnections == 0);
    }

    [Fact]
    public async Task IdleSweep_ConnectionUsedWithinTimeout_KeptOpen()
    {
        using var client = await ConnectAsync();
        await WaitUntilAsync(() => _transport!.OpenConnections == 1);

        _time.Advance(s_idleTimeout / 2);
        await client.SendAsync("\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
        var pong = new byte[2];
        var received = await ReceiveAsync(client, pong);
        _time.Advance(s_idleTimeout / 2 + TimeSpan.FromSeconds(10));

        // The sweep runs on the fake clock's tick, asynchronously: give a wrongful close time to happen.
        await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);

        Assert.Equal("\r\n", Encoding.ASCII.GetString(pong, 0, received));
        Assert.Equal(1, _transport!.OpenConnections);
    }

    [Fact]
    public async Task Send_ToAddressWithoutConnection_OpensOneAndReusesIt()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var destination = new SipEndPoint(SipTransportProtocol.Tcp, (IPEndPoint)listener.LocalEndPoint!);
        var options = SipMessageBuilder.Request(SipMethod.Options, "sip:peer@127.0.0.1")
            .Header(SipHeaderId.Via, "SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bKidle")
            .Header(SipHeaderId.CallId, "reuse@test")
            .Build();

        await _transport!.SendAsync(options, destination, TestContext.Current.CancellationToken);
        using var accepted = await listener.AcceptAsync(TestContext.Current.CancellationToken);
        await _transport.SendAsync(options, destination, TestContext.Current.CancellationToken);
        var buffer = new byte[4096];
        var total = 0;
        while (total < 2 * options.Bytes.Length)
        {
            total += await ReceiveAsync(accepted, buffer.AsMemory(total));
        }

        Assert.Equal(2 * options.Bytes.Length, total);
        Assert.Equal(1, _transport.OpenConnections);
    }

    private async Task<Socket> ConnectAsync()
    {
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(_transport!.LocalEndPoints[0].Address);
        return client;
    }

    private static async Task<int> ReceiveAsync(Socket socket, Memory<byte> buffer)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 10 s.");
            await Task.Delay(10);
        }
    }

    private sealed class RecordingSink : ISipMessageSink
    {
        public void OnMessage(SipMessage message, SipEndPoint source)
        {
        }

        public void OnRejectedRequest(SipMessage? message, SipEndPoint source, int statusCode, string reason)
        {
        }
    }
}
