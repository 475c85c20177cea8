using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Tests.Transactions;

public sealed class SipInviteServerTransactionTests
{
    private readonly TransactionHarness _harness = new();

    [Fact]
    public void OnMessage_TuSilentFor200Ms_Sends100TryingWithoutToTag()
    {
        _harness.Receive(SipTestMessages.Request(), TransactionHarness.Udp);

        _harness.Advance(199);
        var early = _harness.Transport.Sent.Count;
        _harness.Advance(1);

        Assert.Equal(0, early);
        var trying = Assert.IsType<SipResponse>(Assert.Single(_harness.Transport.Sent).Message);
        Assert.Equal(100, trying.StatusCode);
        Assert.Null(trying.To.Tag);
        Assert.Equal("192.0.2.10", trying.TopVia.Received);
    }

    [Fact]
    public async Task SendResponseAsync_BeforeTryingDelay_Suppresses100()
    {
        var transaction = _harness.Receive(SipTestMessages.Request(), TransactionHarness.Udp)!;

        await transaction.SendResponseAsync(SipTestMessages.Response(transaction.Request, 180), TestContext.Current.CancellationToken);
        _harness.Advance(1000);

        Assert.Equal(180, ((SipResponse)Assert.Single(_harness.Transport.Sent).Message).StatusCode);
    }

    [Fact]
    public async Task OnMessage_RetransmittedInvite_ResendsLastProvisionalWithoutTu()
    {
        var invite = SipTestMessages.Request();
        var transaction = _harness.Receive(invite, TransactionHarness.Udp)!;
        await transaction.SendResponseAsync(SipTestMessages.Response(invite, 180), TestContext.Current.CancellationToken);

        _harness.Layer.OnMessage(SipTestMessages.Request(), TransactionHarness.Udp);

        Assert.Equal(2, _harness.Transport.CountResponses(180));
        Assert.Single(_harness.User.Requests);
    }

    [Fact]
    public async Task TimerG_NonSuccessFinal_RetransmitsDoublingToT2UntilTimerH()
    {
        var transaction = _harness.Receive(SipTestMessages.Request(), TransactionHarness.Udp)!;
        await transaction.SendResponseAsync(SipTestMessages.Response(transaction.Request, 486), TestContext.Current.CancellationToken);
        var counts = new List<int>();

        foreach (var step in new[] { 500, 1000, 2000, 4000, 4000 })
        {
            _harness.Advance(step);
            counts.Add(_harness.Transport.CountResponses(486));
        }

        _harness.Advance(32_000 - 11_500);

        Assert.Equal([2, 3, 4, 5, 6], counts);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        var failure = Assert.Single(_harness.User.Failures);
        Assert.Equal(SipTransactionFailure.Timeout, failure.Failure);
    }

    [Fact]
    public async Task OnMessage_AckForNonSuccess_ConfirmsAbsorbsAndTerminatesAfterTimerI()
    {
        var invite = SipTestMessages.Request();
        var transaction = _harness.Receive(invite, TransactionHarness.Udp)!;
        await transaction.SendResponseAsync(SipTestMessages.Response(invite, 486), TestContext.Current.CancellationToken);

        _harness.Layer.OnMessage(SipTestMessages.AckFor(invite), TransactionHarness.Udp);
        _harness.Layer.OnMessage(SipTestMessages.AckFor(invite), TransactionHarness.Udp);
        var confirmed = transaction.State;
        _harness.Advance(5000);

        Assert.Equal(SipTransactionState.Confirmed, confirmed);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.Empty(_harness.User.Acks);
        Assert.Equal(1, _harness.Transport.CountResponses(486));
        Assert.Empty(_harness.User.Failures);
    }

    [Fact]
    public async Task SendResponseAsync_Success_AcceptedAbsorbsInvitesPassesAcksAndTuRetransmits()
    {
        var invite = SipTestMessages.Request();
        var transaction = _harness.Receive(invite, TransactionHarness.Udp)!;
        var ok = SipTestMessages.Response(invite, 200);
        await transaction.SendResponseAsync(ok, TestContext.Current.CancellationToken);

        _harness.Layer.OnMessage(SipTestMessages.Request(), TransactionHarness.Udp);
        _harness.Layer.OnMessage(SipTestMessages.AckFor(invite), TransactionHarness.Udp);
        await transaction.SendResponseAsync(ok, TestContext.Current.CancellationToken);
        _harness.Advance(10_000);
        var accepted = transaction.State;
        _harness.Advance(22_000);

        Assert.Equal(2, _harness.Transport.CountResponses(200));
        Assert.Single(_harness.User.Requests);
        Assert.Single(_harness.User.Acks);
        Assert.Equal(SipTransactionState.Accepted, accepted);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }

    [Fact]
    public async Task SendResponseAsync_TcpNonSuccess_NoRetransmissionsAndAckTerminates()
    {
        var invite = SipTestMessages.Request(transport: "TCP");
        var transaction = _harness.Receive(invite, TransactionHarness.Tcp)!;
        await transaction.SendResponseAsync(SipTestMessages.Response(invite, 486), TestContext.Current.CancellationToken);

        _harness.Advance(20_000);
        _harness.Layer.OnMessage(SipTestMessages.AckFor(invite), TransactionHarness.Tcp);

        Assert.Equal(1, _harness.Transport.CountResponses(486));
        Assert.Equal(TransactionHarness.Tcp, _harness.Transport.Sent[^1].Destination);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }

    [Fact]
    public async Task SendResponseAsync_TransportFails_ThrowsAndTerminates()
    {
        var transaction = _harness.Receive(SipTestMessages.Request(), TransactionHarness.Udp)!;
        _harness.Transport.Fail = true;

        await Assert.ThrowsAsync<SipTransportException>(
            () => transaction.SendResponseAsync(SipTestMessages.Response(transaction.Request, 180), TestContext.Current.CancellationToken));

        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.Equal(0, _harness.Layer.ServerTransactionCount);
    }

    [Fact]
    public async Task TimerG_RetransmissionFails_ReportsTransportError()
    {
        var transaction = _harness.Receive(SipTestMessages.Request(), TransactionHarness.Udp)!;
        await transaction.SendResponseAsync(SipTestMessages.Response(transaction.Request, 500), TestContext.Current.CancellationToken);
        _harness.Transport.Fail = true;

        _harness.Advance(500);

        var failure = Assert.Single(_harness.User.Failures);
        Assert.Equal(SipTransactionFailure.TransportError, failure.Failure);
        Assert.NotNull(failure.Error);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }
}
