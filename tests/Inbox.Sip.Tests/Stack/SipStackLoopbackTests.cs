using System.Text;
using Inbox.Sip.Auth;
using Inbox.Sip.Messages;

namespace Inbox.Sip.Tests.Stack;

public sealed class SipStackLoopbackTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Options_OverUdpWithRPort_Returns200WithAllowAndStampedVia()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = SipTestClient.Udp(server.UdpEndPoint);

        await client.SendAsync(client.Request("OPTIONS", "options-1"), Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("options-1", response.CallId);
        var allow = response.GetHeaderValues(SipHeaderId.Allow);
        Assert.Contains("REGISTER", allow);
        Assert.Contains("OPTIONS", allow);
        Assert.Equal("127.0.0.1", response.TopVia.Received);
        Assert.Equal(client.LocalEndPoint.Port, response.TopVia.RPort);
    }

    [Fact]
    public async Task Register_WithoutAuthorization_Returns401WithSha256ThenMd5Challenges()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = SipTestClient.Udp(server.UdpEndPoint);

        await client.SendAsync(Register(client, "reg-401", 1), Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);

        Assert.Equal(401, response.StatusCode);
        var challenges = Challenges(response);
        Assert.Equal(2, challenges.Count);
        Assert.Contains("algorithm=SHA-256", challenges[0], StringComparison.Ordinal);
        Assert.Contains("algorithm=MD5", challenges[1], StringComparison.Ordinal);
        Assert.Contains("realm=\"inbox\"", challenges[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithSha256Authorization_Returns200WithContactAndExpires()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = SipTestClient.Udp(server.UdpEndPoint);
        var challenge = await ChallengeAsync(client, "reg-200");
        var authorization = DigestClient.CreateAuthorization(challenge, LoopbackSipServer.Extension, LoopbackSipServer.Password, "REGISTER", "sip:inbox");

        await client.SendAsync(Register(client, "reg-200", 2, authorization), Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(DigestAlgorithm.Sha256, challenge.Algorithm);
        var contact = Assert.Single(response.Contacts);
        Assert.Equal(ContactUri(client), contact.Uri.ToString());
        Assert.Equal("600", contact.Parameters["expires"]);
        Assert.NotNull(response.GetHeader(SipHeaderId.Date));
    }

    [Fact]
    public async Task Register_WrongPassword_Returns403()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = SipTestClient.Udp(server.UdpEndPoint);
        var challenge = await ChallengeAsync(client, "reg-403");
        var authorization = DigestClient.CreateAuthorization(challenge, LoopbackSipServer.Extension, "wrong", "REGISTER", "sip:inbox");

        await client.SendAsync(Register(client, "reg-403", 2, authorization), Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);

        Assert.Equal(403, response.StatusCode);
        Assert.Empty(response.Contacts);
    }

    [Fact]
    public async Task Register_ExpiresZeroAfterRegistering_Returns200WithoutContacts()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = SipTestClient.Udp(server.UdpEndPoint);
        var challenge = await ChallengeAsync(client, "reg-unreg");
        var first = DigestClient.CreateAuthorization(challenge, LoopbackSipServer.Extension, LoopbackSipServer.Password, "REGISTER", "sip:inbox", nonceCount: 1);
        await client.SendAsync(Register(client, "reg-unreg", 2, first), Cancellation);
        var registered = await client.ReceiveResponseAsync(Cancellation);
        var second = DigestClient.CreateAuthorization(challenge, LoopbackSipServer.Extension, LoopbackSipServer.Password, "REGISTER", "sip:inbox", nonceCount: 2);

        await client.SendAsync(Register(client, "reg-unreg", 3, second, expires: 0), Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);

        Assert.Equal(200, registered.StatusCode);
        Assert.Single(registered.Contacts);
        Assert.Equal(200, response.StatusCode);
        Assert.Empty(response.Contacts);
    }

    [Fact]
    public async Task Receive_GarbageDatagram_IsCountedNotAnsweredAndServerKeepsServing()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = SipTestClient.Udp(server.UdpEndPoint);

        await client.SendAsync("hello world", Cancellation);
        await client.SendAsync(client.Request("OPTIONS", "after-garbage"), Cancellation);
        var first = await client.ReceiveResponseAsync(Cancellation);

        // The server reads datagrams in order on one loop, so an answer to the garbage would have come first.
        Assert.Equal(200, first.StatusCode);
        Assert.Equal("after-garbage", first.CallId);
        Assert.Equal(1, server.Counters.NotSip);
    }

    [Fact]
    public async Task Receive_CSeqNotANumber_Returns400NamingCSeq()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = SipTestClient.Udp(server.UdpEndPoint);

        await client.SendAsync(client.Request("OPTIONS", "bad-cseq", cseqValue: "abc OPTIONS"), Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("CSeq", response.ReasonPhrase, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Receive_MissingCallId_Returns400NamingCallId()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = SipTestClient.Udp(server.UdpEndPoint);
        var request = string.Join("\r\n", client.Request("OPTIONS", "dropped").Split("\r\n").Where(l => !l.StartsWith("Call-ID:", StringComparison.Ordinal)));

        await client.SendAsync(request, Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("Call-ID", response.ReasonPhrase, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Receive_Sip30Request_Returns505()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = SipTestClient.Udp(server.UdpEndPoint);

        await client.SendAsync(client.Request("OPTIONS", "sip-3", version: "SIP/3.0"), Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);

        Assert.Equal(505, response.StatusCode);
    }

    [Fact]
    public async Task Receive_UnknownMethod_Returns501()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = SipTestClient.Udp(server.UdpEndPoint);

        await client.SendAsync(client.Request("FOO", "foo-1"), Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);

        Assert.Equal(501, response.StatusCode);
        Assert.Equal("FOO", response.CSeq.MethodName);
    }

    [Fact]
    public async Task Receive_KnownUnservedMethod_Returns405WithAllow()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = SipTestClient.Udp(server.UdpEndPoint);

        await client.SendAsync(client.Request("MESSAGE", "message-1"), Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);

        Assert.Equal(405, response.StatusCode);
        var allow = response.GetHeaderValues(SipHeaderId.Allow);
        Assert.Contains("REGISTER", allow);
        Assert.DoesNotContain("MESSAGE", allow);
    }

    [Fact]
    public async Task Receive_RequireUnknownOption_Returns420WithUnsupported()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = SipTestClient.Udp(server.UdpEndPoint);

        await client.SendAsync(client.Request("OPTIONS", "require-1", extraHeaders: "Require: foo\r\n"), Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);

        Assert.Equal(420, response.StatusCode);
        Assert.Equal("foo", response.GetHeader("Unsupported"));
    }

    [Fact]
    public async Task Receive_RequestOverMaxMessageSize_Returns513()
    {
        await using var server = LoopbackSipServer.Start(maxMessageSize: 1024);
        using var client = SipTestClient.Udp(server.UdpEndPoint);
        var padding = "X-Padding: " + new string('a', 1800) + "\r\n";
        var request = client.Request("OPTIONS", "too-big", extraHeaders: padding);

        await client.SendAsync(request, Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);

        Assert.InRange(Encoding.UTF8.GetByteCount(request), 2000, 2200);
        Assert.Equal(513, response.StatusCode);
        Assert.Equal(1, server.Counters.Oversized);
    }

    [Fact]
    public async Task Receive_TcpHeadersAnnounceBodyOverMaxMessageSize_Returns513BeforeTheBodyAndCloses()
    {
        await using var server = LoopbackSipServer.Start(maxMessageSize: 1024);
        using var client = await SipTestClient.TcpAsync(server.TcpEndPoint, Cancellation);
        var request = client.Request("MESSAGE", "huge-body", extraHeaders: "Content-Type: text/plain\r\n")
            .Replace("Content-Length: 0", "Content-Length: 10000000", StringComparison.Ordinal);

        await client.SendAsync(request, Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);
        var closed = await Record.ExceptionAsync(() => client.ReceiveRawAsync(1, Cancellation));

        Assert.Equal(513, response.StatusCode);
        Assert.Equal(1, server.Counters.Oversized);
        Assert.IsType<IOException>(closed);
    }

    [Fact]
    public async Task Options_OverTcp_AnswersOnSameConnectionAndPongsKeepAlive()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = await SipTestClient.TcpAsync(server.TcpEndPoint, Cancellation);

        await client.SendAsync(client.Request("OPTIONS", "tcp-options", rport: false), Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);
        await client.SendAsync("\r\n\r\n", Cancellation);
        var pong = await client.ReceiveRawAsync(2, Cancellation);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("tcp-options", response.CallId);
        Assert.Equal("\r\n"u8.ToArray(), pong);
        Assert.Equal(1, server.Transport.OpenConnections);
    }

    [Fact]
    public async Task Options_TwoRequestsInOneTcpSegment_BothAnswered()
    {
        await using var server = LoopbackSipServer.Start();
        using var client = await SipTestClient.TcpAsync(server.TcpEndPoint, Cancellation);

        await client.SendAsync(client.Request("OPTIONS", "tcp-first", rport: false) + client.Request("OPTIONS", "tcp-second", rport: false), Cancellation);
        var first = await client.ReceiveResponseAsync(Cancellation);
        var second = await client.ReceiveResponseAsync(Cancellation);

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        Assert.Equivalent(new[] { "tcp-first", "tcp-second" }, new[] { first.CallId, second.CallId });
    }

    private static string ContactUri(SipTestClient client) => $"sip:{LoopbackSipServer.Extension}@127.0.0.1:{client.LocalEndPoint.Port}";

    private static string Register(SipTestClient client, string callId, int cseq, string? authorization = null, int expires = 600)
    {
        var headers = $"Contact: <{ContactUri(client)}>\r\nExpires: {expires}\r\n";
        if (authorization is not null)
        {
            headers += $"Authorization: {authorization}\r\n";
        }

        return client.Request("REGISTER", callId, cseq, headers);
    }

    private static List<string> Challenges(SipResponse response) =>
        [.. response.HeaderLines().Where(h => h.Key.Equals("WWW-Authenticate", StringComparison.OrdinalIgnoreCase)).Select(h => h.Value)];

    private static async Task<DigestChallenge> ChallengeAsync(SipTestClient client, string callId)
    {
        await client.SendAsync(Register(client, callId, 1), Cancellation);
        var response = await client.ReceiveResponseAsync(Cancellation);
        Assert.Equal(401, response.StatusCode);
        Assert.True(DigestClient.TrySelectChallenge(Challenges(response), out var challenge));
        return challenge!;
    }
}
