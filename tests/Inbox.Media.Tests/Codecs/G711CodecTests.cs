using Inbox.Media.Codecs;

namespace Inbox.Media.Tests.Codecs;

public sealed class G711CodecTests
{
    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7F)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    public void Encode_MuLawKnownSample_GivesG711Byte(short sample, byte expected)
    {
        using var codec = G711Codec.CreateMuLaw();
        var payload = new byte[1];

        codec.Encode([sample], payload);

        Assert.Equal(expected, payload[0]);
    }

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-8, 0x55)]
    [InlineData(32767, 0xAA)]
    [InlineData(-32768, 0x2A)]
    public void Encode_ALawKnownSample_GivesG711Byte(short sample, byte expected)
    {
        using var codec = G711Codec.CreateALaw();
        var payload = new byte[1];

        codec.Encode([sample], payload);

        Assert.Equal(expected, payload[0]);
    }

    [Fact]
    public void Decode_SilenceBytes_GiveNearZero()
    {
        using var mu = G711Codec.CreateMuLaw();
        using var a = G711Codec.CreateALaw();
        var pcm = new short[2];

        mu.Decode([0xFF], pcm);
        a.Decode([0xD5], pcm.AsSpan(1));

        Assert.Equal(0, pcm[0]);
        Assert.InRange(pcm[1], 0, 8);
    }

    [Theory]
    [InlineData("PCMU")]
    [InlineData("PCMA")]
    public void Decode_EncodedOneKilohertzTone_SnrAbove30Db(string name)
    {
        using var codec = name == "PCMU" ? G711Codec.CreateMuLaw() : G711Codec.CreateALaw();
        var input = Signal.Sine(1000, 8000, 8000);

        var output = CodecRoundTrip.Run(codec, input);

        var snr = Signal.AlignedSnrDb(input, output, maxLag: 0, skip: 0, out _);
        Assert.True(snr > 30, $"SNR {snr:F1} dB");
    }

    [Fact]
    public void Conceal_AfterGoodFrame_RepeatsWithFadeThenSilence()
    {
        using var codec = G711Codec.CreateMuLaw();
        var pcm = new short[160];
        var payload = new byte[160];
        codec.Encode(Signal.Sine(1000, 8000, 160), payload);
        codec.Decode(payload, pcm);
        var original = Signal.Rms(pcm);

        var levels = new double[4];
        for (var i = 0; i < levels.Length; i++)
        {
            Assert.Equal(160, codec.Conceal(pcm));
            levels[i] = Signal.Rms(pcm);
        }

        Assert.True(levels[0] < original && levels[0] > original / 2);
        Assert.True(levels[1] < levels[0] && levels[2] < levels[1]);
        Assert.Equal(0, levels[3]);
    }

    [Fact]
    public void EncodeDecode_SteadyState_AllocatesNothing()
    {
        using var codec = G711Codec.CreateALaw();
        var pcm = Signal.Sine(1000, 8000, 160);
        var payload = new byte[160];
        var decoded = new short[160];

        var allocated = Signal.AllocatedBytes(() =>
        {
            codec.Encode(pcm, payload);
            codec.Decode(payload, decoded);
            codec.Conceal(decoded);
        });

        Assert.Equal(0, allocated);
    }
}
