using Inbox.Media.Codecs;
using Microsoft.Extensions.Logging.Abstractions;

namespace Inbox.Media.Tests.Codecs;

public sealed class OpusCodecTests(ITestOutputHelper output)
{
    // Behaviour tests take native = false (managed Concentus, always run) and true (libopus, skipped when missing).

    [Fact]
    public void Create_Opus_ReportsImplementationInUse()
    {
        var factory = new AudioCodecFactory(NullLogger<AudioCodecFactory>.Instance);

        using var codec = factory.Create("opus");

        output.WriteLine($"Opus implementation: {factory.Opus} ({codec.GetType().Name}); libopus: {OpusLibrary.Version ?? "not found"}");
        Assert.Equal(factory.Opus == OpusImplementation.Native, codec is NativeOpusCodec);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_EncodedOneKilohertzTone_SnrAbove15DbAfterDelay(bool native)
    {
        using var codec = Create(native);
        var input = Signal.Sine(1000, 48000, 48000);

        var decoded = CodecRoundTrip.Run(codec, input);

        var snr = Signal.AlignedSnrDb(input, decoded, maxLag: 960, skip: 4800, out var lag);
        output.WriteLine($"native={native}: SNR {snr:F1} dB at lag {lag}");
        Assert.True(snr > 15, $"SNR {snr:F1} dB at lag {lag}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Encode_TwentyMillisecondsAt24Kbps_FitsTheBitrate(bool native)
    {
        using var codec = Create(native);
        var input = Signal.Sine(1000, 48000, 48000);
        var payload = new byte[codec.MaxPayloadBytes];
        var total = 0;

        for (var offset = 0; offset < input.Length; offset += 960)
        {
            total += codec.Encode(input.AsSpan(offset, 960), payload);
        }

        // One second of frames: about 24 kbit plus VBR and FEC headroom.
        Assert.InRange(total * 8, 8000, 40000);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Conceal_AfterFrames_WritesOneFrame(bool native)
    {
        using var codec = Create(native);
        CodecRoundTrip.Run(codec, Signal.Sine(1000, 48000, 9600));
        var pcm = new short[960];

        var samples = codec.Conceal(pcm);

        Assert.Equal(960, samples);
        Assert.True(Signal.Rms(pcm) > 0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Recover_NextPacketWithFec_WritesOneFrame(bool native)
    {
        using var codec = Create(native);
        var input = Signal.Sine(1000, 48000, 9600);
        CodecRoundTrip.Run(codec, input.AsSpan(0, 8640).ToArray());
        var payload = new byte[codec.MaxPayloadBytes];
        var bytes = codec.Encode(input.AsSpan(8640, 960), payload);
        var pcm = new short[960];

        var samples = codec.Recover(payload.AsSpan(0, bytes), pcm);

        Assert.Equal(960, samples);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decode_MalformedPacket_ReturnsMinusOne(bool native)
    {
        using var codec = Create(native);
        var pcm = new short[960];

        // TOC code 3 (arbitrary frame count) with no frame-count byte: invalid (RFC 6716 §3.2.5).
        var samples = codec.Decode([0x03], pcm);

        Assert.Equal(-1, samples);
    }

    [Fact]
    public void EncodeDecode_NativeSteadyState_AllocatesNothing()
    {
        // Managed Concentus allocates on every call by design (docs/benchmarks.md); only native libopus can be 0 B.
        Assert.SkipUnless(OpusLibrary.IsAvailable, "native libopus is not installed (apt-get install libopus0)");
        using var codec = new NativeOpusCodec();
        var pcm = Signal.Sine(1000, 48000, 960);
        var payload = new byte[codec.MaxPayloadBytes];
        var decoded = new short[960];

        var allocated = Signal.AllocatedBytes(() =>
        {
            var bytes = codec.Encode(pcm, payload);
            codec.Decode(payload.AsSpan(0, bytes), decoded);
            codec.Conceal(decoded);
        });

        Assert.Equal(0, allocated);
    }

    private static IAudioCodec Create(bool native)
    {
        if (!native)
        {
            return new ManagedOpusCodec();
        }

        Assert.SkipUnless(OpusLibrary.IsAvailable, "native libopus is not installed (apt-get install libopus0)");
        return new NativeOpusCodec();
    }
}
