using Inbox.Media.Bridging;
using Inbox.Media.Players;
using Inbox.Media.Tests.Codecs;

namespace Inbox.Media.Tests.Bridging;

public sealed class DtmfInjectorLoopbackTests : IAsyncLifetime
{
    private const byte TelephoneEvent = 101;

    private readonly MediaLoopbackFixture _media = new();

    public async ValueTask InitializeAsync() => await _media.Clock.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _media.DisposeAsync();

    [Fact]
    public async Task Enqueue_DigitsDuringMusic_EventsReplaceAudioAndTheStreamStaysContinuous()
    {
        var phone = _media.Phone();
        var leg = _media.Leg(phone);
        using var output = new EncodedLegOutput(leg, _media.Codecs.Create("PCMU"), payloadType: 0, inputRate: 8000);
        _media.Clock.Register(new PlayerFeed(new WavFilePlayer(AudioClip.FromSamples(Signal.Sine(440, 8000, 8000), 8000)), output));
        var keypad = new DtmfInjector(leg, TelephoneEvent, 8000);
        _media.Clock.Register(keypad);
        await _media.ReceiveAsync(phone, _media.Codecs.Create("PCMU"), 5);

        Assert.True(keypad.Enqueue("5#"));
        var (headers, _) = await _media.ReceiveAsync(phone, _media.Codecs.Create("PCMU"), 40);

        Assert.All(headers.Zip(headers.Skip(1)), p => Assert.Equal((ushort)(p.First.SequenceNumber + 1), p.Second.SequenceNumber));
        var firstEvent = headers.FindIndex(h => h.PayloadType == TelephoneEvent);
        var lastEvent = headers.FindLastIndex(h => h.PayloadType == TelephoneEvent);
        Assert.InRange(firstEvent, 0, 5);
        Assert.All(headers.Take(firstEvent), h => Assert.Equal(0, h.PayloadType));
        Assert.True(lastEvent < headers.Count - 1, "audio resumes after the digits");
        Assert.Equal(0, headers[^1].PayloadType);
        Assert.True(headers[firstEvent].Marker);
        Assert.Equal(2, headers.Where(h => h.PayloadType == TelephoneEvent).Select(h => h.Timestamp).Distinct().Count());
        Assert.False(keypad.IsBusy);
        Assert.False(leg.IsInjecting);
    }

    [Fact]
    public void Enqueue_NotADigit_Rejected()
    {
        var leg = _media.Leg(_media.Phone());
        var keypad = new DtmfInjector(leg, TelephoneEvent, 8000);

        Assert.False(keypad.Enqueue("12x"));
        Assert.False(keypad.IsBusy);
    }
}
