using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Tests.Transactions;

public sealed class SipInviteClientTransactionTests
{
    private readonly TransactionHarness _harness = new();
    private readonly List<SipResponse> _forwarded = [];

    [Fact]
    public void SendRequest_UdpWithoutResponse_RetransmitsWithTimerADoublingPastT2()
    {
        var transaction = Start();
        var counts = new List<int>();

        foreach (var step in new[] { 500, 1000, 2000, 4000, 8000 })
        {
            _harness.Advance(step);
            counts.Add(_harness.Transport.CountRequests(SipMethod.Invite));
        }

        Assert.Equal([2, 3, 4, 5, 6], counts);
        Assert.Equal(SipTransactionState.Calling, transaction.State);
    }

    [Fact]
    public async Task TimerB_NoResponse_CompletesWith408AndTerminates()
    {
        var transaction = Start();

        _harness.Advance(32_000);

        var response = await transaction.Completion;
        Assert.Equal(408, response.StatusCode);
        Assert.True(transaction.TimedOut);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.Equal(0, _harness.Layer.ClientTransactionCount);
    }

    [Fact]
    public void OnMessage_Provisional_ForwardsAndStopsRetransmissions()
    {
        var transaction = Start();

        _harness.Layer.OnMessage(SipTestMessages.Response(transaction.Request, 180), TransactionHarness.Udp);
        _harness.Advance(60_000);

        Assert.Equal(180, Assert.Single(_forwarded).StatusCode);
        Assert.Equal(SipTransactionState.Proceeding, transaction.State);
        Assert.Equal(1, _harness.Transport.CountRequests(SipMethod.Invite));
        Assert.False(transaction.Completion.IsCompleted);
    }

    [Fact]
    public async Task OnMessage_NonSuccessFinal_SendsAckBuiltFromRequestAndResponse()
    {
        var transaction = Start("Route: <sip:proxy.example.com;lr>\r\n");
        var busy = SipTestMessages.Response(transaction.Request, 486, toTag: "busy1");

        _harness.Layer.OnMessage(busy, TransactionHarness.Udp);

        Assert.Equal(486, (await transaction.Completion).StatusCode);
        Assert.Equal(SipTransactionState.Completed, transaction.State);
        var ack = Assert.IsType<SipRequest>(_harness.Transport.Sent[^1].Message);
        Assert.Equal(SipMethod.Ack, ack.Method);
        Assert.Equal(transaction.Request.RequestUriText, ack.RequestUriText);
        Assert.Equal(transaction.Request.TopVia.Branch, Assert.Single(ack.Vias).Branch);
        Assert.Equal(new SipCSeq(314159, SipMethod.Ack, "ACK"), ack.CSeq);
        Assert.Equal("busy1", ack.To.Tag);
        Assert.Equal(transaction.Request.From.Tag, ack.From.Tag);
        Assert.Equal(transaction.Request.CallId, ack.CallId);
        Assert.Equal("<sip:proxy.example.com;lr>", ack.GetHeader(SipHeaderId.Route));
        Assert.Equal(0, ack.Body.Length);
    }

    [Fact]
    public void OnMessage_RetransmittedNonSuccessFinal_ResendsAckWithoutTu()
    {
        var transaction = Start();
        var busy = SipTestMessages.Response(transaction.Request, 486);
        _harness.Layer.OnMessage(busy, TransactionHarness.Udp);

        _harness.Layer.OnMessage(busy, TransactionHarness.Udp);

        Assert.Equal(2, _harness.Transport.CountRequests(SipMethod.Ack));
        Assert.Empty(_forwarded);
    }

    [Fact]
    public void TimerD_AfterNonSuccessFinal_Terminates()
    {
        var transaction = Start();
        _harness.Layer.OnMessage(SipTestMessages.Response(transaction.Request, 486), TransactionHarness.Udp);

        _harness.Advance(31_999);
        var before = transaction.State;
        _harness.Advance(1);

        Assert.Equal(SipTransactionState.Completed, before);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }

    [Fact]
    public async Task OnMessage_Success_AcceptedForwardsFurther2xxWithoutAck()
    {
        var transaction = Start();
        var ok = SipTestMessages.Response(transaction.Request, 200);

        _harness.Layer.OnMessage(ok, TransactionHarness.Udp);
        _harness.Layer.OnMessage(ok, TransactionHarness.Udp);

        Assert.Equal(200, (await transaction.Completion).StatusCode);
        Assert.Equal(SipTransactionState.Accepted, transaction.State);
        Assert.Equal(200, Assert.Single(_forwarded).StatusCode);
        Assert.Equal(0, _harness.Transport.CountRequests(SipMethod.Ack));
    }

    [Fact]
    public void TimerM_InAccepted_TerminatesAndLater2xxIsStray()
    {
        var transaction = Start();
        var ok = SipTestMessages.Response(transaction.Request, 200);
        _harness.Layer.OnMessage(ok, TransactionHarness.Udp);

        _harness.Advance(32_000);
        _harness.Layer.OnMessage(ok, TransactionHarness.Udp);

        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.Single(_harness.User.StrayResponses);
        Assert.Empty(_forwarded);
    }

    [Fact]
    public async Task SendRequest_TransportFails_CompletionFaultsAndTerminates()
    {
        _harness.Transport.Fail = true;

        var transaction = Start();

        await Assert.ThrowsAsync<SipTransportException>(() => transaction.Completion);
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
        Assert.Equal(0, _harness.Layer.ClientTransactionCount);
    }

    [Fact]
    public async Task SendRequest_Tcp_NeverRetransmitsButTimesOut()
    {
        var transaction = Start(destination: TransactionHarness.Tcp);

        _harness.Advance(31_999);
        var sends = _harness.Transport.Sent.Count;
        _harness.Advance(1);

        Assert.Equal(1, sends);
        Assert.Equal(408, (await transaction.Completion).StatusCode);
    }

    [Fact]
    public void OnMessage_TcpNonSuccessFinal_AcksAndTerminatesAtOnce()
    {
        var transaction = Start(destination: TransactionHarness.Tcp);

        _harness.Layer.OnMessage(SipTestMessages.Response(transaction.Request, 603), TransactionHarness.Tcp);

        Assert.Equal(1, _harness.Transport.CountRequests(SipMethod.Ack));
        Assert.Equal(SipTransactionState.Terminated, transaction.State);
    }

    private SipClientTransaction Start(string extraHeaders = "", SipEndPoint? destination = null)
    {
        var invite = SipTestMessages.Request("INVITE", SipBranch.Create(), extraHeaders: extraHeaders);
        return _harness.Layer.SendRequest(invite, destination ?? TransactionHarness.Udp, (_, response) => _forwarded.Add(response));
    }
}
