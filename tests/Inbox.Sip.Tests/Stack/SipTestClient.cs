using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Inbox.Sip.Messages;
using Inbox.Sip.Parsing;

namespace Inbox.Sip.Tests.Stack;

/// <summary>A scripted SIP peer over a plain UDP or TCP socket: sends hand-written text, reads parsed responses.</summary>
internal sealed class SipTestClient : IDisposable
{
    private static readonly TimeSpan s_receiveTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket _socket;
    private readonly IPEndPoint _server;
    private readonly byte[] _buffer = new byte[65535];
    private int _filled;

    private SipTestClient(Socket socket, IPEndPoint server)
    {
        _socket = socket;
        _server = server;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public bool IsTcp => _socket.SocketType == SocketType.Stream;

    public static SipTestClient Udp(IPEndPoint server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return new SipTestClient(socket, server);
    }

    public static async Task<SipTestClient> TcpAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server, cancellationToken);
        return new SipTestClient(socket, server);
    }

    /// <summary>A request with every mandatory header; <paramref name="extraHeaders"/> are CRLF-terminated lines.</summary>
    public string Request(
        string method, string callId, int cseq = 1, string extraHeaders = "", bool rport = true, string version = "SIP/2.0", string? cseqValue = null)
    {
        var transport = IsTcp ? "TCP" : "UDP";
        var branch = "z9hG4bK" + Guid.NewGuid().ToString("N");
        return string.Create(CultureInfo.InvariantCulture, $"""
            {method} sip:{LoopbackSipServer.Extension}@{LoopbackSipServer.Realm} {version}
            Via: SIP/2.0/{transport} 127.0.0.1:{LocalEndPoint.Port};branch={branch}{(rport ? ";rport" : "")}
            Max-Forwards: 70
            From: <sip:{LoopbackSipServer.Extension}@{LoopbackSipServer.Realm}>;tag=client1
            To: <sip:{LoopbackSipServer.Extension}@{LoopbackSipServer.Realm}>
            Call-ID: {callId}
            CSeq: {cseqValue ?? $"{cseq} {method}"}
            {extraHeaders}Content-Length: 0


            """).ReplaceLineEndings("\r\n");
    }

    public Task SendAsync(string text, CancellationToken cancellationToken) => SendAsync(Encoding.UTF8.GetBytes(text), cancellationToken);

    public async Task SendAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        if (IsTcp)
        {
            await _socket.SendAsync(bytes, SocketFlags.None, cancellationToken);
        }
        else
        {
            await _socket.SendToAsync(bytes, SocketFlags.None, _server, cancellationToken);
        }
    }

    public async Task<SipResponse> ReceiveResponseAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_receiveTimeout);
        if (!IsTcp)
        {
            var received = await _socket.ReceiveAsync(_buffer, SocketFlags.None, timeout.Token);
            return Parse(_buffer.AsSpan(0, received));
        }

        while (true)
        {
            if (_filled > 0
                && SipMessageReader.TryRead(_buffer.AsSpan(0, _filled), isStream: true, new SipMessageIndex(), out var message, out _, out var consumed) == SipParseStatus.Ok)
            {
                _buffer.AsSpan(consumed, _filled - consumed).CopyTo(_buffer);
                _filled -= consumed;
                return Assert.IsType<SipResponse>(message);
            }

            await ReadMoreAsync(timeout.Token);
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> raw bytes from the TCP stream.</summary>
    public async Task<byte[]> ReceiveRawAsync(int count, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_receiveTimeout);
        while (_filled < count)
        {
            await ReadMoreAsync(timeout.Token);
        }

        var bytes = _buffer.AsSpan(0, count).ToArray();
        _buffer.AsSpan(count, _filled - count).CopyTo(_buffer);
        _filled -= count;
        return bytes;
    }

    public void Dispose() => _socket.Dispose();

    private async Task ReadMoreAsync(CancellationToken cancellationToken)
    {
        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_filled), SocketFlags.None, cancellationToken);
        if (read == 0)
        {
            throw new IOException("The server closed the connection.");
        }

        _filled += read;
    }

    private static SipResponse Parse(ReadOnlySpan<byte> data)
    {
        var status = SipMessageReader.TryRead(data, out var message, out var error);
        Assert.True(status == SipParseStatus.Ok, $"Unparseable reply ({status}, {error}): {Encoding.UTF8.GetString(data)}");
        return Assert.IsType<SipResponse>(message);
    }
}
