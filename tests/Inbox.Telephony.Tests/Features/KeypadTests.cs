using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Inbox.Interactions.Calls;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Events;
using Inbox.Media.Dtmf;
using Inbox.Media.Rtp;
using Inbox.Telephony.Tests.Legs;

namespace Inbox.Telephony.Tests.Features;

/// <summary>The keypad both ways on a bridged call: the agent's digits to the customer, the customer's to the agent.</summary>
public sealed class KeypadTests : CallTestBase
{
    private const int TelephoneEvent = 101;

    [Fact]
    public async Task SendDtmf_CustomerNegotiatedTelephoneEvents_ArriveAsRfc4733Events()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        var view = await Harness.Handler.SendDtmfAsync(call.CallId, "5#");
        var events = await ReceiveEventsAsync(caller.Rtp, count: 2);

        Assert.Equal(CallState.Connected, view.State);
        Assert.Equal("5#", events);
        await HangUpAsync(caller, phone, call);
    }

    [Fact]
    public async Task SendDtmf_CustomerWithoutTelephoneEvents_SentAsSipInfoInHerDialog()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone, offer: caller.Offer("0", "a=rtpmap:0 PCMU/8000\r\n"));

        await Harness.Handler.SendDtmfAsync(call.CallId, "7*");
        var first = await caller.ReceiveRequestAndOkAsync();
        var second = await caller.ReceiveRequestAndOkAsync();

        Assert.Equal(("INFO", caller.CallId, "application/dtmf-relay"), (first.MethodName, first.CallId, first.GetHeader(Sip.Messages.SipHeaderId.ContentType)));
        Assert.Equal("Signal=7\r\nDuration=100\r\n", Encoding.ASCII.GetString(first.Body.Span));
        Assert.Equal("Signal=*\r\nDuration=100\r\n", Encoding.ASCII.GetString(second.Body.Span));
        Assert.True(second.CSeq.Number > first.CSeq.Number);
        await HangUpAsync(caller, phone, call);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12x")]
    [InlineData("abc")]
    [InlineData("123456789012345678901234567890123")]
    public async Task SendDtmf_NotKeypadDigits_InvalidArgument(string digits)
    {
        var refused = await Assert.ThrowsAsync<InboxException>(() => Harness.Handler.SendDtmfAsync("no-such-call", digits));

        Assert.Equal(InboxError.InvalidArgument, refused.Error);
    }

    [Fact]
    public async Task CustomerPressesKey_AfterHoldAndResume_PublishedAndRegeneratedTowardThePhone()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        // The bridge swaps the legs' targets on hold and resume; the tap on her leg must stay.
        await Harness.Handler.SetHoldAsync(call.CallId, onHold: true);
        await Harness.Handler.SetHoldAsync(call.CallId, onHold: false);
        await SendEventAsync(caller.Rtp, call.CallerLegPort, '9');
        var regenerated = await ReceiveEventsAsync(phone.Rtp, count: 1);
        await Until(() => Digits().Count > 0);

        Assert.Equal(new DtmfReceived(call.InteractionId, '9', 100), Assert.Single(Digits()));
        Assert.Equal("9", regenerated);
        await HangUpAsync(caller, phone, call);
    }

    [Fact]
    public async Task CustomerSendsInfo_DtmfRelay_Answered200AndPublished()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var call = await ConnectAsync(caller, phone);

        await caller.InfoAsync("5000", 2, "application/dtmf-relay", "Signal=3\r\nDuration=250\r\n");
        var ok = await caller.ReceiveAsync();
        await caller.InfoAsync("5000", 3, "text/plain", "hello");
        var refused = await caller.ReceiveAsync();
        await Until(() => Digits().Count > 0);

        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(415, refused.StatusCode);
        Assert.Equal(new DtmfReceived(call.InteractionId, '3', 250), Assert.Single(Digits()));
        await HangUpAsync(caller, phone, call);
    }

    private List<DtmfReceived> Digits() => [.. Harness.Inbox.Published.Select(e => e.Event).OfType<DtmfReceived>()];

    private async Task HangUpAsync(TestCaller caller, TestPhone phone, BridgedCall call)
    {
        await Harness.Handler.HangUpAsync(call.CallId, Agent, call.InteractionId);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("BYE"), 200, "OK");
        Assert.Equal("BYE", (await caller.ReceiveRequestAndOkAsync()).MethodName);
        await AssertNothingLeftAsync();
    }

    // One digit as a phone sends it: an event packet every 20 ms, three end packets, one timestamp.
    private static async Task SendEventAsync(Socket from, int serverPort, char digit)
    {
        var sender = new DtmfSender(8000, TimeSpan.FromMilliseconds(20));
        var packet = new byte[RtpHeader.FixedLength + DtmfEvent.Length];
        var server = new IPEndPoint(IPAddress.Loopback, serverPort);
        Assert.True(sender.TryStart(digit, 80_000));
        for (ushort sequence = 1000; sender.TryWriteNext(packet.AsSpan(RtpHeader.FixedLength), out var dtmf); sequence++)
        {
            new RtpHeader(TelephoneEvent, dtmf.Marker, sequence, dtmf.Timestamp, 0x11111111).TryWrite(packet, out _);
            await from.SendToAsync(packet, SocketFlags.None, server);
            await Task.Delay(20);
        }
    }

    // The digits of the telephone events that reach the socket, each once (at its first end packet).
    private static async Task<string> ReceiveEventsAsync(Socket socket, int count)
    {
        var digits = new StringBuilder();
        var buffer = new byte[2048];
        var ended = new HashSet<uint>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (digits.Length < count)
        {
            var length = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            if (length == RtpHeader.FixedLength + DtmfEvent.Length && (buffer[1] & 0x7F) == TelephoneEvent
                && DtmfEvent.TryParse(buffer.AsSpan(RtpHeader.FixedLength), out var dtmf) && dtmf.End
                && ended.Add(BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(4))) && dtmf.TryGetDigit(out var digit))
            {
                digits.Append(digit);
            }
        }

        return digits.ToString();
    }
}
