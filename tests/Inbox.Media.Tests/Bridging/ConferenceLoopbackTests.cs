using System.Net.Sockets;
using Inbox.Media.Bridging;
using Inbox.Media.Codecs;
using Inbox.Media.Sessions;
using Inbox.Media.Tests.Codecs;

namespace Inbox.Media.Tests.Bridging;

public sealed class ConferenceLoopbackTests : IAsyncLifetime
{
    private readonly MediaLoopbackFixture _media = new();
    private readonly List<IDisposable> _parts = [];

    public async ValueTask InitializeAsync() => await _media.Clock.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _media.DisposeAsync();
        _parts.ForEach(p => p.Dispose());
    }

    [Fact]
    public async Task Conference_ThreeMembers_EachHearsTheOthersButNotItself()
    {
        var conference = new ConferenceBridge(8000);
        var (alice, aliceLeg) = Join(conference);
        var (bob, bobLeg) = Join(conference);
        var (carol, _) = Join(conference);
        _media.Clock.Register(conference);

        var aliceTalks = _media.SendAsync(alice, aliceLeg, Codec(), 0, Signal.Sine(1000, 8000, 8000 * 2));
        var bobTalks = _media.SendAsync(bob, bobLeg, Codec(), 0, Signal.Sine(1800, 8000, 8000 * 2));
        var carolHears = _media.ReceiveAsync(carol, Codec(), 80);
        var aliceHears = _media.ReceiveAsync(alice, Codec(), 80);
        await Task.WhenAll(aliceTalks, bobTalks);
        var carolPcm = (await carolHears).Pcm;
        var alicePcm = (await aliceHears).Pcm;

        var carolAudio = carolPcm.AsSpan(carolPcm.Length / 2);
        var aliceAudio = alicePcm.AsSpan(alicePcm.Length / 2);
        Assert.True(MediaLoopbackFixture.ToneShare(carolAudio, 1000, 8000) > 0.3, "Carol hears Alice");
        Assert.True(MediaLoopbackFixture.ToneShare(carolAudio, 1800, 8000) > 0.3, "Carol hears Bob");
        Assert.True(MediaLoopbackFixture.ToneShare(aliceAudio, 1800, 8000) > 0.8, "Alice hears Bob");
        Assert.True(MediaLoopbackFixture.ToneShare(aliceAudio, 1000, 8000) < 0.02, "Alice does not hear herself");
    }

    private IAudioCodec Codec()
    {
        var codec = _media.Codecs.Create("PCMU");
        _parts.Add(codec);
        return codec;
    }

    private (Socket Phone, RtpSession Leg) Join(ConferenceBridge conference)
    {
        var phone = _media.Phone();
        var leg = _media.Leg(phone);
        var input = new DecodedLegInput(Codec(), 0, 8000, TimeProvider.System);
        var output = new EncodedLegOutput(leg, Codec(), 0, 8000);
        leg.SetHandler(input);
        conference.Join(input, output);
        return (phone, leg);
    }
}
