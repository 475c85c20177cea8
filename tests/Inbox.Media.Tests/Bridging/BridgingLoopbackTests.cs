using Inbox.Media.Bridging;
using Inbox.Media.Players;
using Inbox.Media.Recording;
using Inbox.Media.Tests.Codecs;
using NAudio.Wave;

namespace Inbox.Media.Tests.Bridging;

/// <summary>Decoded paths over real sockets and the real media clock: hold music, transcoding, recording.</summary>
public sealed class BridgingLoopbackTests : IAsyncLifetime
{
    private readonly MediaLoopbackFixture _media = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("inbox-media-").FullName;

    public async ValueTask InitializeAsync() => await _media.Clock.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _media.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task PlayerFeed_HoldMusic_ListenerHearsItAsOneContinuousStream()
    {
        var phone = _media.Phone();
        var leg = _media.Leg(phone);
        var music = new WavFilePlayer(AudioClip.FromSamples(Signal.Sine(1000, 8000, 8000), 8000));
        using var output = new EncodedLegOutput(leg, _media.Codecs.Create("PCMU"), payloadType: 0, inputRate: 8000);
        _media.Clock.Register(new PlayerFeed(music, output));

        var (headers, pcm) = await _media.ReceiveAsync(phone, _media.Codecs.Create("PCMU"), 25);

        Assert.All(headers, h => Assert.Equal(0, h.PayloadType));
        Assert.All(headers.Zip(headers.Skip(1)), p => Assert.Equal((ushort)(p.First.SequenceNumber + 1), p.Second.SequenceNumber));
        Assert.InRange(MediaLoopbackFixture.ToneShare(pcm, 1000, 8000), 0.9, 1.1);
        Assert.InRange(Signal.Rms(pcm), 6000, 8000);
    }

    [Fact]
    public async Task TranscodingBridge_PcmuToG722_FarEndHearsTheTone()
    {
        var caller = _media.Phone();
        var callee = _media.Phone();
        var callerLeg = _media.Leg(caller);
        var calleeLeg = _media.Leg(callee);
        using var input = new DecodedLegInput(_media.Codecs.Create("PCMU"), payloadType: 0, outputRate: 16000, TimeProvider.System);
        using var output = new EncodedLegOutput(calleeLeg, _media.Codecs.Create("G722"), payloadType: 9, inputRate: 16000);
        callerLeg.SetHandler(input);
        _media.Clock.Register(new TranscodingBridge(input, output));

        var sending = _media.SendAsync(caller, callerLeg, _media.Codecs.Create("PCMU"), 0, Signal.Sine(1000, 8000, 8000 * 2));
        var (headers, pcm) = await _media.ReceiveAsync(callee, _media.Codecs.Create("G722"), 40);
        await sending;

        Assert.All(headers, h => Assert.Equal(9, h.PayloadType));
        var steady = pcm.AsSpan(pcm.Length / 2);
        Assert.InRange(MediaLoopbackFixture.ToneShare(steady, 1000, 16000), 0.8, 1.1);
        Assert.True(input.Counters.Played >= 40);
    }

    [Fact]
    public async Task RecordingTap_CustomerSpeaks_ToneOnTheLeftChannelSilenceOnTheRight()
    {
        var customer = _media.Phone();
        var agent = _media.Phone();
        var customerLeg = _media.Leg(customer);
        var agentLeg = _media.Leg(agent);
        using var customerInput = new DecodedLegInput(_media.Codecs.Create("PCMU"), 0, 8000, TimeProvider.System);
        using var agentInput = new DecodedLegInput(_media.Codecs.Create("PCMU"), 0, 8000, TimeProvider.System);
        customerLeg.SetHandler(customerInput);
        agentLeg.SetHandler(agentInput);
        var path = Path.Combine(_folder, "call.wav");
        var recorder = new CallRecorder(path, 8000);
        var tap = new RecordingTap(customerInput, agentInput, recorder);
        _media.Clock.Register(tap);

        await _media.SendAsync(customer, customerLeg, _media.Codecs.Create("PCMU"), 0, Signal.Sine(1000, 8000, 8000));
        await Task.Delay(300, TestContext.Current.CancellationToken);
        _media.Clock.Unregister(tap);
        await recorder.CloseAsync();

        var (left, right) = ReadStereo(path);
        var spoken = TrimSilence(left);
        Assert.True(spoken.Length >= 8000 * 8 / 10, $"{spoken.Length} samples of speech recorded");
        Assert.InRange(MediaLoopbackFixture.ToneShare(spoken, 1000, 8000), 0.9, 1.1);
        Assert.InRange(Signal.Rms(spoken), 6000, 8000);
        Assert.All(right, s => Assert.Equal(0, s));
    }

    // The recording starts before the first packet plays out and ends after the last: drop that silence.
    private static short[] TrimSilence(short[] pcm)
    {
        var first = Array.FindIndex(pcm, s => Math.Abs((int)s) > 100);
        var last = Array.FindLastIndex(pcm, s => Math.Abs((int)s) > 100);
        return first < 0 ? [] : pcm[first..(last + 1)];
    }

    private static (short[] Left, short[] Right) ReadStereo(string path)
    {
        using var reader = new WaveFileReader(path);
        Assert.Equal(2, reader.WaveFormat.Channels);
        Assert.Equal(8000, reader.WaveFormat.SampleRate);
        var bytes = new byte[reader.Length];
        var read = reader.Read(bytes, 0, bytes.Length);
        var samples = new short[read / 2];
        Buffer.BlockCopy(bytes, 0, samples, 0, read);
        return ([.. samples.Where((_, i) => i % 2 == 0)], [.. samples.Where((_, i) => i % 2 == 1)]);
    }
}
