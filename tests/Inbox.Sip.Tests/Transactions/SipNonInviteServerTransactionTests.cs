using Inbox.Sip.Transactions;

namespace Inbox.Sip.Tests.Transactions;

public sealed class SipNonInviteServerTransactionTests
{
    private readonly TransactionHarness _harness = new();

    [Fact]
    public void OnMessage_RetransmissionInTrying_IsDropped()
    {
        _harness.Receive(SipTestMessages.Request("OPTIONS"), TransactionHarness.Udp);

        _harness.Layer.OnMessage(SipTestMessages.Request("OPTIONS"), TransactionHarness.Udp);

        Assert.Single(_harness.User.Requests);
        Assert.Empty(_harness.Transport.Sent);
    }

    [Fact]
    public async Task OnMessage_RetransmissionAfterProvisionalAndFinal_GetsLastResponse()
    {
        var transaction = _harness.Receive(SipTestMessages.Request("OPTIONS"), TransactionHarness.Udp)!;
        var cancellation = TestContext.Current.CancellationToken;

        await transaction.SendResponseAsync(SipTestMessages.Response(transaction.Request, 100), cancellation);
        _harness.Layer.OnMessage(SipTestMessages.Request("OPTIONS"), TransactionHarness.Udp);
        await transaction.SendResponseAsync(SipTestMessages.Response(transaction.Request, 200), cancellation);
        _harness.Layer.OnMessage(SipTestMessages.Request("OPTIONS"), TransactionHarness.Udp);
        await transaction.SendResponseAsync(SipTestMessages.Response(transaction.Request, 500), cancellation);

        Assert.Equal(2, _harness.Transport.CountResponses(100));
        Assert.Equal(2, _harness.Transport.CountResponses(200));
        Assert.Equal(0, _harness.Transport.CountResponses(500));
        Assert.Equal(SipTransactionState.Completed, transaction.State);
    }

    [Fact]
    public async Task TimerJ_AfterFinalOverUdp_Terminates()
    {
        var transaction = _harness.Receive(SipTestMessages.Request("OPTIONS"), TransactionHarness.Udp)!;
        await transaction.SendResponseAsync(SipTestMessages.Response(transaction.Request, 200), TestContext.Current.CancellationToken);

        _harness.Advance(31_999);
        var beforeJ = transaction.State;
        _harness.Advance(1);

        Assert.Equal(SipTransactionState.Completed, beforeJ);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.Equal(0, _harness.Layer.ServerTransactionCount);
    }

    [Fact]
    public async Task SendResponseAsync_TcpFinal_TerminatesAtOnce()
    {
        var transaction = _harness.Receive(SipTestMessages.Request("OPTIONS", transport: "TCP"), TransactionHarness.Tcp)!;

        await transaction.SendResponseAsync(SipTestMessages.Response(transaction.Request, 200), TestContext.Current.CancellationToken);

        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }
}
