using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Tests.Transactions;

public sealed class SipNonInviteClientTransactionTests
{
    private readonly TransactionHarness _harness = new();
    private readonly List<SipResponse> _forwarded = [];

    [Fact]
    public void TimerE_Trying_DoublesUpToT2()
    {
        Start();
        var counts = new List<int>();

        // Retransmissions at 0.5, 1.5, 3.5, 7.5 and 11.5 s: intervals 0.5, 1, 2, 4, 4 (capped at T2).
        foreach (var step in new[] { 500, 1000, 2000, 3999, 1, 3999, 1 })
        {
            _harness.Advance(step);
            counts.Add(_harness.Transport.CountRequests(SipMethod.Bye));
        }

        Assert.Equal([2, 3, 4, 4, 5, 5, 6], counts);
    }

    [Fact]
    public void TimerE_Proceeding_RetransmitsEveryT2()
    {
        var transaction = Start();
        _harness.Layer.OnMessage(SipTestMessages.Response(transaction.Request, 100), TransactionHarness.Udp);

        _harness.Advance(500);
        var afterFirst = _harness.Transport.Sent.Count;
        _harness.Advance(4000);

        Assert.Equal(2, afterFirst);
        Assert.Equal(3, _harness.Transport.Sent.Count);
        Assert.Equal(SipTransactionState.Proceeding, transaction.State);
        Assert.Equal(100, Assert.Single(_forwarded).StatusCode);
    }

    [Fact]
    public async Task TimerF_NoFinal_CompletesWith408()
    {
        var transaction = Start();

        _harness.Advance(32_000);

        Assert.Equal(408, (await transaction.Completion).StatusCode);
        Assert.True(transaction.TimedOut);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }

    [Fact]
    public async Task OnMessage_Final_CompletesAbsorbsRetransmissionAndTerminatesAfterTimerK()
    {
        var transaction = Start();
        var ok = SipTestMessages.Response(transaction.Request, 200);

        _harness.Layer.OnMessage(ok, TransactionHarness.Udp);
        _harness.Layer.OnMessage(ok, TransactionHarness.Udp);
        _harness.Advance(4999);
        var beforeK = transaction.State;
        _harness.Advance(1);

        Assert.Equal(200, (await transaction.Completion).StatusCode);
        Assert.Empty(_forwarded);
        Assert.Empty(_harness.User.StrayResponses);
        Assert.Equal(SipTransactionState.Completed, beforeK);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.Single(_harness.Transport.Sent);
    }

    [Fact]
    public void OnMessage_TcpFinal_TerminatesWithoutRetransmissions()
    {
        var transaction = Start(TransactionHarness.Tcp);
        _harness.Advance(10_000);

        _harness.Layer.OnMessage(SipTestMessages.Response(transaction.Request, 200), TransactionHarness.Tcp);

        Assert.Single(_harness.Transport.Sent);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }

    [Fact]
    public async Task TimerE_RetransmissionFails_CompletionFaults()
    {
        var transaction = Start();
        _harness.Transport.Fail = true;

        _harness.Advance(500);

        await Assert.ThrowsAsync<SipTransportException>(() => transaction.Completion);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }

    private SipClientTransaction Start(SipEndPoint? destination = null)
    {
        var bye = SipTestMessages.Request("BYE", SipBranch.Create(), toTag: "a6c85cf", cseq: 2);
        return _harness.Layer.SendRequest(bye, destination ?? TransactionHarness.Udp, (_, response) => _forwarded.Add(response));
    }
}
