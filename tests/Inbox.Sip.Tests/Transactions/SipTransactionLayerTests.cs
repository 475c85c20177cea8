using System.Net;
using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Tests.Transactions;

public sealed class SipTransactionLayerTests
{
    private readonly TransactionHarness _harness = new();

    [Fact]
    public void FindCancelTarget_CancelWithInviteBranch_ReturnsInviteTransaction()
    {
        var invite = _harness.Receive(SipTestMessages.Request(), TransactionHarness.Udp);
        var cancel = SipTestMessages.Request("CANCEL");

        var cancelTransaction = _harness.Receive(cancel, TransactionHarness.Udp);
        var target = _harness.Layer.FindCancelTarget(cancel);

        Assert.NotNull(cancelTransaction);
        Assert.NotSame(invite, cancelTransaction);
        Assert.Same(invite, target);
    }

    [Fact]
    public void FindCancelTarget_OtherBranch_ReturnsNull()
    {
        _harness.Receive(SipTestMessages.Request(), TransactionHarness.Udp);

        var target = _harness.Layer.FindCancelTarget(SipTestMessages.Request("CANCEL", branch: "z9hG4bKother"));

        Assert.Null(target);
    }

    [Fact]
    public void OnMessage_AckWithNewBranch_GoesToTu()
    {
        var invite = SipTestMessages.Request();
        _harness.Receive(invite, TransactionHarness.Udp);

        _harness.Layer.OnMessage(SipTestMessages.AckFor(invite, branch: "z9hG4bKack2xx"), TransactionHarness.Udp);

        Assert.Single(_harness.User.Acks);
    }

    [Fact]
    public void OnMessage_SameBranchOtherSentBy_CreatesSeparateTransactions()
    {
        _harness.Receive(SipTestMessages.Request(), TransactionHarness.Udp);

        _harness.Receive(SipTestMessages.Request(viaHost: "pc34.atlanta.example.com"), TransactionHarness.Udp);

        Assert.Equal(2, _harness.User.Requests.Count);
        Assert.Equal(2, _harness.Layer.ServerTransactionCount);
    }

    [Fact]
    public void OnMessage_ResponseWithoutTransaction_IsStray()
    {
        var response = SipTestMessages.Response(SipTestMessages.Request(), 200);

        _harness.Layer.OnMessage(response, TransactionHarness.Udp);

        Assert.Same(response, Assert.Single(_harness.User.StrayResponses));
    }

    [Fact]
    public void OnMessage_Rfc2543InviteAndAck_MatchWithoutMagicCookie()
    {
        var invite = SipTestMessages.Request(branch: "old1");
        var transaction = _harness.Receive(invite, TransactionHarness.Udp);

        _harness.Layer.OnMessage(SipTestMessages.Request(branch: "old1"), TransactionHarness.Udp);

        Assert.NotNull(transaction);
        Assert.Single(_harness.User.Requests);
    }

    [Fact]
    public void SendRequest_Ack_Throws()
    {
        var ack = SipTestMessages.Request("ACK", SipBranch.Create());

        Assert.Throws<ArgumentException>(() => _harness.Layer.SendRequest(ack, TransactionHarness.Udp));
    }

    [Fact]
    public void SendRequest_BranchWithoutMagicCookie_Throws()
    {
        var options = SipTestMessages.Request("OPTIONS", "abc123");

        Assert.Throws<ArgumentException>(() => _harness.Layer.SendRequest(options, TransactionHarness.Udp));
    }

    [Fact]
    public void OnMessage_UdpWithoutRPort_RespondsToSentByPort()
    {
        var source = new SipEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("198.51.100.7"), 61000));

        var transaction = _harness.Receive(SipTestMessages.Request("OPTIONS"), source)!;

        Assert.Equal(new IPEndPoint(IPAddress.Parse("198.51.100.7"), 5060), transaction.RemoteEndPoint.Address);
    }

    [Fact]
    public void OnMessage_UdpWithRPort_RespondsToSourcePort()
    {
        var source = new SipEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Parse("198.51.100.7"), 61000));

        var transaction = _harness.Receive(SipTestMessages.Request("OPTIONS", viaExtra: ";rport"), source)!;

        Assert.Equal(source, transaction.RemoteEndPoint);
    }

    [Fact]
    public void SipBranch_Create_HasMagicCookieAndIsUnique()
    {
        var first = SipBranch.Create();

        var second = SipBranch.Create();

        Assert.StartsWith(SipVia.MagicCookie, first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }
}
