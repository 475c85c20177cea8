using Inbox.Media.Codecs;

namespace Inbox.Media.Tests.Codecs;

public sealed class G722CodecTests
{
    [Fact]
    public void Encode_TwentyMilliseconds_Gives160Bytes()
    {
        using var codec = new G722Codec();
        var payload = new byte[codec.MaxPayloadBytes];

        var bytes = codec.Encode(Signal.Sine(1000, 16000, 320), payload);

        Assert.Equal(160, bytes);
        Assert.Equal(16000, codec.SampleRate);
        Assert.Equal(8000, codec.RtpClockRate);
    }

    [Fact]
    public void Decode_EncodedOneKilohertzTone_SnrAbove20DbAfterDelay()
    {
        using var codec = new G722Codec();
        var input = Signal.Sine(1000, 16000, 16000);

        var output = CodecRoundTrip.Run(codec, input);

        var snr = Signal.AlignedSnrDb(input, output, maxLag: 64, skip: 320, out var lag);
        Assert.True(snr > 20, $"SNR {snr:F1} dB at lag {lag}");
    }

    [Fact]
    public void Decode_TwoFramesInOnePayload_DecodesBoth()
    {
        using var codec = new G722Codec();
        var payload = new byte[320];
        var pcm = new short[640];
        codec.Encode(Signal.Sine(1000, 16000, 640), payload);

        var samples = codec.Decode(payload, pcm);

        Assert.Equal(640, samples);
    }

    [Fact]
    public void Conceal_AnyTime_WritesOneFrame()
    {
        using var codec = new G722Codec();
        var pcm = new short[400];

        var samples = codec.Conceal(pcm);

        Assert.Equal(320, samples);
    }

    [Fact]
    public void EncodeDecode_SteadyState_AllocatesNothing()
    {
        using var codec = new G722Codec();
        var pcm = Signal.Sine(1000, 16000, 320);
        var payload = new byte[160];
        var decoded = new short[320];

        var allocated = Signal.AllocatedBytes(() =>
        {
            codec.Encode(pcm, payload);
            codec.Decode(payload, decoded);
            codec.Conceal(decoded);
        });

        Assert.Equal(0, allocated);
    }
}
