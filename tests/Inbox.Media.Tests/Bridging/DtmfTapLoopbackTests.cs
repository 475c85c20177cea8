using Inbox.Media.Bridging;
using Inbox.Media.Dtmf;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;

namespace Inbox.Media.Tests.Bridging;

public sealed class DtmfTapLoopbackTests : IAsyncLifetime
{
    private const byte TelephoneEvent = 101;

    private readonly MediaLoopbackFixture _media = new();
    private readonly List<DtmfDigit> _digits = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _media.DisposeAsync();

    [Fact]
    public async Task DtmfTap_PhoneSendsDigits_EachReportedOnceAndStillRelayed()
    {
        var phone = _media.Phone();
        var farEnd = _media.Phone();
        var leg = _media.Leg(phone);
        var farLeg = _media.Leg(farEnd);
        leg.SetHandler(new DtmfTap(TelephoneEvent, 8000, OnDigit, new RtpRelay(farLeg), TimeProvider.System));

        var sent = await SendDigitsAsync(phone, leg, "12#");
        var relayed = await _media.ReceiveAsync(farEnd, _media.Codecs.Create("PCMU"), sent);
        await WaitForDigitsAsync(3);

        Assert.Equal("12#", string.Concat(Digits().Select(d => d.Digit)));
        Assert.All(Digits(), d => Assert.Equal(TimeSpan.FromMilliseconds(100), d.Duration));
        Assert.All(relayed.Headers, h => Assert.Equal(TelephoneEvent, h.PayloadType));
    }

    private void OnDigit(DtmfDigit digit)
    {
        lock (_digits)
        {
            _digits.Add(digit);
        }
    }

    private List<DtmfDigit> Digits()
    {
        lock (_digits)
        {
            return [.. _digits];
        }
    }

    private async Task WaitForDigitsAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Digits().Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }

    // RFC 4733 as a phone sends it: packets every 20 ms, three end packets, the same timestamp within an event.
    private static async Task<int> SendDigitsAsync(System.Net.Sockets.Socket phone, RtpSession leg, string digits)
    {
        var sender = new DtmfSender(8000, TimeSpan.FromMilliseconds(20));
        var packet = new byte[RtpHeader.FixedLength + DtmfEvent.Length];
        ushort sequence = 1;
        uint timestamp = 1000;
        var sent = 0;
        foreach (var digit in digits)
        {
            Assert.True(sender.TryStart(digit, timestamp));
            while (sender.TryWriteNext(packet.AsSpan(RtpHeader.FixedLength), out var dtmf))
            {
                new RtpHeader(TelephoneEvent, dtmf.Marker, sequence++, dtmf.Timestamp, 0xD7F).TryWrite(packet, out _);
                await phone.SendToAsync(packet, leg.LocalEndPoint, TestContext.Current.CancellationToken);
                sent++;
                await Task.Delay(5, TestContext.Current.CancellationToken);
            }

            timestamp = sender.EarliestNextTimestamp;
        }

        return sent;
    }
}
